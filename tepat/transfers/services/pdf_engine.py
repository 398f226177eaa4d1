"""The WeasyPrint side of PDF rendering, run in a child process (no Django import here).

`write_pdf(html)` lays out already-rendered, autoescaped HTML. Its url_fetcher serves files below `PDF_ASSETS`
only and refuses every other URL (http, https, data, file outside); the refused URLs are returned so the
parent can record them (R-19). Fonts come from fontconfig (Debian's fonts-dejavu-core), never the network.
Run as a module it is the long-lived render helper that `pdf_worker` talks to over a pipe.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

PDF_ASSETS = Path(__file__).resolve().parent.parent / "static" / "transfers" / "pdf"
MIME = {".css": "text/css", ".png": "image/png", ".svg": "image/svg+xml"}


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


def _fetcher(fetched: list[str], refused: list[str]) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            try:
                path = local_file(url)
            except FetchRefused:
                refused.append(url[:200])
                raise
            fetched.append(url[:200])
            mime = MIME.get(path.suffix, "application/octet-stream")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return LocalOnlyFetcher(allowed_protocols=("file",), allow_redirects=False)


def write_pdf(html: str) -> tuple[bytes, list[str], list[str]]:
    """(PDF bytes, fetched URLs, refused URLs) for one HTML document."""
    from weasyprint import HTML

    fetched: list[str] = []
    refused: list[str] = []
    document = HTML(string=html, base_url=PDF_ASSETS.as_uri() + "/", url_fetcher=_fetcher(fetched, refused))
    return bytes(document.write_pdf()), fetched, refused


# --- the helper process: `python -m tepat.transfers.services.pdf_engine` (see `pdf_worker`) ---
# Request: 8-byte big-endian length + UTF-8 HTML. Reply: 1 status byte (b"1" ok, b"0" error), 4-byte length +
# JSON {"fetched": [...], "refused": [...], "error": "..."}, 8-byte length + PDF bytes.


def _read_exact(stream: Any, size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError
    return bytes(data)


def _reply(stream: Any, ok: bool, meta: dict[str, Any], content: bytes) -> None:
    encoded = json.dumps(meta).encode()
    stream.write(b"1" if ok else b"0")
    stream.write(len(encoded).to_bytes(4, "big") + encoded)
    stream.write(len(content).to_bytes(8, "big") + content)
    stream.flush()


def serve(stdin: Any, stdout: Any) -> None:
    """Render requests one after another until stdin closes (the parent went away or retired us)."""
    write_pdf('<p style="font-family: DejaVu Sans">Tepat <b>PDF</b></p>')  # load fonts once, before timing
    while True:
        try:
            size = int.from_bytes(_read_exact(stdin, 8), "big")
            html = _read_exact(stdin, size).decode()
        except EOFError:
            return
        try:
            content, fetched, refused = write_pdf(html)
        except Exception as error:  # noqa: BLE001 - reported to the parent, which raises a clean ApplicationError
            _reply(stdout, False, {"error": f"{type(error).__name__}: {str(error)[:300]}"}, b"")
            continue
        _reply(stdout, True, {"fetched": fetched, "refused": refused}, content)


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
