"""A small closed-loop HTTP load generator on asyncio streams (stdlib only), run pinned to one core:

    taskset -c 1 python -m bench.loadgen < plan.json     (prints one JSON line)

plan: {"host", "port", "urls": [...], "cookies": ["name=value", ...], "users", "think": [low, high],
       "duration", "max_requests", "seed", "login"}. A redirect counts as answered unless it leads to `login`
(the redirect is then timed, not the page it leads to: the needs overview sends a unit head on to their unit). Each simulated user has its own session cookie, waits a random
think time between requests and requests the URLs in a shuffled cycle; every request is a new connection
(gunicorn's sync workers close after each response). The run stops at `duration` seconds or `max_requests`.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Tally:
    deadline: float
    budget: int
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    last_done: float = 0.0  # perf_counter of the last finished request: throughput ignores the final think

    def take(self) -> bool:
        if self.budget <= 0 or time.monotonic() >= self.deadline:
            return False
        self.budget -= 1
        return True


async def fetch(host: str, port: int, url: str, cookie: str) -> tuple[int, str]:
    """Status and Location header of one GET (a new connection; the whole response is read)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        request = f"GET {url} HTTP/1.1\r\nHost: {host}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        writer.write(request.encode("ascii"))
        await writer.drain()
        response = await reader.read()  # until the server closes
    finally:
        writer.close()
    head = response.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    location = next(
        (line.split(":", 1)[1].strip() for line in head if line.lower().startswith("location:")), ""
    )
    return int(head[0].split()[1]), location


def answered(status: int, location: str, login: str) -> bool:
    """A page, or a redirect that is the page's own answer (the needs overview sends a unit head on to their
    unit); a redirect to the login page means the session was lost."""
    return status == 200 or (status in (301, 302, 303) and not location.startswith(login))


async def user(plan: dict[str, Any], cookie: str, tally: Tally, rng: random.Random) -> None:
    low, high = plan["think"]
    await asyncio.sleep(rng.uniform(0, high))  # users arrive spread over one think time
    urls = list(plan["urls"])
    while True:
        rng.shuffle(urls)
        for url in urls:
            if not tally.take():
                return
            start = time.perf_counter()
            try:
                status, location = await fetch(plan["host"], plan["port"], url, cookie)
            except (OSError, IndexError, ValueError):
                status, location = 0, ""
            tally.last_done = time.perf_counter()
            elapsed = tally.last_done - start
            if answered(status, location, plan.get("login", "/")):
                tally.latencies.setdefault(url, []).append(elapsed)
            else:
                tally.errors[f"{status} {url}"] = tally.errors.get(f"{status} {url}", 0) + 1
            await asyncio.sleep(rng.uniform(low, high))


async def drive(plan: dict[str, Any]) -> dict[str, Any]:
    tally = Tally(time.monotonic() + plan["duration"], plan["max_requests"])
    rng = random.Random(plan.get("seed", 0))
    cookies = plan["cookies"]
    started = time.perf_counter()
    await asyncio.gather(
        *(
            user(plan, cookies[i % len(cookies)], tally, random.Random(rng.random()))
            for i in range(plan["users"])
        )
    )
    window = max(tally.last_done - started, 1e-9)
    return {"window": window, "latencies": tally.latencies, "errors": tally.errors}


def main() -> None:
    plan = json.load(sys.stdin)
    print(json.dumps(asyncio.run(drive(plan))))


if __name__ == "__main__":
    main()
