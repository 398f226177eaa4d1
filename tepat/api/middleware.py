"""Authentication and error shape for everything under `/api/` (SECURITY.md R-01; DESIGN.md "Fixed interfaces").

Runs before the access-policy middleware, so a bearer token's user meets the same ACCESS_POLICY check as a
session user. Anonymous calls that accept JSON get 401 (a browser is sent to the login page); Django's HTML error pages (403 from the policy middleware, 404, 405, 500)
are turned into the API's `{"message", "field", "errors"}` shape.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from rest_framework import exceptions

from tepat.api.auth import BEARER_RESULT, BearerTokenAuthentication
from tepat.api.errors import error_response
from tepat.core.audit import security_event

API_PREFIX = "/api/"
GENERIC_MESSAGES = {
    401: "Silakan masuk atau kirim token API (Authorization: Bearer <token>).",
    403: "Peran Anda tidak berwenang untuk operasi ini.",
    404: "Data tidak ditemukan.",
    405: "Metode HTTP ini tidak didukung.",
    500: "Terjadi kesalahan pada server.",
}


def _has_bearer(request: HttpRequest) -> bool:
    words = request.META.get("HTTP_AUTHORIZATION", "").split()
    return bool(words) and words[0].lower() == "bearer"


class ApiAuthenticationMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        refusal = self._authenticate(request)
        if refusal is not None:
            return refusal
        return self._as_api_error(self.get_response(request))

    def _authenticate(self, request: HttpRequest) -> HttpResponse | None:
        if _has_bearer(request):
            try:
                found = BearerTokenAuthentication().authenticate(request)
            except exceptions.AuthenticationFailed:
                security_event(actor=None, action="api_token_rejected", detail={"path": request.path[:200]})
                return error_response(401, "Token API tidak valid atau sudah kedaluwarsa.")
            if found is not None:
                user = found[0]
                # Tokens are minted only from a signed-in web session (past the second factor where one is
                # required), so for django-otp a token's user counts as verified.
                user.is_verified = lambda: True
                request.user = user
                setattr(request, BEARER_RESULT, found)
                return None
        if not request.user.is_authenticated and "application/json" in request.headers.get("Accept", ""):
            return error_response(401, GENERIC_MESSAGES[401])
        return None  # a browser without a session is sent to the login page by the policy middleware

    @staticmethod
    def _as_api_error(response: HttpResponse) -> HttpResponse:
        is_json = response.get("Content-Type", "").startswith("application/json")
        if response.status_code < 400 or is_json or response.status_code not in GENERIC_MESSAGES:
            return response
        return error_response(response.status_code, GENERIC_MESSAGES[response.status_code])
