"""Reads of the organisation: the unit tree, positions with seats and occupants."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tepat.core.types import Viewer
from tepat.organization.models import Position, PositionCompetency, Seat, Unit
from tepat.people.models import Employee

TOP_LEVEL_DEPTH = 1  # OPD and kecamatan sit right below the Pemerintah Kota


def unit_tree(*, viewer: Viewer) -> QuerySet[Unit]:
    """All units in path order, each annotated with its own headcount and active seat count.

    Correlated subqueries, not JOIN + COUNT(DISTINCT): joining employees and seats multiplies rows per unit.
    """
    headcount = (
        Employee.objects.filter(unit=OuterRef("pk"), is_active=True)
        .order_by()
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    seats = (
        Seat.objects.filter(position__unit=OuterRef("pk"), is_active=True)
        .order_by()
        .values("position__unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Unit.objects.visible_to(viewer)
        .annotate(
            headcount=Coalesce(Subquery(headcount, output_field=IntegerField()), 0),
            seat_count=Coalesce(Subquery(seats, output_field=IntegerField()), 0),
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


def position_list(*, viewer: Viewer, filters: PositionFilters) -> QuerySet[Position]:
    """Positions with seat and occupant counts; the seat rows come prefetched with their occupant."""
    positions = Position.objects.visible_to(viewer).select_related("unit")
    if filters.unit is not None:
        positions = positions.filter(unit__path__startswith=filters.unit.path)
    if filters.kind:
        positions = positions.filter(kind=filters.kind)
    if filters.q:
        positions = positions.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    positions = positions.annotate(
        seat_count=Count("seats", filter=Q(seats__is_active=True), distinct=True),
        occupied_count=Count("seats__occupant", filter=Q(seats__is_active=True), distinct=True),
    )
    if filters.only_vacant:
        positions = positions.filter(seat_count__gt=F("occupied_count"))
    return positions.order_by("unit__path", "-is_head", "name")


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
