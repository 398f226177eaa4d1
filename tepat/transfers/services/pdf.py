"""PDF rendering from repository templates (R-19): autoescaped data only, no outside fetches, a time limit.

Django renders the template to HTML here; WeasyPrint lays it out in a warm helper process (`pdf_worker`,
`pdf_engine`). The caller waits at most `TEPAT_PDF_RENDER_SECONDS`; a slower render is killed and fails with
an Indonesian message and a security event, and nothing is stored. Used for the SK, the berita acara and
the petikan alike.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.engine.errors import ApplicationError
from tepat.transfers.services import pdf_worker
from tepat.transfers.services.pdf_engine import PDF_ASSETS, FetchRefused, local_file

__all__ = ["PDF_ASSETS", "FetchRefused", "PdfRenderFailed", "local_file", "render_html", "render_pdf"]

DEFAULT_RENDER_SECONDS = 60.0


class PdfRenderFailed(ApplicationError):
    """The PDF could not be made (too slow or broken); nothing was stored."""


def render_seconds() -> float:
    return float(getattr(settings, "TEPAT_PDF_RENDER_SECONDS", DEFAULT_RENDER_SECONDS))


def _security(action: str, detail: dict[str, Any]) -> None:
    audit_record(
        actor=None,
        action=action,
        changes=detail,
        kind=AuditEntry.Kind.SECURITY,
        actor_label="sistem (render PDF)",
    )


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The PDF of a repository template filled with autoescaped context."""
    return render_html(render_to_string(template, context), label=template)


def render_html(html: str, *, label: str = "", seconds: float | None = None) -> bytes:
    limit = render_seconds() if seconds is None else seconds
    try:
        result = pdf_worker.render(html, limit)
    except pdf_worker.RenderTimedOut:
        _security("pdf_render_timeout", {"template": label, "seconds": limit})
        raise PdfRenderFailed(
            f"Pembuatan PDF dihentikan karena melebihi batas waktu {limit:g} detik; tidak ada berkas yang "
            "disimpan. Coba lagi nanti atau hubungi admin BKPP."
        ) from None
    except (pdf_worker.RenderBroke, OSError) as error:
        _security("pdf_render_failed", {"template": label, "error": str(error)})
        raise PdfRenderFailed(
            "PDF gagal dibuat; tidak ada berkas yang disimpan. Hubungi admin BKPP."
        ) from None
    if result.refused:
        _security("pdf_fetch_refused", {"template": label, "urls": result.refused[:10]})
    return result.content
