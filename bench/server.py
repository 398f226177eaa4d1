"""Pages through a real server: gunicorn with 2 workers on a free loopback port, the load generator pinned to
core 1 (`taskset -c 1`). Phases: 50 users with 1–3 s think time on the trivial view (reference), then on the
page mix; then a short saturation pair (a few users, no think time) that shows capacity as a throughput ratio.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.test.utils import override_settings
from django.urls import NoReverseMatch

from bench.city import Fixtures
from bench.needs import SERVER_PAGES
from bench.pages import PAGES, TRIVIAL
from bench.stats import Result, Target
from bench.trivial import registered

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
LOAD_TARGET = Target("p95 < 800 ms", 0.800)


@dataclass(frozen=True)
class Phase:
    label: str
    users: int
    think: tuple[float, float]
    duration: float


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wait_ready(port: int, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        with (
            suppress(OSError),
            urllib.request.urlopen(f"http://{HOST}:{port}/health/", timeout=2) as response,
        ):
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /health/ in time")


@contextmanager
def gunicorn(workers: int = 2) -> Iterator[int]:
    port = free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    command = [sys.executable, "-m", "gunicorn", "bench.wsgi:application", "-w", str(workers)]
    command += ["-b", f"{HOST}:{port}", "--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        wait_ready(port, process)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def session_cookies(fx: Fixtures, count: int) -> list[str]:
    """`count` logged-in sessions, alternating analyst and unit head, each its own row in the session table."""
    from tepat.accounts.models import User

    users = [User.objects.get(pk=fx.analyst_id), User.objects.get(pk=fx.unit_head_id)]
    cookies = []
    for i in range(count):
        client = Client()
        client.force_login(users[i % 2])
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}")
    return cookies


def page_urls(fx: Fixtures) -> tuple[str, dict[str, str]]:
    """The trivial view's URL and {URL: label} of every available page (reference excluded)."""
    with registered(), override_settings(ROOT_URLCONF="bench.urls"):
        urls = {}
        for page in (*PAGES, *SERVER_PAGES):
            with suppress(NoReverseMatch):
                urls[page.url(fx)] = page.label
        return TRIVIAL.url(fx), urls


def load(port: int, phase: Phase, urls: list[str], cookies: list[str]) -> dict[str, Any]:
    plan = {
        "host": HOST, "port": port, "urls": urls, "cookies": cookies, "users": phase.users,
        "think": list(phase.think), "duration": phase.duration, "max_requests": int(phase.duration * 200),
        "login": resolve_url(settings.LOGIN_URL),
    }  # fmt: skip
    command = ["taskset", "-c", "1", sys.executable, "-m", "bench.loadgen"]
    done = subprocess.run(
        command, cwd=ROOT, input=json.dumps(plan), capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout))


def summarise(name: str, data: dict[str, Any], target: Target | None = None) -> tuple[Result, float]:
    samples = [t for times in data["latencies"].values() for t in times]
    throughput = len(samples) / data["window"]
    errors = sum(data["errors"].values())
    note = f"{throughput:.1f} req/s" + (f", {errors} errors: {data['errors']}" if errors else "")
    return Result("server", name, samples or [float("nan")], target=target, note=note), throughput


def compare(result: Result, throughput: float, reference: Result, reference_throughput: float) -> None:
    result.reference, result.reference_median = reference.name, reference.median
    result.note += f" = {throughput / reference_throughput:.2f}× the trivial view's throughput"


def per_page(data: dict[str, Any], labels: dict[str, str], reference: Result) -> list[Result]:
    rows = []
    for url, times in sorted(data["latencies"].items(), key=lambda item: labels.get(item[0], item[0])):
        row = Result("server", f"  under load: {labels.get(url, url)}", times, reference=reference.name)
        row.reference_median = reference.median
        rows.append(row)
    return rows


def run(fx: Fixtures, quick: bool = False) -> list[Result]:
    steady = Phase("50 users, think 1–3 s", 50, (1.0, 3.0), 20.0 if quick else 30.0)
    saturated = Phase("4 users, no think time", 4, (0.0, 0.0), 5.0 if quick else 10.0)
    trivial_url, labels = page_urls(fx)
    cookies = session_cookies(fx, steady.users)
    results: list[Result] = []
    with gunicorn() as port:
        for phase, target in ((steady, LOAD_TARGET), (saturated, None)):
            plain = load(port, phase, [trivial_url], cookies)
            reference, ref_rps = summarise(f"gunicorn trivial view, {phase.label}", plain)
            mix = load(port, phase, list(labels), cookies)
            result, rps = summarise(f"gunicorn page mix, {phase.label}", mix, target)
            compare(result, rps, reference, ref_rps)
            results += [reference, result]
            if phase is steady:
                results += per_page(mix, labels, reference)
    return results
