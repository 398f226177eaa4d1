"""Who is in the scenario and which seats are on the table, read from the database in a fixed number of queries.

Pool: active employees in the scope units who are over the tenure threshold, volunteers (stated a
preference), employees in scope without a seat (back from study leave, surplus), explicit additions and the
employees of locked pairs. Seats: the vacancy source (empty active seats in scope now; the vacancy map when
chosen) plus the pool's own seats and the seats of locked pairs, so everyone in the pool can also stay.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q

from tepat.engine.dates import shift_years
from tepat.engine.reference import PositionKind
from tepat.organization.models import Seat, Unit
from tepat.people.models import Employee, EmployeePreference
from tepat.planning.models import Scenario, ScenarioPair, SeatSource

STRUCTURAL = frozenset({PositionKind.JPT_PRATAMA, PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS})


@dataclass(frozen=True)
class PoolMember:
    pk: int
    public_id: uuid.UUID
    nip: str
    name: str
    gender: str
    birth_date: date
    rank: int | None
    position_since: date | None
    seat_id: int | None
    unit_name: str


@dataclass(frozen=True)
class SeatInfo:
    pk: int
    public_id: uuid.UUID
    position_id: int
    position_name: str
    unit_id: int
    unit_name: str
    unit_path: str
    priority: bool  # structural post (head, administrator, pengawas): an empty one weighs more
    holder_id: int | None  # occupant today (None: vacant now)


@dataclass(frozen=True)
class PreferenceRow:
    employee_id: int
    rank: int
    unit_path: str | None
    position_id: int | None
    reason: str
    label: str


@dataclass(frozen=True)
class ScenarioData:
    on: date
    pool: list[PoolMember]  # ordered by pk
    seats: list[SeatInfo]  # ordered by pk
    preferences: list[PreferenceRow]
    locked: list[tuple[int, int]]  # (employee pk, seat pk)
    forbidden: list[tuple[int, int]]
    scope_paths: tuple[str, ...] = field(default=())


def _in_scope(paths: tuple[str, ...], lookup: str) -> Q:
    return reduce(or_, (Q(**{f"{lookup}__startswith": p}) for p in paths), Q(pk__in=[]))


def _pool_filter(scenario: Scenario, paths: tuple[str, ...], locked: list[tuple[int, int]]) -> Q:
    """A locked pair brings its employee and the seat's current holder (who must then go elsewhere or nowhere)."""
    scoped = _in_scope(paths, "unit__path")
    parts = [
        Q(pk__in=[e for e, _ in locked]),
        Q(seat_id__in=[s for _, s in locked]),
        Q(pk__in=scenario.pool_extra.values("pk")),
    ]
    if scenario.pool_min_years is not None:
        cutoff = shift_years(scenario.on, -scenario.pool_min_years)
        parts.append(scoped & Q(position_since__lt=cutoff))
    if scenario.pool_volunteers:
        parts.append(scoped & Q(pk__in=EmployeePreference.objects.values("employee_id")))
    if scenario.pool_unplaced:
        parts.append(scoped & Q(seat__isnull=True))
    return reduce(or_, parts)


def _pool(scenario: Scenario, paths: tuple[str, ...], locked: list[tuple[int, int]]) -> list[PoolMember]:
    rows = (
        Employee.objects.active()
        .filter(_pool_filter(scenario, paths, locked))
        .order_by("pk")
        .values_list(
            "pk", "public_id", "nip", "name", "gender", "birth_date", "rank", "position_since", "seat_id",
            "unit__name", "front_title", "back_title",
        )
    )  # fmt: skip
    members = []
    for pk, public_id, nip, name, gender, born, rank, since, seat_id, unit, front, back in rows:
        full = f"{front} {name}".strip() + (f", {back}" if back else "")
        members.append(PoolMember(pk, public_id, nip, full, gender, born, rank, since, seat_id, unit or ""))
    return members


def _vacant_seat_filter(scenario: Scenario, paths: tuple[str, ...]) -> Q:
    return Q(is_active=True, occupant__isnull=True) & _in_scope(paths, "position__unit__path")


def _horizon_seats(scenario: Scenario, viewer: Any) -> tuple[list[int], list[int]]:
    """Seats of the vacancy map (empty now or freed within the horizon) and the people leaving them."""
    from tepat.planning.needs.vacancies import vacancy_map_for

    months = scenario.on.month - 1 + (scenario.seat_horizon_months or 0)
    horizon = date(scenario.on.year + months // 12, months % 12 + 1, min(scenario.on.day, 28))
    ids: list[int] = []
    leaving: list[int] = []
    for unit in scenario.scope_units.all():
        report = vacancy_map_for(viewer=viewer, unit=unit, as_of=scenario.on, horizon=horizon)
        ids.extend(v.seat_id for v in report.vacancies)
        leaving.extend(v.occupant.pk for v in report.vacancies if v.occupant is not None)
    return ids, leaving


def _seats(seat_q: Q) -> list[SeatInfo]:
    rows = (
        Seat.objects.filter(seat_q)
        .order_by("pk")
        .values_list(
            "pk", "public_id", "position_id", "position__name", "position__unit_id", "position__unit__name",
            "position__unit__path", "position__is_head", "position__kind", "occupant__pk",
        )
    )  # fmt: skip
    return [
        SeatInfo(pk, public_id, position, name, unit, unit_name, path, head or kind in STRUCTURAL, holder)
        for pk, public_id, position, name, unit, unit_name, path, head, kind, holder in rows
    ]


def _preferences(employee_ids: list[int]) -> list[PreferenceRow]:
    rows = EmployeePreference.objects.filter(employee_id__in=employee_ids).select_related(
        "unit", "position__unit"
    )
    result = []
    for row in rows.order_by("employee_id", "rank"):
        label = f"{row.position.name} – {row.position.unit.name}" if row.position else str(row.unit)
        path = row.unit.path if row.unit else None
        result.append(PreferenceRow(row.employee_id, row.rank, path, row.position_id, row.reason, label))
    return result


def scenario_data_load(*, scenario: Scenario, viewer: Any = None) -> ScenarioData:
    """Everything the run needs from the database about people and seats (not the fit arrays)."""
    paths = tuple(
        Unit.objects.filter(pk__in=scenario.scope_units.values("pk")).values_list("path", flat=True)
    )
    pairs = list(ScenarioPair.objects.filter(scenario=scenario).values_list("employee_id", "seat_id", "kind"))
    locked = [(e, s) for e, s, kind in pairs if kind == ScenarioPair.Kind.LOCK]
    forbidden = [(e, s) for e, s, kind in pairs if kind == ScenarioPair.Kind.FORBID]
    horizon_ids: list[int] = []
    leaving: list[int] = []
    if scenario.seat_source == SeatSource.VACANCY_MAP:
        horizon_ids, leaving = _horizon_seats(scenario, viewer)
    pool = [m for m in _pool(scenario, paths, locked) if m.pk not in set(leaving)]
    seat_q = Q(pk__in=[m.seat_id for m in pool if m.seat_id]) | Q(pk__in=[s for _, s in locked])
    if scenario.seat_source == SeatSource.VACANCY_MAP:
        seat_q |= Q(pk__in=horizon_ids)
    else:
        seat_q |= _vacant_seat_filter(scenario, paths)
    gone = set(leaving)  # seats freed within the horizon count as vacancies: their holders leave
    seats = [replace(s, holder_id=None) if s.holder_id in gone else s for s in _seats(seat_q)]
    return ScenarioData(
        on=scenario.on,
        pool=pool,
        seats=seats,
        preferences=_preferences([m.pk for m in pool]),
        locked=locked,
        forbidden=forbidden,
        scope_paths=paths,
    )
