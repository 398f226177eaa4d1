"""System check: openpyxl must parse XML through defusedxml (SECURITY.md R-15, D-4)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, register


@register()
def defusedxml_in_use(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    import openpyxl

    if getattr(openpyxl, "DEFUSEDXML", False) is True:
        return []
    return [
        Error(
            "openpyxl tidak memakai defusedxml: berkas Excel bisa memuat serangan XML (XXE, billion laughs).",
            hint="Pasang paket defusedxml (requirements/base.in) lalu jalankan ulang.",
            id="exchange.E001",
        )
    ]
