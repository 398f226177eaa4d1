"""WeasyPrint rendering from repository templates (R-19): autoescaped data only, no outside fetches.

The url_fetcher serves files below `PDF_ASSETS` only and refuses every other URL (http, https, file outside,
data). Fonts come from fontconfig (Debian's fonts-dejavu-core), never from the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from django.template.loader import render_to_string

PDF_ASSETS = Path(__file__).resolve().parent.parent / "static" / "transfers" / "pdf"


class FetchRefused(ValueError):
    """A template or data block asked for something outside the local PDF assets."""


def local_file(url: str) -> Path:
    """The asset a URL names, or FetchRefused: only `file:` URLs inside PDF_ASSETS pass."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        raise FetchRefused(f"URL ditolak: {url[:80]}")
    path = Path(unquote(parsed.path)).resolve()
    if PDF_ASSETS.resolve() not in path.parents:
        raise FetchRefused(f"Berkas di luar aset PDF ditolak: {path.name}")
    return path


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = local_file(url)
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})

    return LocalOnlyFetcher(allowed_protocols=("file",), allow_redirects=False)


def _mime(path: Path) -> str:
    return {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}.get(
        path.suffix, "application/octet-stream"
    )


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    document = HTML(string=html, base_url=PDF_ASSETS.as_uri() + "/", url_fetcher=_fetcher())
    return bytes(document.write_pdf())
