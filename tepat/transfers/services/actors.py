"""Translate users and moves into the engine's `Actor` and `Case` (separation of duties, R-06)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model

from tepat.accounts.models import RoleGrant
from tepat.core.scoping import today, user_scope
from tepat.engine.errors import IllegalTransition
from tepat.engine.roles import ROLE_LABELS, Role
from tepat.engine.workflow import ACTION_LABELS, ROLES, SYSTEM_ACTOR, Actor, Case, Delegation
from tepat.people.models import Employee, FamilyRelation
from tepat.transfers.models import ConflictDeclaration, Move


def employee_of(user: Any) -> Employee | None:
    if user is None or not getattr(user, "pk", None):
        return None
    return Employee.objects.filter(user_id=user.pk).first()


def relatives_of(employee_id: int) -> frozenset[str]:
    """Declared relatives in both directions: a declaration by either side binds both."""
    pairs = FamilyRelation.objects.filter(employee_id=employee_id).values_list("relative_id", flat=True)
    back = FamilyRelation.objects.filter(relative_id=employee_id).values_list("employee_id", flat=True)
    return frozenset(str(pk) for pk in [*pairs, *back])


def engine_actor(user: Any, on: date | None = None) -> Actor:
    employee = employee_of(user)
    return Actor(
        user_id=str(user.pk),
        roles=user_scope(user, on).roles,
        employee_id=str(employee.pk) if employee else None,
        relatives=relatives_of(employee.pk) if employee else frozenset(),
    )


def engine_case(move: Move) -> Case:
    target_unit = move.target_seat.position.unit
    origin_unit = move.origin_unit
    return Case(
        case_id=str(move.public_id),
        employee_id=str(move.employee_id),
        proposer_id=str(move.proposal.created_by_id),
        verifier_id=str(move.verified_by_id) if move.verified_by_id else None,
        conflicted=frozenset(
            str(pk)
            for pk in ConflictDeclaration.objects.filter(move=move).values_list("member_id", flat=True)
        ),
        # Ancestor paths identify units uniquely, root first; a delegation's scope holds unit paths too.
        origin_unit_path=tuple(origin_unit.ancestor_paths()) if origin_unit else (),
        target_unit_path=tuple(target_unit.ancestor_paths()),
    )


def role_for(user: Any, action: str) -> str:
    """The role under which `user` may take `action` today; 403-worthy IllegalTransition when none."""
    held = user_scope(user).roles
    allowed = sorted(held & ROLES[action])  # type: ignore[index]
    if not allowed:
        roles = ", ".join(ROLE_LABELS[r] for r in sorted(held)) or "tanpa peran"
        raise IllegalTransition(f'Peran Anda ({roles}) tidak berwenang melakukan "{ACTION_LABELS[action]}".')
    return allowed[0]


def system_user() -> Any:
    """The named system actor of the TMT job (R-07): a user row that can never log in."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(
        username=SYSTEM_ACTOR, defaults={"first_name": "Sistem penerapan TMT", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def delegations_for(user: Any) -> list[Delegation]:
    """Approver grants limited to a unit are delegations of the PPK's authority for that subtree and period."""
    grants = RoleGrant.objects.filter(user=user, role=Role.APPROVER, unit__isnull=False).select_related(
        "unit"
    )
    return [
        Delegation(
            delegate_id=str(user.pk),
            valid_from=grant.valid_from,
            valid_to=grant.valid_to,
            scope=frozenset({grant.unit.path}),  # type: ignore[union-attr]
            legal_basis=grant.basis,
        )
        for grant in grants
    ]


def full_authority(user: Any, on: date | None = None) -> bool:
    """A PPK by an unlimited approver grant (not a unit-limited delegation)."""
    return (
        RoleGrant.objects.active_on(on or today())
        .filter(user=user, role=Role.APPROVER, unit__isnull=True)
        .exists()
    )
