"""Reads of the organisation: the unit tree, positions with seats and occupants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tepat.core.types import Viewer
from tepat.organization.models import Position, PositionCompetency, Seat, Unit
from tepat.people.models import Employee

TOP_LEVEL_DEPTH = 1  # OPD and kecamatan sit right below the Pemerintah Kota


def _count(rows: QuerySet[Any], group: str) -> Coalesce:
    """COUNT(*) of a correlated subquery, 0 when it has no rows. COUNT(*), not COUNT(id): with the partial
    indexes on active employees and active seats, PostgreSQL counts from the index alone."""
    counted = rows.order_by().values(group).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def unit_tree(*, viewer: Viewer) -> QuerySet[Unit]:
    """All units in path order, each annotated with its own headcount and active seat count.

    Correlated subqueries, not JOIN + COUNT(DISTINCT): joining employees and seats multiplies rows per unit.
    """
    return (
        Unit.objects.visible_to(viewer)
        .annotate(
            headcount=_count(Employee.objects.filter(unit=OuterRef("pk"), is_active=True), "unit"),
            seat_count=_count(
                Seat.objects.filter(position__unit=OuterRef("pk"), is_active=True), "position__unit"
            ),
        )
        .order_by("path")
    )


def unit_get(*, viewer: Viewer, public_id: str) -> Unit:
    return Unit.objects.visible_to(viewer).select_related("parent").get(public_id=public_id)


def top_level_units(*, viewer: Viewer) -> QuerySet[Unit]:
    return Unit.objects.visible_to(viewer).filter(depth=TOP_LEVEL_DEPTH).order_by("name")


@dataclass(frozen=True)
class PositionFilters:
    unit: Unit | None = None
    kind: str = ""
    q: str = ""
    only_vacant: bool = False


def _positions(viewer: Viewer, filters: PositionFilters) -> QuerySet[Position]:
    """The scope's positions matching the filters (all but only-vacant), with their active seat and occupied
    seat counts, in list order."""
    positions = Position.objects.visible_to(viewer).select_related("unit")
    if filters.unit is not None:
        positions = positions.filter(unit__path__startswith=filters.unit.path)
    if filters.kind:
        positions = positions.filter(kind=filters.kind)
    if filters.q:
        positions = positions.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    # Correlated counts, not JOIN + GROUP BY: PostgreSQL computes them only for the page's rows after the
    # sort and limit, instead of aggregating every seat and occupant of the scope first.
    positions = positions.annotate(
        seat_count=_count(_active_seats(), "position"),
        occupied_count=_count(_active_seats().filter(occupant__isnull=False), "position"),
    )
    return positions.order_by("unit__path", "-is_head", "name")


def _active_seats() -> QuerySet[Seat]:
    return Seat.objects.filter(position=OuterRef("pk"), is_active=True)


def position_list(*, viewer: Viewer, filters: PositionFilters) -> QuerySet[Position]:
    """Positions with their active seat and occupied seat counts. Only-vacant: an active seat without an
    occupant (a seat has one occupant at most, so the same as seat_count > occupied_count); as EXISTS,
    which PostgreSQL runs as one semi-join: the cheap way to count or read all the rows."""
    positions = _positions(viewer, filters)
    if filters.only_vacant:
        positions = positions.filter(Exists(_active_seats().filter(occupant__isnull=True)))
    return positions


def position_page_rows(*, viewer: Viewer, filters: PositionFilters) -> QuerySet[Position]:
    """The rows of `position_list`, shaped for reading one page (count with `position_list`). Only-vacant
    as a correlated count of empty seats: PostgreSQL then walks units in path order and stops after the
    page (~2 ms for 2,996 positions), where the semi-join reads every seat first and misestimates it into
    a nested loop over the units (~70 ms at 50,000 employees)."""
    positions = _positions(viewer, filters)
    if filters.only_vacant:
        empty_seats = _count(_active_seats().filter(occupant__isnull=True), "position")
        positions = positions.annotate(empty_seats=empty_seats).filter(empty_seats__gt=0)
    return positions


def position_get(*, viewer: Viewer, public_id: str) -> Position:
    seats = Seat.objects.select_related("occupant").order_by("number")
    standard = PositionCompetency.objects.select_related("competency").order_by("competency__code")
    return (
        Position.objects.visible_to(viewer)
        .select_related("unit")
        .prefetch_related(
            Prefetch("seats", queryset=seats),
            Prefetch("required_competencies", queryset=standard),
            "education_fields",
        )
        .get(public_id=public_id)
    )


def position_occupants(*, viewer: Viewer, position: Position) -> QuerySet[Employee]:
    """Occupants of the position's seats that the viewer may see in full."""
    return Employee.objects.visible_to(viewer).filter(seat__position=position).order_by("name")
