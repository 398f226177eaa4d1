"""The closing checklist after TMT (pelantikan where required, SPMT, serah terima jabatan, SKPP), then `selesai`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record
from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.engine.reference import PositionKind
from tepat.engine.workflow import Action, State
from tepat.organization.models import Unit
from tepat.transfers.models import ClosingItem, Move
from tepat.transfers.services.actors import role_for
from tepat.transfers.services.workflow import move_transition, refusals_logged

# Inauguration (pelantikan/sumpah jabatan) applies to managerial posts and functional posts (DOMAIN.md §1.6).
SWORN_KINDS = frozenset(
    {
        PositionKind.JPT_PRATAMA,
        PositionKind.ADMINISTRATOR,
        PositionKind.PENGAWAS,
        PositionKind.FUNGSIONAL_KEAHLIAN,
        PositionKind.FUNGSIONAL_KETERAMPILAN,
    }
)


def _opd_path(unit: Unit | None) -> str:
    """The perangkat daerah a unit belongs to: its ancestor one level below the government root."""
    if unit is None:
        return ""
    paths = unit.ancestor_paths()
    return paths[1] if len(paths) > 1 else paths[0]


def closing_kinds(move: Move) -> list[str]:
    kinds: list[str] = []
    if move.target_seat.position.kind in SWORN_KINDS:
        kinds.append(ClosingItem.Kind.PELANTIKAN)
    kinds += [ClosingItem.Kind.SPMT, ClosingItem.Kind.SERAH_TERIMA]
    if _opd_path(move.origin_unit) != _opd_path(move.target_seat.position.unit):
        kinds.append(ClosingItem.Kind.SKPP)  # payroll moves to another treasurer
    return kinds


def closing_open(*, move: Move) -> list[ClosingItem]:
    """Idempotent: the checklist rows for a move that has taken effect."""
    return [ClosingItem.objects.get_or_create(move=move, kind=kind)[0] for kind in closing_kinds(move)]


@transaction.atomic
def closing_item_complete(*, item: ClosingItem, actor: Any, done_on: date, reference: str) -> ClosingItem:
    role_for(actor, Action.SELESAIKAN)
    if item.move.status != State.BERLAKU:
        raise IllegalTransition("Langkah penutup hanya dicatat setelah mutasi berlaku.")
    if not reference.strip():
        raise ApplicationError("Nomor atau keterangan dokumen wajib diisi.", field="reference")
    if item.move.tmt and done_on < item.move.tmt:
        raise ApplicationError("Tanggal tidak boleh sebelum TMT.", field="done_on")
    ClosingItem.objects.filter(pk=item.pk).update(done_on=done_on, done_by=actor, reference=reference.strip())
    audit_record(
        actor=actor,
        action="closing_item_complete",
        obj=item.move,
        changes={"item": item.kind, "reference": reference.strip()},
    )
    item.refresh_from_db()
    return item


def move_finish(*, move: Move, actor: Any) -> Move:
    """`selesai` once every checklist item has a date and a reference."""
    with refusals_logged(actor=actor, action=Action.SELESAIKAN, move=move):
        role = role_for(actor, Action.SELESAIKAN)
        open_items = [i.get_kind_display() for i in move.closing_items.all() if i.done_on is None]
        if open_items or not move.closing_items.exists():
            raise IllegalTransition(
                "Langkah penutup belum lengkap: " + (", ".join(open_items) or "belum dibuka") + "."
            )
        return move_transition(move=move, action=Action.SELESAIKAN, actor=actor, role=role)
