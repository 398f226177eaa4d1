"""Jabatan with their requirements and seats, created through `positions_bulk_create`.

A code that exists already is unchanged when name and unit agree; a differing one is an error (a position is
edited on its own page, where the effects on seats and occupants are visible).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tepat.exchange import cells
from tepat.exchange.columns import POSITION_COLUMNS, ImportKind
from tepat.exchange.processors.base import Changes, Plan
from tepat.exchange.reading import Problem, Table
from tepat.exchange.rows import RowReader
from tepat.organization.bulk import PositionRow, positions_bulk_create, positions_validate
from tepat.organization.models import Position, PositionCompetency, Seat
from tepat.organization.services import PositionSpec

HEADERS = {column.key: column.header for column in POSITION_COLUMNS}
KIND_ALIASES = {"jpt pratama": "jpt_pratama", "fungsional keahlian": "fungsional_keahlian"}
KIND_ALIASES["fungsional keterampilan"] = "fungsional_keterampilan"


def _kind(cell: cells.Cell) -> str:
    raw = cells.text(cell, max_length=40).lower()
    return KIND_ALIASES.get(raw, raw.replace(" ", "_"))


def _codes(cell: cells.Cell) -> tuple[str, ...]:
    return tuple(code.strip() for code in cells.text(cell, max_length=500).split(";") if code.strip())


def _standard(cell: cells.Cell) -> tuple[tuple[str, int], ...]:
    pairs = []
    for item in _codes(cell):
        code, _, level = item.partition("=")
        if not level.strip().isdigit():
            raise cells.CellError(f"{item!r}: tulis KODE=level, mis. M1=3")
        pairs.append((code.strip(), int(level)))
    return tuple(pairs)


def _read(r: RowReader) -> PositionRow | None:
    seats = r.get("seats", cells.whole)
    values: dict[str, Any] = {
        "code": r.get("code", cells.text, max_length=40),
        "name": r.get("name", cells.text, max_length=200),
        "kind": r.get("kind", _kind),
        "jenjang": r.get("jenjang", cells.text, max_length=20) or "",
        "family": r.get("family", cells.text, max_length=80) or "",
        "kelas_jabatan": r.get("kelas_jabatan", cells.whole),
        "is_head": bool(r.get("is_head", cells.flag)),
        "min_rank": r.get("min_rank", cells.rank),
        "max_rank": r.get("max_rank", cells.rank),
        "min_education": r.get("min_education", cells.education_level) or "",
        "requires_pns": bool(r.get("requires_pns", cells.flag)),
    }
    unit_code = r.get("unit_code", cells.text, max_length=40)
    fields = r.get("education_fields", _codes) or ()
    standard = r.get("competencies", _standard) or ()
    if not r.ok:
        return None
    spec = PositionSpec(**values)
    return PositionRow(unit_code or "", spec, 1 if seats is None else seats, fields, standard)


class PositionProcessor:
    kind = ImportKind.POSITIONS

    def plan(self, table: Table, *, today: date) -> Plan:
        plan = Plan(rows_total=len(table.rows))
        rows: list[tuple[int, PositionRow]] = []
        for number, row_cells in table.rows:
            reader = RowReader(number, row_cells, POSITION_COLUMNS, today)
            row = _read(reader)
            plan.problems += reader.problems
            if row is not None:
                rows.append((number, row))
        codes = [row.spec.code for _, row in rows]
        existing = {p.code: p for p in Position.objects.filter(code__in=codes).select_related("unit")}
        new: list[tuple[int, PositionRow]] = []
        for number, row in rows:
            current = existing.get(row.spec.code)
            if current is None:
                new.append((number, row))
            elif current.name == row.spec.name and current.unit.code == row.unit_code:
                plan.unchanged += 1
            else:
                message = "kode jabatan sudah ada dengan nama/unit lain; ubah lewat halaman jabatan"
                plan.problems.append(Problem(number, HEADERS["code"], message))
        for problem in positions_validate([row for _, row in new]):
            header = HEADERS.get(problem.field, problem.field)
            plan.problems.append(Problem(new[problem.row - 1][0], header, problem.message))
        plan.created = len(new)
        plan.payload = [row for _, row in new]
        return plan

    def apply(self, plan: Plan, *, actor: Any, reason: str, label: str) -> Changes:
        changes = Changes()
        positions = (
            positions_bulk_create(actor=actor, rows=plan.payload, reason=label) if plan.payload else []
        )
        changes.add_created(positions)
        ids = [position.pk for position in positions]
        changes.add_created(Seat.objects.filter(position_id__in=ids).only("pk"))
        changes.add_created(PositionCompetency.objects.filter(position_id__in=ids).only("pk"))
        return changes
