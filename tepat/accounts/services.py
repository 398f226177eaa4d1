"""Role grants: every grant, change and revocation is audited (R-20 "role change")."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from tepat.accounts.models import RoleGrant, User
from tepat.core.audit import audit_record
from tepat.organization.models import Unit


def _describe(grant: RoleGrant) -> dict[str, Any]:
    return {
        "role": grant.role,
        "unit": grant.unit.code if grant.unit else None,
        "valid_from": grant.valid_from.isoformat() if grant.valid_from else None,
        "valid_to": grant.valid_to.isoformat() if grant.valid_to else None,
    }


@transaction.atomic
def role_grant_save(*, actor: Any, grant: RoleGrant) -> RoleGrant:
    old = _describe(RoleGrant.objects.get(pk=grant.pk)) if grant.pk else None
    grant.full_clean()
    grant.save()
    audit_record(
        actor=actor,
        action="role_grant_save",
        obj=grant,
        changes={"old": old, "new": _describe(grant)},
        object_type="accounts.rolegrant",
        object_id=str(grant.pk),
    )
    return grant


def role_grant_create(
    *,
    actor: Any,
    user: User,
    role: str,
    unit: Unit | None,
    valid_from: date,
    valid_to: date | None = None,
    basis: str = "",
) -> RoleGrant:
    grant = RoleGrant(user=user, role=role, unit=unit, valid_from=valid_from, valid_to=valid_to, basis=basis)
    return role_grant_save(actor=actor, grant=grant)


@transaction.atomic
def role_grant_delete(*, actor: Any, grant: RoleGrant) -> None:
    description = _describe(grant)
    pk = grant.pk
    grant.delete()
    audit_record(
        actor=actor,
        action="role_grant_delete",
        changes={"old": description},
        object_type="accounts.rolegrant",
        object_id=str(pk),
    )
