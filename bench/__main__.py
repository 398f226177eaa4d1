"""`python -m bench` (run by `make bench`): seed the city, run every benchmark family, print the table.

    python -m bench [--employees 15000] [--quick] [--only pages,engine,ranking] [--no-sqlite]

--quick: few repetitions, short load phases, no whole-city scenario (~4 min instead of ~6 on a quiet machine); rough figures.
--only: families (pages, server, engine, placement, features) and/or feature keys (ranking, needs, scenario,
pdf, import, evaluation); with --only the city is not re-seeded when the database already holds one.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass

from bench import report
from bench.city import Fixtures
from bench.stats import Result, failed


@dataclass(frozen=True)
class Options:
    employees: int
    quick: bool
    only: frozenset[str]
    sqlite: bool


def parse() -> Options:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--employees", type=int, default=15000)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", default="", help="comma-separated families and/or feature keys")
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite seeding comparison")
    args = parser.parse_args()
    only = frozenset(name for name in args.only.split(",") if name)
    return Options(args.employees, args.quick, only, not args.no_sqlite)


def families(options: Options) -> dict[str, Callable[[Fixtures], list[Result]]]:
    """Each family takes the page fixtures (some ignore them) and returns its results."""
    from bench import engine, features, pages, placement, server

    reps = 3 if options.quick else 20
    chosen = options.only & features.KEYS
    return {
        "pages": lambda fx: pages.run(fx, reps=reps),
        "server": lambda fx: server.run(fx, quick=options.quick),
        "engine": lambda fx: engine.run(runs=2 if options.quick else 5),
        "placement": lambda fx: placement.run(runs=1 if options.quick else 2),
        "features": lambda fx: features.run(fx, quick=options.quick, only=chosen),
    }


def wanted(name: str, options: Options) -> bool:
    from bench.features import KEYS

    return not options.only or name in options.only or (name == "features" and bool(options.only & KEYS))


def run_family(name: str, family: Callable[[Fixtures], list[Result]], fx: Fixtures) -> list[Result]:
    print(f"== {name}", flush=True)
    try:
        measured = family(fx)
    except Exception as error:  # noqa: BLE001 - a broken family is reported, the others still run
        measured = [failed(name, name, error)]
    if name != "features":  # the features registry prints each feature as it finishes
        for result in measured:
            print(report.line(result), flush=True)
    return measured


def context_line(options: Options) -> str:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()" if connection.vendor == "postgresql" else "SELECT sqlite_version()")
        version = cursor.fetchone()[0].split(",")[0]
    return (
        f"{options.employees:,} employees; {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"Django {django.get_version()}, {version}{' (quick run)' if options.quick else ''}"
    )


def main() -> None:
    options = parse()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from bench import city

    started = time.perf_counter()
    print("== city")
    results = city.seed_both(options.employees, options.sqlite) if not options.only else []
    for result in results:
        print(report.line(result))
    fx = city.fixtures()
    for name, family in families(options).items():
        if wanted(name, options):
            results += run_family(name, family, fx)
    context = context_line(options)
    print(f"\n{context}; total {time.perf_counter() - started:.0f} s\n")
    print(report.table(results))
    print(f"\nwritten to {report.write(results, context)}")


if __name__ == "__main__":
    main()
