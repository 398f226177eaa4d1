"""Excel and PDF exports of the needs analysis and the vacancy map (SECURITY.md R-17, R-18, R-19).

Excel goes through `tepat.exchange.safety.xlsx_response` (safe cells, server-built file name, no-store, audit).
PDF is rendered by WeasyPrint from a repository template whose context is autoescaped; the URL fetcher serves
only files of the static directories and refuses everything else (http, https, file, data outside static).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.exchange.safety import Sheet, download_filename, xlsx_response
from tepat.planning.needs.loading import PersonRef
from tepat.planning.needs.selectors import ProjectionReport, name_people
from tepat.planning.needs.vacancies import VacancyReport, name_releases

SUBJECT = "planning.needs"
STATUS_LABELS = {
    "kelebihan": "Kelebihan",
    "kekurangan": "Kekurangan",
    "sesuai": "Sesuai",
    "tanpa_dasar": "Tanpa dasar",
}
SOURCE_LABELS = {"abk": "ABK", "formasi_manual": "Formasi manual", "tanpa_dasar": "Tanpa dasar"}


def _names(people: tuple[PersonRef, ...]) -> str:
    return "; ".join(f"{p.name} ({p.nip})" if p.visible else p.name for p in people)


def _unit_rows(report: ProjectionReport) -> Iterator[list[Any]]:
    for row in report.needs.rows:
        t = row.total
        yield [row.unit.code, row.unit.name, t.required, t.present, t.kelebihan, t.kekurangan]


def _position_rows(report: ProjectionReport, viewer: Any) -> Iterator[list[Any]]:
    for p in name_people(viewer=viewer, rows=report.needs.positions):
        b = p.balance
        yield [
            p.unit.name, p.position.code, p.position.name, SOURCE_LABELS[b.need.source.value],
            p.task_count, b.need.workload_minutes, b.need.exact_headcount, b.need.required, b.present,
            b.selisih, STATUS_LABELS[b.status.value], b.ej, b.pj_grade, _names(p.people),
        ]  # fmt: skip


def _projection_rows(report: ProjectionReport) -> Iterator[list[Any]]:
    for y in report.years:
        yield [y.year, y.required, y.present, y.retirements, y.contract_ends, y.shortage, y.surplus]


def _priority_rows(report: ProjectionReport) -> Iterator[list[Any]]:
    for row in report.priorities:
        p = row.priority
        yield [p.rank, row.unit.name, row.position.name, p.first_year, p.shortage, p.max_shortage, p.reason]


def needs_xlsx(report: ProjectionReport, *, actor: Any) -> HttpResponse:
    ref = report.needs.reference.isoformat()
    sheets = [
        Sheet("Per unit", ["Kode unit", "Unit", "Kebutuhan", "Bezetting", "Kelebihan", "Kekurangan"],
              _unit_rows(report), frozenset({"Kode unit"})),
        Sheet("Per jabatan", ["Unit", "Kode jabatan", "Jabatan", "Dasar", "Jumlah tugas", "Beban kerja (menit)",
                              "Kebutuhan (desimal)", "Kebutuhan", "Bezetting", "Selisih", "Status", "EJ", "PJ",
                              "Pegawai dihitung"], _position_rows(report, actor), frozenset({"Kode jabatan"})),
        Sheet("Proyeksi", ["Tahun", "Kebutuhan", "Bezetting akhir tahun", "Pensiun", "Kontrak PPPK berakhir",
                           "Kekurangan", "Kelebihan"], _projection_rows(report)),
        Sheet("Prioritas", ["Peringkat", "Unit", "Jabatan", "Mulai kurang", "Kekurangan", "Terbesar", "Alasan"],
              _priority_rows(report)),
    ]  # fmt: skip
    return xlsx_response(f"kebutuhan-pegawai-{ref}.xlsx", sheets, actor=actor, subject=SUBJECT)


def _vacancy_rows(report: VacancyReport) -> Iterator[list[Any]]:
    for v in report.vacancies:
        yield [
            v.unit.name, v.position.code, v.position.name, v.seat_number, v.free_from, v.reason_label,
            v.occupant.name if v.occupant else "", v.required, v.present,
        ]  # fmt: skip


def _release_rows(report: VacancyReport, viewer: Any) -> Iterator[list[Any]]:
    for r in name_releases(viewer=viewer, rows=report.releases):
        yield [r.unit.name, r.position.code, r.position.name, r.required, r.count, _names(r.candidates)]


def vacancy_xlsx(report: VacancyReport, *, actor: Any) -> HttpResponse:
    sheets = [
        Sheet("Lowongan", ["Unit", "Kode jabatan", "Jabatan", "Formasi ke", "Kosong mulai", "Sebab",
                           "Pemangku saat ini", "Kebutuhan", "Bezetting"], _vacancy_rows(report),
              frozenset({"Kode jabatan"})),
        Sheet("Kelebihan dapat dilepas", ["Unit", "Kode jabatan", "Jabatan", "Kebutuhan", "Dapat dilepas",
                                          "Pemangku (pilihan)"], _release_rows(report, actor), frozenset({"Kode jabatan"})),
    ]  # fmt: skip
    name = f"peta-lowongan-{report.as_of.isoformat()}-sd-{report.horizon.isoformat()}.xlsx"
    return xlsx_response(name, sheets, actor=actor, subject="planning.vacancy_map")


# --- PDF ---


class RefusedUrl(ValueError):
    """A URL the PDF renderer may not fetch (only local static files are served)."""


def static_only_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint url_fetcher: `/static/<path>` of a file the static finders know; anything else refused."""
    prefix = str(settings.STATIC_URL)
    if not url.startswith(prefix) or ".." in url:
        raise RefusedUrl(f"URL ditolak: {url[:80]}")
    path = finders.find(url.removeprefix(prefix).split("?")[0])
    if not path or isinstance(path, list):
        raise RefusedUrl(f"berkas statis tidak ditemukan: {url[:80]}")
    with open(path, "rb") as handle:
        return {
            "string": handle.read(),
            "mime_type": mimetypes.guess_type(path)[0] or "application/octet-stream",
        }


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=html, url_fetcher=static_only_fetcher, base_url=None).write_pdf())


def needs_pdf(report: ProjectionReport, *, actor: Any) -> HttpResponse:
    gaps = [p for p in report.needs.positions if p.missing or p.extra]
    context = {
        "projection": report,
        "report": report.needs,
        "gaps": name_people(viewer=actor, rows=gaps),
        "printed": timezone.localtime(),
    }
    content = render_pdf(render_to_string("planning/needs/pdf.html", context))
    name = download_filename(f"kebutuhan-pegawai-{report.needs.reference.isoformat()}.pdf", "pdf")
    audit_record(
        actor=actor,
        action="export",
        kind=AuditEntry.Kind.ACCESS,
        object_type=SUBJECT,
        changes={"format": "pdf", "filename": name, "rows": len(report.needs.positions)},
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
