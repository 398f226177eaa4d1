"""The API's default permission: authenticated and allowed by ACCESS_POLICY for this route and method (R-01, R-02)."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import BasePermission

from tepat.core.access import route_name
from tepat.core.policy import allowed_roles
from tepat.core.policy_types import DELEGATED, PUBLIC
from tepat.core.scoping import user_scope


class AccessPolicyPermission(BasePermission):
    message = "Peran Anda tidak berwenang untuk operasi ini."

    def has_permission(self, request: Any, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        roles = allowed_roles(route_name(request._request), request.method or "GET")
        if roles is None or roles == DELEGATED:
            return False
        if roles == PUBLIC:
            return True
        return bool(user_scope(request.user).roles & roles)
