"""OpenAPI extensions: the bearer-token scheme, so the docs page offers "Authorize" with a token."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "tepat.api.auth.BearerTokenAuthentication"
    name = "tokenBearer"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token API dari POST /api/v1/tokens, dikirim sebagai `Authorization: Bearer <token>`.",
        }
