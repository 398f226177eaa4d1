"""Profile one page as the benchmarks request it: pyinstrument call tree plus the slowest SQL statements.

    python -m bench.profile /organisasi/unit/ [--role analyst|unit_head] [--sql 5]

Uses the same settings, users and client as `bench.pages` (the city must be seeded: run `python -m bench` once).
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any


def slowest_sql(path: str, role_user: Any, top: int) -> list[tuple[float, str]]:
    from django.db import connection
    from django.test import Client

    timings: list[tuple[float, str]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            timings.append((time.perf_counter() - start, sql))

    client = Client()
    client.force_login(role_user)
    client.get(path)  # warm
    with connection.execute_wrapper(wrapper):
        client.get(path)
    return sorted(timings, reverse=True)[:top]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile")
    parser.add_argument("path")
    parser.add_argument("--role", default="analyst", choices=["analyst", "unit_head"])
    parser.add_argument("--sql", type=int, default=5, help="how many of the slowest statements to print")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.test import Client
    from pyinstrument import Profiler

    from bench.city import fixtures
    from tepat.accounts.models import User

    fx = fixtures()
    user = User.objects.get(pk=fx.analyst_id if args.role == "analyst" else fx.unit_head_id)
    client = Client()
    client.force_login(user)
    client.get(args.path)
    profiler = Profiler(interval=0.0005)
    with profiler:
        client.get(args.path)
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    for seconds, sql in slowest_sql(args.path, user, args.sql):
        print(f"{seconds * 1000:8.1f} ms  {sql[:600]}")


if __name__ == "__main__":
    main()
