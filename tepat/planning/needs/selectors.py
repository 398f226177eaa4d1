"""Reads of the needs analysis: kebutuhan vs bezetting per position and per unit, and the five-year outlook.

`needs_report(viewer=…, unit=…)` — positions of the unit's subtree (or of everything the viewer may see)
with their need (ABK, hand-set formasi or none), the people counted at the reference date, EJ and its
grade, and the totals per displayed unit (children of `unit`, or the OPDs and kecamatan for BKPP roles).
`projection_report(...)` adds departures (BUP, PPPK contract ends) year by year and the priorities.
Both run a fixed number of queries whatever the size of the subtree.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today, user_scope
from tepat.core.selectors import units_in_scope
from tepat.core.types import Viewer
from tepat.engine import needs as engine
from tepat.engine.reference import EmploymentStatus
from tepat.organization.models import Unit
from tepat.planning.needs.loading import PersonRef, PositionRef, Structure, UnitRef, gc_paused, load_structure
from tepat.planning.needs.people import counted_at, counts_at, holder_ids_at, leaving_at, names
from tepat.planning.needs.rules import needs_rules

TOP_LEVEL_DEPTH = 1  # OPD and kecamatan sit right below the Pemerintah Kota


@dataclass(frozen=True)
class PositionNeed:
    position: PositionRef
    unit: UnitRef
    balance: engine.Balance
    task_count: int
    people: tuple[PersonRef, ...] = ()  # filled by `name_people` for the rows on screen
    more_people: int = 0  # counted but not named here (`name_people(limit=…)`): "dan N lainnya"

    @property
    def need(self) -> engine.Need:
        return self.balance.need

    @property
    def missing(self) -> int:
        return max(-(self.balance.selisih or 0), 0)

    @property
    def extra(self) -> int:
        return max(self.balance.selisih or 0, 0)


@dataclass(frozen=True)
class UnitNeed:
    unit: UnitRef
    total: engine.UnitBalance


@dataclass(frozen=True)
class NeedsReport:
    reference: date
    rules: engine.NeedsRules
    root: UnitRef | None
    rows: tuple[UnitNeed, ...]  # the displayed units (children of the root, or the top level)
    positions: tuple[PositionNeed, ...]  # every position of the subtree, in unit path order
    total: engine.UnitBalance
    structure: Structure
    occupants: tuple[engine.Occupant, ...]  # empty when the bezetting was only counted (`with_ids=False`)
    counted_only: bool = False

    @property
    def shortages(self) -> tuple[PositionNeed, ...]:
        return tuple(p for p in self.positions if p.balance.status is engine.BalanceStatus.KEKURANGAN)

    @property
    def surpluses(self) -> tuple[PositionNeed, ...]:
        return tuple(p for p in self.positions if p.balance.status is engine.BalanceStatus.KELEBIHAN)


def display_units(viewer: Viewer, structure: Structure) -> list[UnitRef]:
    """The root and its children; without a root the OPDs and kecamatan (BKPP) or the granted subtrees."""
    units = structure.units.values()
    if structure.root is not None:
        return [structure.root, *(u for u in units if u.parent_id == structure.root.pk)]
    if user_scope(viewer).government_wide:
        return [u for u in units if u.depth == TOP_LEVEL_DEPTH]
    return [u for u in units if u.parent_id not in structure.units]  # the granted subtrees' roots


def _total(rows: list[engine.Balance]) -> engine.UnitBalance:
    gaps = [b.selisih for b in rows]
    return engine.UnitBalance(
        "total",
        sum(b.need.required or 0 for b in rows),
        sum(b.present for b in rows),
        sum(max(g or 0, 0) for g in gaps),
        sum(max(-(g or 0), 0) for g in gaps),
        sum(g is None for g in gaps),
    )


def _own_only(unit: UnitRef, balances: list[engine.Balance]) -> engine.UnitBalance:
    """The root's own positions (not its children's) so the root row does not repeat the children."""
    return _total([b for b in balances if b.need.unit_id == str(unit.pk)])


@gc_paused
def needs_report(
    *,
    viewer: Viewer,
    unit: Unit | None = None,
    on: date | None = None,
    with_ids: bool = True,
) -> NeedsReport:
    """Kebutuhan vs bezetting at the reference date (31 December of the year before `on`); `with_ids=False`
    lets the database count the bezetting (pages then name the rows they show with `name_people(report=…)`)."""
    day = on or today()
    reference = engine.reference_date(day)
    rules = needs_rules(load_rule_book(), day)
    structure = load_structure(
        viewer=viewer, root=unit, per_task=rules.rounding is engine.Rounding.CEIL_PER_TASK
    )
    needs = engine.needs_for(structure.engine_positions, rules)
    if with_ids:
        occupants = counted_at(structure=structure, on=reference)
        balances = list(engine.balances(needs, occupants, rules))
    else:
        occupants = ()
        balances = list(
            engine.balances_from_counts(needs, counts_at(structure=structure, on=reference), rules)
        )
    per_unit = engine.rollup(balances, structure.engine_units)
    rows = [
        UnitNeed(u, _own_only(u, balances) if u == structure.root else per_unit[str(u.pk)])
        for u in display_units(viewer, structure)
    ]
    positions = tuple(
        PositionNeed(
            structure.positions[int(b.need.position_id)],
            structure.units[int(b.need.unit_id)],
            b,
            structure.task_counts.get(int(b.need.position_id), 0),
        )
        for b in balances
    )
    return NeedsReport(
        reference, rules, structure.root, tuple(rows), positions, _total(balances), structure, occupants,
        counted_only=not with_ids,
    )  # fmt: skip


def name_people(
    *,
    viewer: Viewer,
    rows: Iterable[PositionNeed],
    report: NeedsReport | None = None,
    limit: int | None = None,
) -> list[PositionNeed]:
    """The rows with the people they count, named (one query for all the rows given; two when `report`
    only counted the bezetting, to read who was counted in the rows' positions). With `limit`, only the
    first `limit` people of each row are named and `more_people` says how many more the row counts."""
    rows = list(rows)
    ids = {row.balance.need.position_id: row.balance.employee_ids for row in rows}
    if report is not None and report.counted_only:
        positions = [int(pk) for pk in ids]
        ids = holder_ids_at(structure=report.structure, on=report.reference, position_ids=positions)
    shown = {position: people[:limit] for position, people in ids.items()}
    named = names(viewer=viewer, ids=(e for people in shown.values() for e in people))
    return [
        replace(
            row,
            people=tuple(named[e] for e in shown[row.balance.need.position_id]),
            more_people=len(ids[row.balance.need.position_id]) - len(shown[row.balance.need.position_id]),
        )
        for row in rows
    ]


# --- projection ---


def projectable_departures(
    positions: tuple[engine.Position, ...],
    occupants: tuple[engine.Occupant, ...],
    rules: engine.NeedsRules,
) -> tuple[tuple[engine.Departure, ...], tuple[str, ...]]:
    """Departures of everyone who can be projected; PPPK without a contract end come back apart
    (they are shown as data to complete instead of failing the whole page)."""
    missing = tuple(
        o.employee_id for o in occupants if o.status is EmploymentStatus.PPPK and o.contract_end is None
    )
    skip = set(missing)
    known = tuple(o for o in occupants if o.employee_id not in skip)
    return engine.departures(positions, known, rules), missing


@dataclass(frozen=True)
class YearTotal:
    year: int
    required: int
    present: int
    retirements: int
    contract_ends: int
    shortage: int  # people missing, summed over positions in shortage that year
    surplus: int


@dataclass(frozen=True)
class PriorityRow:
    priority: engine.Priority
    position: PositionRef
    unit: UnitRef


@dataclass(frozen=True)
class LeaverRow:
    departure: engine.Departure
    position: PositionRef
    unit: UnitRef
    person: PersonRef | None = None  # filled by `name_leavers` for the rows on screen


@dataclass(frozen=True)
class ProjectionReport:
    needs: NeedsReport
    years: tuple[YearTotal, ...]
    priorities: tuple[PriorityRow, ...]
    leavers: tuple[LeaverRow, ...]  # departures within the projection, soonest first
    skipped: tuple[str, ...]  # employee ids of PPPK without a contract end: not projected (data to complete)


@gc_paused
def projection_report(
    *, viewer: Viewer, unit: Unit | None = None, on: date | None = None
) -> ProjectionReport:
    """Year by year after the reference date: bezetting minus retirements and PPPK contract ends."""
    report = needs_report(viewer=viewer, unit=unit, on=on, with_ids=False)
    structure, rules = report.structure, report.rules
    last_day = date(report.reference.year + rules.projection_years, 12, 31)
    youngest = min(r.age for r in rules.bup)
    pool = leaving_at(structure=structure, on=report.reference, horizon=last_day, youngest_bup=youngest)
    leaving, skipped = projectable_departures(structure.engine_positions, pool, rules)
    # Arrays, not an outlook object per position and year: the page shows totals and the positions in shortage.
    grid = engine.outlook_grid(
        [p.balance for p in report.positions], leaving, reference=report.reference, rules=rules
    )
    leavers = sorted((d for d in leaving if d.on <= last_day), key=lambda d: (d.on, d.employee_id))
    return ProjectionReport(
        report,
        tuple(YearTotal(*vars(y).values()) for y in engine.year_sums(grid)),
        tuple(
            PriorityRow(p, structure.positions[int(p.position_id)], structure.units[int(p.unit_id)])
            for p in engine.grid_priorities(grid)
        ),
        tuple(_leaver(d, structure) for d in leavers),
        skipped,
    )


def _leaver(departure: engine.Departure, structure: Structure) -> LeaverRow:
    position = structure.positions[int(departure.position_id)]
    return LeaverRow(departure, position, structure.units[position.unit_id])


def name_leavers(*, viewer: Viewer, rows: Iterable[LeaverRow]) -> list[LeaverRow]:
    rows = list(rows)
    named = names(viewer=viewer, ids=(r.departure.employee_id for r in rows))
    return [replace(r, person=named[r.departure.employee_id]) for r in rows]


def unit_in_scope_get(*, viewer: Viewer, public_id: uuid.UUID | str) -> Unit:
    """A unit the viewer may analyse (DoesNotExist outside their scope, answered as 404)."""
    return units_in_scope(viewer=viewer).get(public_id=public_id)


def home_unit(*, viewer: Viewer) -> Unit | None:
    """A unit head with one granted subtree starts there; BKPP roles start with the whole government."""
    scope = user_scope(viewer)
    if scope.government_wide or len(scope.unit_paths) != 1:
        return None
    return Unit.objects.filter(path=scope.unit_paths[0]).first()
