from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.views.generic import TemplateView, View

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.core.scoping import today, user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.roles import Role
from tepat.people.forms import EmployeeFilterForm
from tepat.people.selectors import EmployeeFilters, employee_for_user, employee_get, employee_list


class EmployeeListView(TemplateView):
    template_name = "people/employee_list.html"
    paginate_by = 50

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return ["people/_employee_table.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = EmployeeFilterForm(self.request.GET or None)
        filters = EmployeeFilters()
        if form.is_valid():
            data = form.cleaned_data
            filters = EmployeeFilters(
                q=data["q"],
                unit=data["unit"],
                rank=data["rank"],
                kind=data["kind"],
                education_field=data["education_field"].pk if data["education_field"] else None,
                over_max_tenure_on=today() if data["over_tenure"] else None,
            )
        rows = employee_list(viewer=self.request.user, filters=filters)
        context["form"] = form
        context["page_obj"] = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("page"))
        context["query_string"] = _without_page(self.request)
        return context


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class EmployeeDetailView(TemplateView):
    template_name = "people/employee_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        employee = scoped_or_404(self.request, employee_get, public_id=kwargs["public_id"])
        show_full_nik = user_scope(self.request.user).has(Role.HR_ADMIN)
        # Reading a profile is processing personal data (UU PDP Ps 31): record it.
        audit_record(
            actor=self.request.user,
            action="view_profile",
            obj=employee,
            kind=AuditEntry.Kind.ACCESS,
            changes={"full_nik": show_full_nik},
        )
        context["employee"] = employee
        context["show_full_nik"] = show_full_nik
        return context


class MyProfileView(View):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        employee = employee_for_user(user=request.user)
        if employee is None:
            raise Http404("Akun ini tidak terhubung dengan data pegawai.")
        return redirect(employee)
