"""Pages of the needs analysis: parse the filter, call one selector, render (no rule lives here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from tepat.core.scoping import today
from tepat.core.views_utils import scoped_or_404
from tepat.organization.models import Unit
from tepat.planning.needs import exports
from tepat.planning.needs.charts import needs_chart, projection_chart
from tepat.planning.needs.fit import name_staff, staff_fit
from tepat.planning.needs.forms import UnitFilterForm, VacancyFilterForm
from tepat.planning.needs.people import names
from tepat.planning.needs.rules import ROUNDING_LABELS
from tepat.planning.needs.selectors import (
    home_unit,
    name_leavers,
    name_people,
    needs_report,
    projection_report,
    unit_in_scope_get,
)
from tepat.planning.needs.vacancies import horizon_after, name_releases, name_vacancies, vacancy_map_for

PAGE_SIZE = 50
STATUS_FILTERS = {"kekurangan", "kelebihan", "sesuai", "tanpa_dasar"}
OVERVIEW_NAMES = 5  # per top-10 row: a handful of names and "dan N lainnya" (a row may count 150 people)


def _page(request: HttpRequest, rows: Any, name: str = "page") -> Any:
    """A page of `rows`; a sequence is sliced as it is (a lazy report builds only the rows shown). The
    paginator lets go of the full list once the page is cut (its count is cached), see `_shown`."""
    rows = rows if isinstance(rows, Sequence) else list(rows)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get(name))
    page.paginator.object_list = ()
    return page


def _shown(report: Any, *names: str, **values: Any) -> SimpleNamespace:
    """What a template reads of a whole-city report, without the city behind it. Django's template Context
    and its ContextDicts reference each other, so everything the context holds is freed only by a full
    garbage collection: a report left in the context made 20,000+ objects of cyclic garbage a request
    and decided the page's slowest requests. Without it the report dies by reference counting."""
    return SimpleNamespace(**{name: getattr(report, name) for name in names}, **values)


def _query_string(request: HttpRequest, drop: str = "page") -> str:
    params = request.GET.copy()
    params.pop(drop, None)
    return params.urlencode()


class UnitFilterMixin:
    """Reads `?unit=<public_id>` through the scoped filter form; an invalid value is shown on the form."""

    request: HttpRequest
    form_class: type[UnitFilterForm] = UnitFilterForm

    def filter_form(self) -> UnitFilterForm:
        form = self.form_class(self.request.GET or None, viewer=self.request.user)
        form.is_valid()
        return form

    def chosen_unit(self, form: UnitFilterForm) -> Unit | None:
        cleaned = getattr(form, "cleaned_data", {})
        return cleaned.get("unit") or home_unit(viewer=self.request.user)


class NeedsOverviewView(TemplateView):
    template_name = "planning/needs/overview.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unit = home_unit(viewer=request.user)
        if unit is not None:
            return HttpResponseRedirect(reverse("planning:needs_unit", kwargs={"public_id": unit.public_id}))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = needs_report(viewer=self.request.user, with_ids=False)
        context.update(_needs_context(report))
        shortages = sorted(report.shortages, key=lambda p: p.balance.selisih or 0)[:10]
        surpluses = sorted(report.surpluses, key=lambda p: -(p.balance.selisih or 0))[:10]
        named = name_people(
            viewer=self.request.user, rows=shortages + surpluses, report=report, limit=OVERVIEW_NAMES
        )
        context["shortages"], context["surpluses"] = named[: len(shortages)], named[len(shortages) :]
        return context


class NeedsUnitView(TemplateView):
    template_name = "planning/needs/unit.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        unit = scoped_or_404(self.request, unit_in_scope_get, public_id=kwargs["public_id"])
        report = needs_report(viewer=self.request.user, unit=unit, with_ids=False)
        status = self.request.GET.get("status", "")
        rows = [p for p in report.positions if status not in STATUS_FILTERS or p.balance.status == status]
        context.update(_needs_context(report))
        page = _page(self.request, rows)
        page.object_list = name_people(viewer=self.request.user, rows=page.object_list, report=report)
        context.update(unit=unit, status=status, page_obj=page)
        context["query_string"] = _query_string(self.request)
        return context


def _needs_context(report: Any) -> dict[str, Any]:
    return {
        "report": _shown(report, "root", "reference", "rules", "rows", "total"),
        "chart": needs_chart(report),
        "rounding_label": ROUNDING_LABELS[report.rules.rounding],
    }


class NeedsProjectionView(UnitFilterMixin, TemplateView):
    template_name = "planning/needs/projection.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        report = projection_report(viewer=self.request.user, unit=self.chosen_unit(form))
        needs = _shown(report.needs, "root", "reference")
        context.update(form=form, projection=_shown(report, "years", "skipped", needs=needs))
        context["chart"] = projection_chart(report)
        context["priorities"] = _page(self.request, report.priorities)
        leavers = _page(self.request, report.leavers, "leavers")
        leavers.object_list = name_leavers(viewer=self.request.user, rows=leavers.object_list)
        context["leavers"] = leavers
        context["skipped_people"] = names(viewer=self.request.user, ids=report.skipped).values()
        context["query_string"] = _query_string(self.request)
        return context


class NeedsMismatchView(UnitFilterMixin, TemplateView):
    template_name = "planning/needs/mismatch.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        report = staff_fit(viewer=self.request.user, unit=self.chosen_unit(form), named=False)
        show_all = self.request.GET.get("semua") == "1"
        mismatches = report.mismatches
        shown = _shown(report, "root", "rows", mismatches=range(len(mismatches)))  # the page shows the count
        context.update(form=form, fit=shown, show_all=show_all)
        page = _page(self.request, report.staff if show_all else mismatches)
        page.object_list = name_staff(viewer=self.request.user, rows=page.object_list)
        context["page_obj"] = page
        context["query_string"] = _query_string(self.request)
        return context


def _horizon(form: VacancyFilterForm, as_of: date) -> tuple[int, date]:
    months = getattr(form, "cleaned_data", {}).get("horizon")
    months = 12 if months is None else months
    return months, horizon_after(as_of, months)


class VacancyMapView(UnitFilterMixin, TemplateView):
    template_name = "planning/needs/vacancy_map.html"
    form_class = VacancyFilterForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = self.filter_form()
        assert isinstance(form, VacancyFilterForm)  # noqa: S101 - form_class above
        months, horizon = _horizon(form, today())
        unit = self.chosen_unit(form)
        report = vacancy_map_for(viewer=self.request.user, unit=unit, horizon=horizon, named=False)
        counts = {"vacancies": range(len(report.vacancies)), "releases": range(len(report.releases))}
        shown = _shown(report, "as_of", "horizon", "empty_now", "skipped", **counts)  # the cards show counts
        context.update(form=form, vacancies=shown, months=months)
        page = _page(self.request, report.vacancies)
        page.object_list = name_vacancies(viewer=self.request.user, rows=page.object_list)
        releases = _page(self.request, report.releases, "releases")
        releases.object_list = name_releases(viewer=self.request.user, rows=releases.object_list)
        context.update(page_obj=page, releases=releases)
        context["query_string"] = _query_string(self.request)
        return context


class NeedsExportXlsxView(UnitFilterMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unit = self.chosen_unit(self.filter_form())
        return exports.needs_xlsx(projection_report(viewer=request.user, unit=unit), actor=request.user)


class NeedsExportPdfView(UnitFilterMixin, View):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unit = self.chosen_unit(self.filter_form())
        return exports.needs_pdf(projection_report(viewer=request.user, unit=unit), actor=request.user)


class VacancyExportXlsxView(UnitFilterMixin, View):
    form_class = VacancyFilterForm

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.filter_form()
        assert isinstance(form, VacancyFilterForm)  # noqa: S101 - form_class above
        _, horizon = _horizon(form, today())
        report = vacancy_map_for(viewer=request.user, unit=self.chosen_unit(form), horizon=horizon)
        return exports.vacancy_xlsx(report, actor=request.user)
