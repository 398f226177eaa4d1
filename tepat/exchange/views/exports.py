"""Exports of the employee and position lists in the viewer's scope, as xlsx or csv (D-2, D-6, R-18)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.views import View

from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.roles import Role
from tepat.exchange.forms import ExportForm, WritebackForm
from tepat.exchange.safety import Sheet, csv_response, xlsx_response
from tepat.exchange.selectors import employee_export, position_export
from tepat.exchange.writeback import Period, writeback_sheet
from tepat.organization.models import Unit
from tepat.organization.selectors import PositionFilters, unit_get
from tepat.people.selectors import EmployeeFilters


def _download(request: HttpRequest, name: str, sheet: Sheet, fmt: str, subject: str) -> HttpResponse:
    if fmt == "csv":
        return csv_response(f"{name}.csv", sheet.headers, sheet.rows, actor=request.user, subject=subject)
    return xlsx_response(f"{name}.xlsx", [sheet], actor=request.user, subject=subject)


def _params(request: HttpRequest) -> tuple[str, bool, Unit | None]:
    form = ExportForm(request.GET)
    if not form.is_valid():
        return "xlsx", False, None
    unit_id = form.cleaned_data["unit"]
    unit = scoped_or_404(request, unit_get, public_id=str(unit_id)) if unit_id else None
    return form.cleaned_data["format"] or "xlsx", form.cleaned_data["lengkap"], unit


class EmployeeExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        fmt, complete, unit = _params(request)
        full_nik = user_scope(request.user).has(Role.HR_ADMIN)
        sheet = employee_export(
            viewer=request.user, filters=EmployeeFilters(unit=unit), complete=complete, full_nik=full_nik
        )
        return _download(request, "pegawai", sheet, fmt, "people.employee")


class PositionExportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        fmt, _, unit = _params(request)
        sheet = position_export(viewer=request.user, filters=PositionFilters(unit=unit))
        return _download(request, "jabatan", sheet, fmt, "organization.position")


class WritebackExportView(View):
    """Decided moves with their SK in a period, in the SIASN position-update layout (xlsx or csv, audited)."""

    def get(self, request: HttpRequest) -> HttpResponseBase:
        form = WritebackForm(request.GET)
        if not form.is_valid():
            field, errors = next(iter(form.errors.items()))
            messages.error(request, f"Berkas SIASN: {form.fields[field].label}: {errors[0]}")
            return redirect("exchange:home")
        data = form.cleaned_data
        sheet = writeback_sheet(viewer=request.user, period=Period(data["dari"], data["sampai"]))
        name = f"siasn-update-jabatan-{data['dari']:%Y%m%d}-{data['sampai']:%Y%m%d}"
        return _download(request, name, sheet, data["format"] or "xlsx", "transfers.move")
