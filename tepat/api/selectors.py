"""Reads behind the API, all scoped by `visible_to(viewer)` through the apps' own selectors."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from tepat.api.models import ApiToken
from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine.roles import Role
from tepat.organization.models import Position, Seat, Unit
from tepat.organization.selectors import PositionFilters, position_list, unit_tree
from tepat.people.models import Employee
from tepat.people.selectors import EmployeeFilters, employee_list


def unit_find(*, viewer: Viewer, public_id: str) -> Unit:
    """A unit named by a filter parameter; raises Unit.DoesNotExist outside the viewer's scope."""
    return Unit.objects.visible_to(viewer).get(public_id=public_id)


@dataclass(frozen=True)
class UnitApiFilters:
    q: str = ""
    parent: Unit | None = None


def api_unit_list(*, viewer: Viewer, filters: UnitApiFilters) -> QuerySet[Unit]:
    units = unit_tree(viewer=viewer).select_related("parent")
    if filters.q:
        units = units.filter(Q(name__icontains=filters.q) | Q(code__icontains=filters.q))
    if filters.parent is not None:
        units = units.filter(parent=filters.parent)
    return units


def _seats() -> QuerySet[Seat]:
    occupied = Employee.objects.filter(seat=OuterRef("pk"))
    return Seat.objects.annotate(occupied=Exists(occupied)).order_by("number")


def api_position_list(*, viewer: Viewer, filters: PositionFilters) -> QuerySet[Position]:
    return position_list(viewer=viewer, filters=filters).prefetch_related(
        Prefetch("seats", queryset=_seats())
    )


def api_position_get(*, viewer: Viewer, public_id: str) -> Position:
    return (
        Position.objects.visible_to(viewer)
        .select_related("unit")
        .prefetch_related(
            Prefetch("seats", queryset=_seats()),
            "required_competencies__competency",
            "education_fields",
        )
        .get(public_id=public_id)
    )


def api_employee_list(*, viewer: Viewer, filters: EmployeeFilters, nip: str = "") -> QuerySet[Employee]:
    employees = employee_list(viewer=viewer, filters=filters).select_related("seat__position__unit")
    return employees.filter(nip=nip) if nip else employees


def api_employee_get(*, viewer: Viewer, public_id: str) -> Employee:
    return (
        Employee.objects.visible_to(viewer)
        .select_related("unit", "seat__position__unit", "education_field")
        .get(public_id=public_id)
    )


def sees_full_nik(viewer: Viewer) -> bool:
    """Only hr_admin sees a full NIK (SECURITY.md D-6)."""
    return user_scope(viewer).has(Role.HR_ADMIN)


def api_token_list(*, viewer: Viewer, everyone: bool = False) -> QuerySet[ApiToken]:
    """The viewer's own tokens; every user's tokens for an hr_admin who asks for them."""
    tokens = ApiToken.objects.select_related("token__user").order_by("-created_at")
    if everyone and user_scope(viewer).has(Role.HR_ADMIN):
        return tokens
    return tokens.filter(token__user_id=viewer.pk or 0)


def api_token_get(*, viewer: Viewer, public_id: str) -> ApiToken:
    return api_token_list(viewer=viewer, everyone=True).get(public_id=public_id)
