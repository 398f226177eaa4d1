"""Excel export of the plan list (through `tepat.exchange.safety`: safe cells, no-store, one audit row)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from tepat.core.types import Viewer
from tepat.development import selectors
from tepat.exchange.safety import Sheet, xlsx_response

HEADERS = [
    "NIP",
    "Nama",
    "Unit kerja",
    "Jabatan rencana",
    "Mulai (TMT)",
    "Status rencana",
    "Kegiatan selesai",
    "Kegiatan (tanpa batal)",
    "JP tahun ini",
    "Target JP",
    "Kekurangan JP",
    "Status JP",
    "Asesmen ulang paling lambat",
]


EXPORTED = (
    "start", "status", "reassessment_due", "employee__nip", "employee__name", "employee__front_title",
    "employee__back_title", "employee__unit__name", "position__name",
)  # fmt: skip


def plan_rows(*, viewer: Viewer, filters: selectors.PlanFilters) -> list[list[Any]]:
    # Only the columns the sheet shows: a whole city is ~15,000 plans, and full rows (gaps JSON, the move,
    # every employee field) made the export's memory and time grow with what it never writes.
    plans = (
        selectors.plan_list(viewer=viewer, filters=filters)
        .select_related(None)
        .select_related("employee__unit", "position")
        .only(*EXPORTED)
    )
    return [
        [
            plan.employee.nip,
            plan.employee.full_name,
            plan.employee.unit.name if plan.employee.unit else "",
            plan.position.name,
            plan.start,
            plan.get_status_display(),
            plan.items_done,  # type: ignore[attr-defined]
            plan.items_total,  # type: ignore[attr-defined]
            progress.earned_jp,
            progress.target_jp,
            progress.shortfall_jp,
            progress.status_label,
            plan.reassessment_due,
        ]
        for plan, progress in selectors.with_progress(plans.iterator(chunk_size=2000))
    ]


def plans_xlsx(*, viewer: Any, filters: selectors.PlanFilters) -> HttpResponse:
    rows = plan_rows(viewer=viewer, filters=filters)
    sheet = Sheet("Rencana Pengembangan", HEADERS, rows, text_columns=frozenset({"NIP"}))
    return xlsx_response(
        "rencana-pengembangan.xlsx", [sheet], actor=viewer, subject="development.developmentplan"
    )
