"""Bearer tokens for the API: knox tokens sent as `Authorization: Bearer <token>`, stored hashed (SHA-512)."""

from __future__ import annotations

from typing import Any

from knox.auth import TokenAuthentication

BEARER_RESULT = "_tepat_bearer"


class BearerTokenAuthentication(TokenAuthentication):
    """Knox with the `Bearer` prefix; reuses the result the API middleware already found for this request."""

    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        django_request = getattr(request, "_request", request)
        found = getattr(django_request, BEARER_RESULT, None)
        if found is not None:
            return found
        return super().authenticate(request)
