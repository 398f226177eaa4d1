""" "Data Saya" download page and the download itself (UU 27/2022 Pasal 32): only ever the signed-in
employee's own record, found through their account, never through an id in the URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.views.generic import TemplateView

from tepat.exchange.safety import XLSX_TYPE, download_filename
from tepat.people.models import Employee
from tepat.people.my_data import FORMATS, RECORDS, my_data_export
from tepat.people.selectors import employee_for_user

CONTENT_TYPES = {"xlsx": XLSX_TYPE, "json": "application/json; charset=utf-8"}


def _own_employee(request: HttpRequest) -> Employee:
    employee = employee_for_user(user=request.user)
    if employee is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return employee


class MyDataView(TemplateView):
    template_name = "people/my_data.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["employee"] = _own_employee(self.request)
        context["record_titles"] = [title for _, title, *_ in RECORDS]
        return context


def my_data_download(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Format unduhan tidak dikenal.")
    employee = _own_employee(request)
    content, extension = my_data_export(actor=request.user, employee=employee, fmt=fmt)
    name = download_filename(f"data-saya-{employee.nip}", extension)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
