"""A small pool of warm WeasyPrint helper processes, each killable when a render runs past its time limit.

Each helper is `python -m tepat.transfers.services.pdf_engine`: it imports WeasyPrint and loads the fonts once,
then renders one document per request. A render that does not answer before the deadline gets its helper
killed (never reused); a healthy helper goes back to the pool and retires after `MAX_JOBS` renders. This works
the same from any thread of any process (gunicorn sync or threaded workers, the dev server, the django-tasks
worker), which an alarm signal would not: signals only reach the main thread.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[3]
MAX_JOBS = 50


class RenderTimedOut(Exception):
    """The helper did not answer before the deadline; it has been killed."""


class RenderBroke(Exception):
    """The helper died or answered with an error."""


@dataclass(frozen=True)
class Rendered:
    content: bytes
    fetched: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


class _Helper:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tepat.transfers.services.pdf_engine"],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.jobs = 0
        self.owner = os.getpid()  # a forked copy of the pool (gunicorn --preload) must not share the pipes

    def render(self, html: str, deadline: float) -> Rendered:
        data = html.encode()
        stdin, fd = self.process.stdin, self.process.stdout.fileno()  # type: ignore[union-attr]
        stdin.write(len(data).to_bytes(8, "big") + data)  # type: ignore[union-attr]
        stdin.flush()  # type: ignore[union-attr]
        self.jobs += 1
        ok = _read(fd, 1, deadline) == b"1"
        meta = json.loads(_read(fd, int.from_bytes(_read(fd, 4, deadline), "big"), deadline))
        content = _read(fd, int.from_bytes(_read(fd, 8, deadline), "big"), deadline)
        if not ok:
            raise RenderBroke(meta.get("error", ""))
        return Rendered(content, meta.get("fetched", []), meta.get("refused", []))

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)

    def retire(self) -> None:
        self.process.stdin.close()  # type: ignore[union-attr]  # the helper sees EOF and exits
        self.process.wait(timeout=5)


def _read(fd: int, size: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    remaining = size
    while remaining:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([fd], [], [], wait)[0]:
            raise RenderTimedOut
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise RenderBroke("proses render berhenti")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


_idle: list[_Helper] = []
_lock = threading.Lock()


def _take() -> _Helper:
    with _lock:
        while _idle:
            helper = _idle.pop()
            if helper.owner == os.getpid() and helper.process.poll() is None:
                return helper
    return _Helper()


def _give_back(helper: _Helper) -> None:
    if helper.jobs >= MAX_JOBS:
        helper.retire()
        return
    with _lock:
        _idle.append(helper)


def render(html: str, seconds: float) -> Rendered:
    """Render in a warm helper; RenderTimedOut after `seconds` (helper killed), RenderBroke on errors."""
    deadline = time.monotonic() + seconds
    helper = _take()
    try:
        result = helper.render(html, deadline)
    except (RenderTimedOut, RenderBroke, OSError, ValueError):
        helper.kill()
        raise
    _give_back(helper)
    return result
