from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from tepat.core.scoping import user_scope
from tepat.engine.roles import ROLE_LABELS


def navigation(request: HttpRequest) -> dict[str, Any]:
    scope = user_scope(request.user)
    return {
        "scope": scope,
        "role_labels": [ROLE_LABELS[role] for role in sorted(scope.roles)],
        "can_see_staff": scope.government_wide or bool(scope.unit_paths),
    }
