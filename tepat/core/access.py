"""Deny by default: the middleware that applies ACCESS_POLICY to every resolved view (R-01, R-02)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from tepat.core.audit import security_event
from tepat.core.policy import DELEGATED, PUBLIC, allowed_roles
from tepat.core.scoping import user_scope


def route_name(request: HttpRequest) -> str:
    match = request.resolver_match
    if match is None:
        return ""
    if match.namespaces and match.namespaces[0] == "admin":
        return "admin"
    return match.view_name


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> Any:
        name = route_name(request)
        roles = allowed_roles(name, request.method or "GET")
        if roles is None:
            security_event(actor=request.user, action="route_not_in_policy", detail={"route": name})
            raise PermissionDenied("Rute ini tidak terdaftar dalam kebijakan akses.")
        if roles in (PUBLIC, DELEGATED):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not user_scope(request.user).roles & roles:
            security_event(
                actor=request.user, action="forbidden", detail={"route": name, "method": request.method}
            )
            raise PermissionDenied("Peran Anda tidak berwenang membuka halaman ini.")
        return None
