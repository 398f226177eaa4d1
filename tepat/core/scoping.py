"""Who may see what: one Scope per user, computed from their active role grants (SECURITY.md R-03).

Every selector filters through a model's `visible_to(user)`, which asks `user_scope(user)` here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone

from tepat.engine.roles import GOVERNMENT_WIDE, Role

if TYPE_CHECKING:
    from tepat.core.types import Viewer


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    government_wide: bool = False
    unit_paths: tuple[str, ...] = ()  # subtrees granted to a unit head
    user_id: int | None = None
    grant_units: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def has(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def unit_q(self, path_field: str) -> Q:
        """A filter on `path_field` (a Unit.path lookup) matching any granted subtree; empty → matches nothing."""
        query = Q(pk__in=[])
        for path in self.unit_paths:
            query |= Q(**{f"{path_field}__startswith": path})
        return query


def today() -> date:
    return timezone.localdate()


def user_scope(user: Viewer | Any, on: date | None = None) -> Scope:
    """The scope of `user` on `on` (default today), cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    day = on or today()
    cache_key = f"_tepat_scope_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    scope = _compute_scope(user, day)
    setattr(user, cache_key, scope)
    return scope


def _compute_scope(user: Any, day: date) -> Scope:
    from tepat.accounts.models import RoleGrant

    grants = list(RoleGrant.objects.active_on(day).filter(user=user).select_related("unit"))
    roles = frozenset(grant.role for grant in grants)
    unit_paths = tuple(
        sorted(
            {grant.unit.path for grant in grants if grant.role == Role.UNIT_HEAD and grant.unit is not None}
        )
    )
    grant_units: dict[str, list[int]] = {}
    for grant in grants:
        if grant.unit_id is not None:
            grant_units.setdefault(grant.role, []).append(grant.unit_id)
    return Scope(
        roles=roles,
        government_wide=bool(roles & GOVERNMENT_WIDE),
        unit_paths=unit_paths,
        user_id=user.pk,
        grant_units={role: tuple(ids) for role, ids in grant_units.items()},
    )
