"""The evaluation panel read in a constant number of queries: units, employees, SKP, position histories and the
moves that went through Tepat. A move = a position-history row whose unit differs from the previous row's (TMT =
the row's start); promotions inside one unit are not moves.

Covariates are taken at the end of the round year: the post held then (position kind, unit kind), the age then,
and the current golongan (rank history is not read: the golongan group I–IV rarely changes within a window).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from tepat.engine.evaluation import Mover, Panel, Params, age_band, code_labels, golongan_group, skp_value
from tepat.engine.workflow import State
from tepat.evaluation.models import Review
from tepat.organization.models import Unit
from tepat.people.models import Employee, PerformanceRecord, PositionHistory
from tepat.transfers.models import Move

DONE_STATES = (State.BERLAKU, State.SELESAI)  # a move through Tepat that took effect


@dataclass(frozen=True)
class UnitInfo:
    id: int
    path: str
    name: str
    kind: str


@dataclass
class PanelData:
    panel: Panel
    covariates: dict[str, Any]
    movers: list[Mover]  # unit changes with a TMT in the round year, inside the scope
    employee_ids: list[int]  # panel row → employee id
    inputs_hash: str


@dataclass
class _History:
    units: dict[int, UnitInfo]
    kind_at: list[str]
    unit_kind_at: list[str]
    moves: list[tuple[int, int]]  # (panel row, year) of every unit change in the panel years
    round_moves: list[tuple[int, date, int, str, str]]  # (row, TMT, new unit id, old unit name, new post)


def panel_years(round_year: int, params: Params) -> tuple[int, int]:
    first = round_year + min(params.event_years[0], -params.pre_years)
    last = round_year + max(params.event_years[1], params.post_years)
    return first, last


def evaluation_panel(*, round_year: int, params: Params, scope_path: str = "") -> PanelData:
    first, last = panel_years(round_year, params)
    reference = date(round_year, 12, 31)
    people = list(Employee.objects.order_by("pk").values_list("pk", "rank", "birth_date"))
    row_of = {pk: i for i, (pk, _, _) in enumerate(people)}
    scores = np.full((len(people), last - first + 1), np.nan)
    for employee_id, year, predikat, score in PerformanceRecord.objects.filter(
        year__gte=first, year__lte=last
    ).values_list("employee_id", "year", "predikat", "score"):
        scores[row_of[employee_id], year - first] = skp_value(predikat, score)
    history = _read_history(row_of, len(people), reference, round_year, first, last)
    moved = np.zeros(scores.shape, dtype=bool)
    for row, year in history.moves:
        moved[row, year - first] = True
    covariates = {
        "golongan": golongan_group(np.asarray([rank or 0 for _, rank, _ in people], dtype=np.int64)),
        "age_band": age_band(
            np.asarray([b.year if b else 0 for _, _, b in people], dtype=np.int64), round_year
        ),
        "kind": code_labels(history.kind_at) if people else np.zeros(0, np.int64),
        "unit_kind": code_labels(history.unit_kind_at) if people else np.zeros(0, np.int64),
    }
    employee_ids = [pk for pk, _, _ in people]
    movers = _movers(history, employee_ids, round_year, scope_path)
    panel = Panel(first, scores, moved)
    return PanelData(panel, covariates, movers, employee_ids, _hash(panel, covariates, movers, employee_ids))


def _read_history(
    row_of: dict[int, int], n: int, reference: date, round_year: int, first: int, last: int
) -> _History:
    units = {u.id: u for u in (UnitInfo(*v) for v in Unit.objects.values_list("pk", "path", "name", "kind"))}
    kind_at, unit_kind_at = [""] * n, [""] * n
    moves: list[tuple[int, int]] = []
    round_moves: list[tuple[int, date, int, str, str]] = []
    previous: tuple[int, int | None, str] | None = None  # (employee, unit, unit name)
    rows = PositionHistory.objects.order_by("employee_id", "start", "pk").values_list(
        "employee_id", "start", "end", "unit_id", "position__kind", "position_name", "unit_name"
    )
    for employee_id, start, end, unit_id, kind, position_name, unit_name in rows.iterator(chunk_size=5000):
        row = row_of[employee_id]
        if start <= reference and (end is None or end >= reference or not kind_at[row]):
            kind_at[row] = kind or ""
            unit_kind_at[row] = units[unit_id].kind if unit_id in units else ""
        if previous and previous[0] == employee_id and unit_id and previous[1] and unit_id != previous[1]:
            if first <= start.year <= last:
                moves.append((row, start.year))
            if start.year == round_year:
                round_moves.append((row, start, unit_id, previous[2], position_name))
        previous = (employee_id, unit_id, unit_name)
    return _History(units, kind_at, unit_kind_at, moves, round_moves)


def _movers(history: _History, employee_ids: list[int], round_year: int, scope_path: str) -> list[Mover]:
    batches = _batches(round_year)
    reviews = _first_reviews(round_year)
    movers: list[Mover] = []
    seen: set[int] = set()
    for row, tmt, unit_id, from_unit, position_name in history.round_moves:
        unit = history.units[unit_id]
        if row in seen or not unit.path.startswith(scope_path):
            continue  # one move per person per round: the first
        seen.add(row)
        employee_id = employee_ids[row]
        opd = history.units.get(_opd_id(unit, history.units), unit)
        batch = batches.get((employee_id, tmt)) or batches.get((employee_id, None)) or ("", "")
        movers.append(
            Mover(
                row=row,
                tmt=tmt,
                key=str(employee_id),
                unit_key=str(opd.id),
                unit_label=opd.name,
                batch_key=batch[0],
                batch_label=batch[1],
                review_score=reviews.get(employee_id),
                extra={
                    "employee_id": employee_id,
                    "unit_path": unit.path,
                    "sub_key": str(unit.id),
                    "sub_label": unit.name,
                    "from_unit": from_unit,
                    "position_name": position_name,
                },
            )
        )
    return movers


def _opd_id(unit: UnitInfo, units: dict[int, UnitInfo]) -> int:
    """The depth-1 ancestor (OPD / kecamatan) of a unit: its path's first two segments."""
    parts = unit.path.split(".")
    if len(parts) < 3:
        return unit.id
    path = ".".join(parts[:2]) + "."
    return next((u.id for u in units.values() if u.path == path), unit.id)


def _batches(round_year: int) -> dict[tuple[int, date | None], tuple[str, str]]:
    """Moves that went through Tepat in the round year: (employee, TMT) → (proposal id, title); also keyed
    (employee, None) so a TMT recorded a few days apart in the history still links."""
    found: dict[tuple[int, date | None], tuple[str, str]] = {}
    rows = Move.objects.filter(tmt__year=round_year, status__in=DONE_STATES).values_list(
        "employee_id", "tmt", "proposal__public_id", "proposal__title"
    )
    for employee_id, tmt, proposal_id, title in rows:
        found[(employee_id, tmt)] = (str(proposal_id), title)
        found.setdefault((employee_id, None), (str(proposal_id), title))
    return found


def _first_reviews(round_year: int) -> dict[int, float]:
    """The score (0–100) of each mover's earliest submitted review after a move of the round year."""
    first: dict[int, float] = {}
    rows = (
        Review.objects.filter(schedule__move__tmt__year=round_year)
        .order_by("schedule__due_on", "pk")
        .values_list("schedule__employee_id", "score")
    )
    for employee_id, score in rows:
        first.setdefault(employee_id, float(score))
    return first


def _hash(panel: Panel, covariates: dict[str, Any], movers: Iterable[Mover], employee_ids: list[int]) -> str:
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(panel.scores).tobytes())
    digest.update(np.ascontiguousarray(panel.moved).tobytes())
    digest.update(np.asarray(employee_ids, dtype=np.int64).tobytes())
    for name in sorted(covariates):
        digest.update(name.encode() + np.asarray(covariates[name]).tobytes())
    for mv in movers:
        digest.update(f"{mv.row}|{mv.tmt}|{mv.unit_key}|{mv.batch_key}|{mv.review_score}".encode())
    return digest.hexdigest()
