"""Second factor for the privileged roles (SECURITY.md R-12): TOTP via django-otp.

A signed-in user holding a privileged role reaches nothing but the MFA pages (and logout) until the session
is verified with a TOTP code. Off in the dev/demo and test settings (`TEPAT_MFA_REQUIRED`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect

from tepat.core.access import route_name
from tepat.core.scoping import user_scope
from tepat.engine.roles import Role

PRIVILEGED = frozenset({Role.HR_ADMIN, Role.ANALYST, Role.BOARD_MEMBER, Role.APPROVER})
MFA_ROUTES = frozenset(
    {"accounts:login", "accounts:logout", "accounts:mfa_setup", "accounts:mfa_verify", "core:health"}
)


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    if not settings.TEPAT_MFA_REQUIRED or not user.is_authenticated:
        return False
    privileged = bool(user_scope(user).roles & PRIVILEGED) or user.is_staff
    return privileged and not user.is_verified()  # type: ignore[attr-defined]  # added by OTPMiddleware


class MfaRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        if route_name(request) in MFA_ROUTES or not needs_second_factor(request):
            return None
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"message": "Verifikasi dua langkah diperlukan.", "field": None, "errors": []}, status=403
            )
        from django_otp import devices_for_user

        has_device = any(True for _ in devices_for_user(request.user, confirmed=True))
        target = "accounts:mfa_verify" if has_device else "accounts:mfa_setup"
        return redirect(f"{redirect(target).url}?next={request.get_full_path()}")
