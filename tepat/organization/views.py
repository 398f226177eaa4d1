from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from tepat.core.views_utils import scoped_or_404
from tepat.organization.forms import PositionFilterForm
from tepat.organization.selectors import (
    PositionFilters,
    position_get,
    position_list,
    position_occupants,
    position_page_rows,
    unit_get,
    unit_tree,
)


class UnitTreeView(TemplateView):
    template_name = "organization/unit_tree.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["units"] = unit_tree(viewer=self.request.user)
        return context


class UnitDetailView(TemplateView):
    template_name = "organization/unit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit = scoped_or_404(self.request, unit_get, public_id=kwargs["public_id"])
        context["unit"] = unit
        context["positions"] = position_list(viewer=self.request.user, filters=PositionFilters(unit=unit))
        return context


class PositionListView(TemplateView):
    template_name = "organization/position_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = PositionFilterForm(self.request.GET or None)
        filters = PositionFilters()
        if form.is_valid():
            filters = PositionFilters(
                unit=form.cleaned_data["unit"],
                kind=form.cleaned_data["kind"],
                q=form.cleaned_data["q"],
                only_vacant=form.cleaned_data["only_vacant"],
            )
        rows = position_page_rows(viewer=self.request.user, filters=filters)
        paginator = Paginator(rows, self.paginate_by)
        paginator.count = position_list(viewer=self.request.user, filters=filters).count()  # see selectors
        context["form"] = form
        context["page_obj"] = paginator.get_page(self.request.GET.get("page"))
        return context


class PositionDetailView(TemplateView):
    template_name = "organization/position_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        position = scoped_or_404(self.request, position_get, public_id=kwargs["public_id"])
        visible = set(
            position_occupants(viewer=self.request.user, position=position).values_list("pk", flat=True)
        )
        context["position"] = position
        context["visible_occupants"] = visible
        return context
