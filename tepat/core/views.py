from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.generic import TemplateView

from tepat.core.dashboard_cards import dashboard_cards
from tepat.core.scoping import today, user_scope
from tepat.core.selectors import dashboard
from tepat.engine.roles import Role
from tepat.people.selectors import completeness_counts, incomplete_employees


def health(request: HttpRequest) -> HttpResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


class DashboardView(TemplateView):
    template_name = "core/dashboard.html"

    def get_template_names(self) -> list[str]:
        if self._employee_only():
            return ["core/dashboard_employee.html"]  # an employee's home: their notice, survey and JP
        return [self.template_name]

    def _employee_only(self) -> bool:
        return user_scope(self.request.user).roles <= {Role.EMPLOYEE}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cards"] = dashboard_cards(viewer=self.request.user)
        scope = user_scope(self.request.user)
        if scope.government_wide or scope.unit_paths:  # headcounts only where the viewer has staff scope
            context["board"] = dashboard(viewer=self.request.user, on=today())
        return context


class CompletenessView(TemplateView):
    template_name = "core/completeness.html"
    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = today().year - 1
        rows = incomplete_employees(viewer=self.request.user, year=year)
        context["year"] = year
        context["counts"] = counts = completeness_counts(viewer=self.request.user, year=year)
        paginator = Paginator(rows, self.paginate_by)
        paginator.count = counts.incomplete  # already counted by the aggregate: no second pass
        context["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return context
