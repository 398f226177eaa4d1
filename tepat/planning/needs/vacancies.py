"""The vacancy map: the one source of vacancies for candidate ranking and the placement planner.

API (read-only, scoped, a fixed number of queries)::

    from tepat.planning.needs.vacancies import vacancy_map_for

    report = vacancy_map_for(viewer=request.user, unit=None, as_of=None, horizon=None)
    for v in report.vacancies:   # VacancyRow, soonest first
        v.seat_id, v.seat_public_id, v.seat_number   # organization.Seat
        v.position, v.unit                          # PositionRef / UnitRef (pk, public_id, code, name, …)
        v.free_from                                  # date the seat is free (as_of when empty now)
        v.reason                                     # "kosong" | "pensiun" | "kontrak_berakhir"
        v.occupant_id, v.occupant                    # the leaver: Employee pk and PersonRef; None when empty now
        v.required, v.present                        # the position's kebutuhan (None: no basis) and holders today
    for r in report.releases:    # ReleaseRow: surplus that can be released after the horizon's departures
        r.position, r.unit, r.count, r.candidate_ids # Employee pks of the holders who stay past the horizon
    name_releases(viewer=…, rows=page)           # fills r.candidates (PersonRef) for the rows you show

`unit` limits the map to a subtree (a unit head only ever gets their own subtrees); `as_of` defaults to
today, `horizon` to `as_of` (empty seats only). Seat holders of every status are counted as holding the
seat; kebutuhan and the releasable surplus count PNS and PPPK today (a CPNS is not released). Departures
use the BUP and PPPK contract ends of the rule data (`tepat.planning.needs.rules`).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine import needs as engine
from tepat.organization.models import Seat, Unit
from tepat.planning.needs.loading import (
    COUNTED_STATUSES,
    STATUSES,
    PersonRef,
    PositionRef,
    Structure,
    UnitRef,
    gc_paused,
    load_structure,
)
from tepat.planning.needs.people import NOT_LOADED, may_leave_by, names, seat_holders
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
    occupant_id: str | None  # the leaver (an Employee pk); None when the seat is empty now
    required: int | None
    present: int
    occupant: PersonRef | None = None  # the leaver, named (scope-masked); None when empty now

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


@dataclass(frozen=True)
class ReleaseRow:
    position: PositionRef
    unit: UnitRef
    count: int
    required: int | None
    candidate_ids: tuple[str, ...]  # Employee pks of the holders who stay past the horizon
    candidates: tuple[PersonRef, ...] = ()  # filled by `name_releases`


@dataclass(frozen=True)
class VacancyReport:
    as_of: date
    horizon: date
    vacancies: tuple[VacancyRow, ...]
    releases: tuple[ReleaseRow, ...]
    skipped: tuple[str, ...]  # employee ids of PPPK without a contract end: not projected

    @property
    def empty_now(self) -> int:
        return sum(v.reason == "kosong" for v in self.vacancies)


@gc_paused
def vacancy_map_for(
    *,
    viewer: Viewer,
    unit: Unit | None = None,
    as_of: date | None = None,
    horizon: date | None = None,
    named: bool = True,
) -> VacancyReport:
    """Seats empty on `as_of` or freed by `horizon` (inclusive), and the surplus that can be released;
    `named=False` leaves the leavers unnamed (a page names the rows it shows with `name_vacancies`)."""
    day = as_of or today()
    until = horizon or day
    rules = needs_rules(load_rule_book(), day)
    structure = load_structure(
        viewer=viewer, root=unit, per_task=rules.rounding is engine.Rounding.CEIL_PER_TASK
    )
    seats = seat_holders(structure=structure)
    balances = _balances(structure, seats, rules)
    pool = may_leave_by(structure=structure, horizon=until, youngest_bup=min(r.age for r in rules.bup))
    leaving, skipped = projectable_departures(structure.engine_positions, pool, rules)
    leavers = {int(d.employee_id) for d in leaving}
    # Only seats that can be vacant go to the engine: a held seat whose holder stays gives no vacancy anyway.
    open_seats = [
        engine.Seat(
            str(pk),
            str(position),
            str(structure.positions[position].unit_id),
            None if occupant is None else str(occupant),
        )
        for pk, _, position, occupant, _ in seats
        if occupant is None or occupant in leavers
    ]
    result = engine.vacancy_map(
        open_seats,
        balances,
        leaving,
        as_of=day,
        horizon=until,
    )  # fmt: skip
    by_position = {b.need.position_id: b for b in balances}
    vacant = {int(v.seat_id) for v in result.vacancies}
    numbers = {pk: number for pk, number, *_ in seats if pk in vacant}
    public_ids = dict(Seat.objects.filter(pk__in=vacant).values_list("pk", "public_id"))
    vacancies = [_vacancy(v, numbers, public_ids, by_position, structure) for v in result.vacancies]
    if named:
        vacancies = name_vacancies(viewer=viewer, rows=vacancies)  # leavers only: one query per 5,000
    return VacancyReport(
        day,
        until,
        tuple(vacancies),
        tuple(_release(r, by_position, structure) for r in result.releases),
        skipped,
    )


def _balances(
    structure: Structure, seats: list[tuple[int, int, int, int | None, str | None]], rules: engine.NeedsRules
) -> tuple[engine.Balance, ...]:
    """Bezetting from today's seat holders (PNS and PPPK): counted for every position, with the holders' ids
    only where the position is in surplus, the one place the engine names people (releases)."""
    counted = [
        (position, number, occupant, status)
        for _, number, position, occupant, status in seats
        if status in COUNTED_STATUSES
    ]  # fmt: skip  (an empty seat has no status)
    counts = Counter(position for position, *_ in counted)
    needs = engine.needs_for(structure.engine_positions, rules)
    surplus = {
        n.position_id for n in needs if n.required is not None and counts[int(n.position_id)] > n.required
    }
    held = sorted(row for row in counted if str(row[0]) in surplus)  # in seat order: the releases list them
    people = [engine.Occupant(str(e), str(p), STATUSES[s], NOT_LOADED, None) for p, _, e, s in held]
    named = engine.balances([n for n in needs if n.position_id in surplus], people, rules)
    by_position = {b.need.position_id: b for b in named}
    totals = engine.balances_from_counts(needs, {str(pk): n for pk, n in counts.items()}, rules)
    return tuple(by_position.get(b.need.position_id, b) for b in totals)


def _vacancy(
    v: engine.Vacancy,
    numbers: dict[int, int],
    public_ids: dict[int, uuid.UUID],
    by_position: dict[str, engine.Balance],
    structure: Structure,
) -> VacancyRow:
    position = structure.positions[int(v.position_id)]
    balance = by_position[v.position_id]
    seat = int(v.seat_id)
    return VacancyRow(
        seat, public_ids[seat], numbers[seat], position, structure.units[position.unit_id], v.free_from,
        str(v.reason), v.occupant_id, balance.need.required, balance.present,
    )  # fmt: skip


def _release(r: engine.Release, by_position: dict[str, engine.Balance], structure: Structure) -> ReleaseRow:
    position = structure.positions[int(r.position_id)]
    required = by_position[r.position_id].need.required
    return ReleaseRow(position, structure.units[position.unit_id], r.count, required, r.candidate_ids)


def name_vacancies(*, viewer: Viewer, rows: Iterable[VacancyRow]) -> list[VacancyRow]:
    """The rows with their leaving occupant named (one query)."""
    rows = list(rows)
    named = names(viewer=viewer, ids=(v.occupant_id for v in rows if v.occupant_id))
    return [replace(v, occupant=named[v.occupant_id]) if v.occupant_id else v for v in rows]


def name_releases(*, viewer: Viewer, rows: Iterable[ReleaseRow]) -> list[ReleaseRow]:
    rows = list(rows)
    named = names(viewer=viewer, ids=(e for r in rows for e in r.candidate_ids))
    return [replace(r, candidates=tuple(named[e] for e in r.candidate_ids)) for r in rows]


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
