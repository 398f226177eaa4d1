from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tepat.core.policy import ACCESS_POLICY, allowed_roles
from tepat.core.scoping import user_scope
from tepat.engine.roles import ROLE_LABELS


def navigation(request: HttpRequest) -> dict[str, Any]:
    scope = user_scope(request.user)
    return {
        "scope": scope,
        "role_labels": [ROLE_LABELS[role] for role in sorted(scope.roles)],
        "can_see_staff": scope.government_wide or bool(scope.unit_paths),
        "open_routes": _OpenRoutes(scope.roles),
        "post_routes": _OpenRoutes(scope.roles, method="POST"),
    }


class _OpenRoutes:
    """`'app:route' in open_routes`: may the viewer's roles GET that page? Lets the nav hide links that 403.

    `post_routes` asks the same for POST, to hide forms whose submission would be refused.
    """

    def __init__(self, roles: frozenset[str], method: str = "GET") -> None:
        self.roles, self.method = roles, method

    def __contains__(self, route: object) -> bool:
        if not isinstance(route, str) or route not in ACCESS_POLICY:
            return False
        return bool(self.roles & (allowed_roles(route, self.method) or frozenset()))
