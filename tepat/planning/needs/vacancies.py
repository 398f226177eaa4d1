"""The vacancy map: the one source of vacancies for candidate ranking and the placement planner.

API (read-only, scoped, a fixed number of queries)::

    from tepat.planning.needs.vacancies import vacancy_map_for

    report = vacancy_map_for(viewer=request.user, unit=None, as_of=None, horizon=None)
    for v in report.vacancies:   # VacancyRow, soonest first
        v.seat_id, v.seat_public_id, v.seat_number   # organization.Seat
        v.position, v.unit                          # PositionRef / UnitRef (pk, public_id, code, name, …)
        v.free_from                                  # date the seat is free (as_of when empty now)
        v.reason                                     # "kosong" | "pensiun" | "kontrak_berakhir"
        v.occupant                                   # PersonRef of the leaver, None when empty now
        v.required, v.present                        # the position's kebutuhan (None: no basis) and holders today
    for r in report.releases:    # ReleaseRow: surplus that can be released after the horizon's departures
        r.position, r.unit, r.count, r.candidates    # candidates: PersonRef holders who stay past the horizon

`unit` limits the map to a subtree (a unit head only ever gets their own subtrees); `as_of` defaults to
today, `horizon` to `as_of` (empty seats only). Seat holders of every status are counted as holding the
seat; kebutuhan and the releasable surplus count PNS and PPPK today (a CPNS is not released). Departures
use the BUP and PPPK contract ends of the rule data (`tepat.planning.needs.rules`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine import needs as engine
from tepat.organization.models import Unit
from tepat.planning.needs.loading import (
    COUNTED_STATUSES,
    PersonRef,
    PositionRef,
    SeatRow,
    Structure,
    UnitRef,
    current_seats,
    load_structure,
    seat_occupants,
)
from tepat.planning.needs.rules import needs_rules
from tepat.planning.needs.selectors import projectable_departures

REASON_LABELS = {
    "kosong": "Kosong",
    engine.DepartureReason.PENSIUN.value: "Pensiun (BUP)",
    engine.DepartureReason.KONTRAK_BERAKHIR.value: "Kontrak PPPK berakhir",
}


@dataclass(frozen=True)
class VacancyRow:
    seat_id: int
    seat_public_id: uuid.UUID
    seat_number: int
    position: PositionRef
    unit: UnitRef
    free_from: date
    reason: str
    occupant: PersonRef | None
    required: int | None
    present: int

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


@dataclass(frozen=True)
class ReleaseRow:
    position: PositionRef
    unit: UnitRef
    count: int
    required: int | None
    candidates: tuple[PersonRef, ...]


@dataclass(frozen=True)
class VacancyReport:
    as_of: date
    horizon: date
    vacancies: tuple[VacancyRow, ...]
    releases: tuple[ReleaseRow, ...]
    skipped: tuple[PersonRef, ...]  # PPPK without a contract end: not projected (data to complete)

    @property
    def empty_now(self) -> int:
        return sum(v.reason == "kosong" for v in self.vacancies)


def vacancy_map_for(
    *,
    viewer: Viewer,
    unit: Unit | None = None,
    as_of: date | None = None,
    horizon: date | None = None,
) -> VacancyReport:
    """Seats empty on `as_of` or freed by `horizon` (inclusive), and the surplus that can be released."""
    day = as_of or today()
    until = horizon or day
    rules = needs_rules(load_rule_book(), day)
    structure = load_structure(viewer=viewer, root=unit)
    seats, occupant_rows = current_seats(viewer=viewer, structure=structure)
    holders, people = seat_occupants(occupant_rows)
    counted = tuple(o for o in holders if o.status.value in COUNTED_STATUSES)
    needs = engine.needs_for(structure.engine_positions, rules)
    balances = engine.balances(needs, counted, rules)
    leaving, skipped = projectable_departures(structure.engine_positions, holders, rules)
    result = engine.vacancy_map(
        [engine.Seat(str(s.pk), str(s.position_id), str(structure.positions[s.position_id].unit_id),
                     str(s.occupant.pk) if s.occupant else None) for s in seats],
        balances,
        leaving,
        as_of=day,
        horizon=until,
    )  # fmt: skip
    by_position = {b.need.position_id: b for b in balances}
    by_seat = {str(s.pk): s for s in seats}
    return VacancyReport(
        day,
        until,
        tuple(_vacancy(v, by_seat, by_position, structure, people) for v in result.vacancies),
        tuple(_release(r, by_position, structure, people) for r in result.releases),
        tuple(people[e] for e in skipped),
    )


def _vacancy(
    v: engine.Vacancy,
    by_seat: dict[str, SeatRow],
    by_position: dict[str, engine.Balance],
    structure: Structure,
    people: dict[str, PersonRef],
) -> VacancyRow:
    seat = by_seat[v.seat_id]
    position = structure.positions[int(v.position_id)]
    balance = by_position[v.position_id]
    return VacancyRow(
        seat.pk,
        seat.public_id,
        seat.number,
        position,
        structure.units[position.unit_id],
        v.free_from,
        str(v.reason),
        people[v.occupant_id] if v.occupant_id else None,
        balance.need.required,
        balance.present,
    )


def _release(
    r: engine.Release,
    by_position: dict[str, engine.Balance],
    structure: Structure,
    people: dict[str, PersonRef],
) -> ReleaseRow:
    position = structure.positions[int(r.position_id)]
    return ReleaseRow(
        position,
        structure.units[position.unit_id],
        r.count,
        by_position[r.position_id].need.required,
        tuple(people[e] for e in r.candidate_ids),
    )


def horizon_after(as_of: date, months: int) -> date:
    """`as_of` moved `months` months ahead (day clamped to the month's end): the vacancy map's horizon."""
    index = as_of.year * 12 + as_of.month - 1 + months
    year, month = divmod(index, 12)
    for day in (as_of.day, 30, 29, 28):
        try:
            return date(year, month + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
