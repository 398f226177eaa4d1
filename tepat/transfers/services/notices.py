"""The employee's notice (JOURNEYS.md §5): the new post, the TMT, why they were chosen, what the move brings."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.engine.errors import ApplicationError
from tepat.engine.rules.dates import format_date
from tepat.engine.workflow import State
from tepat.transfers.models import Move, Notice

TITLES = {
    State.SK_TERBIT: "SK mutasi Anda telah terbit",
    State.BERLAKU: "Mutasi Anda berlaku hari ini",
    State.SELESAI: "Proses mutasi Anda selesai",
}


COMPONENT_HEADINGS = {
    "kompetensi": "Kompetensi",
    "pendidikan": "Pendidikan",
    "pengalaman": "Pengalaman",
    "kinerja": "Kinerja",
    "preferensi": "Pilihan Anda",
}
TRAINING = (
    "BKPP bersama atasan baru menyusun rencana pengembangan kompetensi Anda (paling sedikit 20 JP setahun)."
)


def _brings(snapshot: dict[str, Any]) -> list[str]:
    """One line per assessed part of the fit, headed in words: "Pengalaman: 9 tahun … di bidang umum"."""
    components = snapshot.get("fit", {}).get("components", [])
    return [
        f"{COMPONENT_HEADINGS.get(c.get('component', ''), 'Lainnya')}: {c['text']}"
        for c in components
        if c.get("status") in ("dinilai", "sebagian") and c.get("text")
    ]


def _why_you(snapshot: dict[str, Any]) -> str:
    score = snapshot.get("fit", {}).get("score")
    if score is None:
        return ""
    day = format_date(date.fromisoformat(snapshot["on"])) if snapshot.get("on") else "saat diusulkan"
    return f"Kecocokan Anda dengan jabatan ini dinilai {score:.0f} dari 100 (penilaian {day}), dengan rincian di bawah."


def notice_body(move: Move) -> dict[str, Any]:
    snapshot = move.verification_snapshot or move.proposed_snapshot
    position = move.target_seat.position
    return {
        "position": position.name,
        "unit": position.unit.name,
        "tmt": format_date(move.tmt) if move.tmt else "",
        "decree": move.decree.number_text if move.decree else "",
        "why": move.reason,
        "fit_sentence": _why_you(snapshot),
        "brings": _brings(snapshot),
        "training": TRAINING,
    }


def notice_create(*, move: Move, state: str) -> Notice | None:
    if State(state) not in TITLES:
        return None
    notice, _ = Notice.objects.get_or_create(
        move=move,
        kind=state,
        defaults={"employee": move.employee, "title": TITLES[State(state)], "body": notice_body(move)},
    )
    return notice


@transaction.atomic
def notice_mark_read(*, notice: Notice, actor: Any) -> Notice:
    """Read receipt: set once, by the employee the notice is for."""
    if notice.employee.user_id != actor.pk:
        raise ApplicationError("Pemberitahuan ini bukan untuk Anda.")
    if notice.read_at is None:
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=timezone.now())
        audit_record(
            actor=actor, action="notice_read", obj=notice.move, changes={"notice": str(notice.public_id)}
        )
        notice.refresh_from_db()
    return notice
