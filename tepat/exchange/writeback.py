"""Write-back file for SIASN: decided moves with their SK, in the columns a SIASN position update (update
riwayat jabatan / unor) asks for, so the BKPP can upload the round to the national system.

One row per move that has an SK (sk_terbit, berlaku, selesai) dated within the chosen period, in the caller's
scope (`visible_to`). Codes are text cells (a leading zero or a dotted SK number is never turned into a number).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet

from tepat.core.types import Viewer
from tepat.engine.workflow import State
from tepat.exchange.safety import Sheet
from tepat.transfers.models import Move

WRITEBACK_STATES = (State.SK_TERBIT, State.BERLAKU, State.SELESAI)
HEADERS = (
    "NIP", "Nama", "Kode Jabatan Lama", "Jabatan Lama", "Kode Unor Lama", "Unor Lama", "Kode Jabatan Baru",
    "Jabatan Baru", "Kode Unor Baru", "Unor Baru", "TMT Jabatan", "Nomor SK", "Tanggal SK", "Jenis Mutasi",
    "Status di Tepat",
)  # fmt: skip
TEXT_COLUMNS = frozenset(
    {"NIP", "Kode Jabatan Lama", "Kode Unor Lama", "Kode Jabatan Baru", "Kode Unor Baru", "Nomor SK"}
)


@dataclass(frozen=True)
class Period:
    start: date
    end: date


def writeback_moves(*, viewer: Viewer, period: Period) -> QuerySet[Move]:
    return (
        Move.objects.visible_to(viewer)
        .filter(status__in=WRITEBACK_STATES, decree__issued_on__range=(period.start, period.end))
        .select_related(
            "employee", "decree", "origin_seat__position", "origin_unit", "target_seat__position__unit"
        )
        .order_by("decree__issued_on", "decree__number", "pk")
    )


def _row(move: Move) -> list[Any]:
    old = move.origin_seat.position if move.origin_seat else None
    new = move.target_seat.position
    decree = move.decree
    return [
        move.employee.nip, move.employee.full_name, old.code if old else "", old.name if old else "",
        move.origin_unit.code if move.origin_unit else "", move.origin_unit.name if move.origin_unit else "",
        new.code, new.name, new.unit.code, new.unit.name, move.tmt or (decree.tmt if decree else None),
        decree.number_text if decree else "", decree.issued_on if decree else None,
        move.get_mutation_type_display(), move.status_label,
    ]  # fmt: skip


def writeback_sheet(*, viewer: Viewer, period: Period) -> Sheet:
    moves = writeback_moves(viewer=viewer, period=period)

    def rows() -> Iterator[list[Any]]:
        for move in moves.iterator(chunk_size=1000):
            yield _row(move)

    return Sheet("Update Jabatan SIASN", HEADERS, rows(), TEXT_COLUMNS)
