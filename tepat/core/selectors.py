"""The dashboard: headcount per unit, open seats and people past five years in post, within the viewer's scope."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine.dates import shift_years
from tepat.organization.models import Seat, Unit
from tepat.people.models import Employee


@dataclass(frozen=True)
class UnitHeadcount:
    unit: Unit
    headcount: int
    seats: int
    vacant: int


@dataclass(frozen=True)
class Dashboard:
    rows: list[UnitHeadcount]
    total_employees: int
    total_vacant: int
    over_tenure_count: int
    over_tenure: list[Employee]


def units_in_scope(*, viewer: Viewer) -> QuerySet[Unit]:
    scope = user_scope(viewer)
    units = Unit.objects.all()
    return units if scope.government_wide else units.filter(scope.unit_q("path"))


def _display_units(*, viewer: Viewer) -> list[Unit]:
    """Government-wide roles see the OPD/kecamatan level; a unit head sees the children of their units."""
    scope = user_scope(viewer)
    if scope.government_wide:
        return list(Unit.objects.filter(depth=1).order_by("name"))
    granted = list(Unit.objects.filter(path__in=scope.unit_paths))
    children = list(Unit.objects.filter(parent__in=granted).order_by("path"))
    return granted + children


def _rollup(units: list[Unit], counts: dict[str, int]) -> dict[int, int]:
    """Sum per-unit counts (keyed by unit path) into each displayed unit's subtree."""
    return {unit.pk: sum(n for path, n in counts.items() if path.startswith(unit.path)) for unit in units}


def dashboard(*, viewer: Viewer, on: date, over_tenure_limit: int = 10) -> Dashboard:
    units = _display_units(viewer=viewer)
    scoped_units = units_in_scope(viewer=viewer)
    employees = Employee.objects.active().filter(unit__in=scoped_units)
    headcounts = Counter(
        {row["unit__path"]: row["n"] for row in employees.values("unit__path").annotate(n=Count("id"))}
    )
    seat_rows = (
        Seat.objects.filter(is_active=True, position__unit__in=scoped_units)
        .values("position__unit__path")
        .annotate(n=Count("id"), vacant=Count("id", filter=Q(occupant__isnull=True)))
    )
    seats = {row["position__unit__path"]: row["n"] for row in seat_rows}
    vacant = {row["position__unit__path"]: row["vacant"] for row in seat_rows}
    per_unit_heads, per_unit_seats, per_unit_vacant = (
        _rollup(units, headcounts),
        _rollup(units, seats),
        _rollup(units, vacant),
    )
    cutoff = shift_years(on, -5)
    over = employees.filter(position_since__lt=cutoff).select_related("unit", "seat__position")
    return Dashboard(
        rows=[
            UnitHeadcount(unit, per_unit_heads[unit.pk], per_unit_seats[unit.pk], per_unit_vacant[unit.pk])
            for unit in units
        ],
        total_employees=sum(headcounts.values()),
        total_vacant=sum(vacant.values()),
        over_tenure_count=over.count(),
        over_tenure=list(over.order_by("position_since")[:over_tenure_limit]),
    )
