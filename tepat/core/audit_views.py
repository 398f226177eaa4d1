"""The auditor's pages (read-only): the audit-trail browser, one case's trail, and the breach-scoping report
(UU 27/2022 Pasal 46). Every use of them is itself an access row in the trail (R-23)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import Http404, HttpRequest, HttpResponse
from django.views.generic import TemplateView

from tepat.core.audit import audit_record
from tepat.core.forms import BootstrapFormMixin
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.core.selectors_audit import (
    AuditFilters,
    BreachReport,
    audit_page,
    breach_report,
    case_trail,
)
from tepat.core.views_utils import scoped_or_404
from tepat.engine.privacy import PeriodError, breach_notice, check_period
from tepat.exchange.safety import Sheet, csv_response, xlsx_response

CONTROLLER = getattr(settings, "TEPAT_CONTROLLER_NAME", "BKPP Kota Semarang")


class AuditFilterForm(BootstrapFormMixin, forms.Form):
    actor = forms.CharField(label="Pelaku (nama pengguna)", required=False, max_length=150)
    action = forms.CharField(label="Kegiatan", required=False, max_length=60)
    object_type = forms.CharField(label="Jenis objek", required=False, max_length=60)
    object_id = forms.CharField(label="ID objek", required=False, max_length=64)
    kind = forms.ChoiceField(
        label="Golongan", required=False, choices=[("", "Semua"), *AuditEntry.Kind.choices]
    )
    start = forms.DateField(
        label="Dari tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="Sampai tanggal", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "Tanggal sampai tidak boleh sebelum tanggal mulai.")
        return data


class BreachForm(BootstrapFormMixin, forms.Form):
    account = forms.CharField(label="Akun yang diperiksa (nama pengguna)", max_length=150)
    start = forms.DateField(label="Periode mulai", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="Periode sampai", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_account(self) -> Any:
        name = self.cleaned_data["account"].strip()
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise forms.ValidationError("Akun dengan nama pengguna ini tidak ditemukan.")
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "start" in data and "end" in data:
            try:
                check_period(data["start"], data["end"], today=today())
            except PeriodError as error:
                self.add_error("end" if "sampai" in str(error) else "start", str(error))
        return data


def _query_without(request: HttpRequest, *names: str) -> str:
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


class AuditTrailView(TemplateView):
    template_name = "core/audit_trail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = AuditFilterForm(self.request.GET or None)
        filters = AuditFilters()
        if form.is_valid():
            filters = AuditFilters(**{k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
        cursor = self.request.GET.get("setelah", "")
        page = audit_page(filters=filters, cursor=cursor)
        audit_record(
            actor=self.request.user,
            action="audit_trail_view",
            kind=AuditEntry.Kind.ACCESS,
            object_type="core.auditentry",
            changes={"filters": {k: str(v) for k, v in vars(filters).items() if v}, "cursor": cursor},
        )
        context.update(form=form, page=page, query_string=_query_without(self.request, "setelah"))
        context["first_page"] = not cursor
        return context


class AuditCaseView(TemplateView):
    template_name = "core/audit_case.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        public_id = str(kwargs["public_id"])
        trail = scoped_or_404(self.request, case_trail, public_id=public_id)
        audit_record(
            actor=self.request.user,
            action="audit_case_view",
            kind=AuditEntry.Kind.ACCESS,
            object_type="transfers.move",
            object_id=public_id,
            changes={"rows": len(trail.rows)},
        )
        context["trail"] = trail
        return context


def _report(request: HttpRequest) -> tuple[BreachForm, BreachReport | None]:
    form = BreachForm(request.GET or None)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    report = breach_report(account=data["account"], start=data["start"], end=data["end"])
    return form, report


def _audit_report(request: HttpRequest, report: BreachReport, fmt: str) -> None:
    audit_record(
        actor=request.user,
        action="breach_report",
        kind=AuditEntry.Kind.ACCESS,
        object_type="accounts.user",
        object_id=report.account,
        changes={
            "start": report.start.isoformat(),
            "end": report.end.isoformat(),
            "subjects": len(report.subjects),
            "format": fmt,
        },
    )


def _notice(report: BreachReport) -> list[Any]:
    return breach_notice(
        account=report.account,
        start=report.start,
        end=report.end,
        subjects=[s.exposure for s in report.subjects],
        bulk=report.bulk,
        controller=CONTROLLER,
    )


class BreachReportView(TemplateView):
    template_name = "core/audit_breach.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form, report = _report(self.request)
        if report is not None:
            _audit_report(self.request, report, "html")
            context["notice"] = _notice(report)
        context.update(form=form, report=report, query_string=self.request.GET.urlencode())
        return context


REPORT_HEADERS = ["Nama", "NIP", "Unit", "Jumlah akses", "Pertama", "Terakhir", "Kategori data"]


def _report_rows(report: BreachReport) -> list[list[Any]]:
    return [
        [
            s.name,
            s.nip,
            s.unit,
            s.exposure.count,
            s.exposure.first,
            s.exposure.last,
            "; ".join(sorted(s.exposure.categories)),
        ]
        for s in report.subjects
    ]


def breach_report_download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The report as .xlsx (subjects, bulk exports, the notice text) or .csv (subjects); exported through
    exchange.safety, which formula-escapes every cell and records the export (account and period are in
    the file name) as the one audit row of this use."""
    _form, report = _report(request)
    if report is None or fmt not in ("xlsx", "csv"):
        raise Http404("Isi akun dan periode yang sah terlebih dahulu.")
    name = f"pelingkupan-insiden-{report.account}-{report.start:%Y%m%d}-{report.end:%Y%m%d}"
    if fmt == "csv":
        return csv_response(
            name, REPORT_HEADERS, _report_rows(report), actor=request.user, subject="core.breach"
        )
    bulk = [[b.at, b.fmt, b.filename, b.rows, b.subject_type] for b in report.bulk]
    notice = [[section.heading, line] for section in _notice(report) for line in section.lines]
    sheets = [
        Sheet("Subjek data", REPORT_HEADERS, _report_rows(report)),
        Sheet("Ekspor massal", ["Waktu", "Format", "Berkas", "Baris", "Jenis data"], bulk),
        Sheet("Pemberitahuan Pasal 46", ["Bagian", "Isi"], notice),
    ]
    return xlsx_response(name, sheets, actor=request.user, subject="core.breach")
