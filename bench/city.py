"""Item 1 of issue 8 measured: migrate and seed the city (PostgreSQL from DATABASE_URL, SQLite for comparison),
then the bench users (through the audited role-grant service) and the ids the page benchmarks need."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.city_rows import AddedRows, added_rows
from bench.stats import Result, Target

ROOT = Path(__file__).resolve().parent.parent
SEED_TARGET = Target("< 3 min", 180.0, "median")
GRANTS_FROM = date(2020, 1, 1)


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _env(database_url: str | None) -> dict[str, str]:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def migrate(database_url: str | None) -> float:
    start = time.perf_counter()
    _run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], _env(database_url))
    return time.perf_counter() - start


def seed(name: str, employees: int, database_url: str | None) -> Result:
    out = _run(
        [sys.executable, "-m", "bench.child", "seed", "--employees", str(employees)], _env(database_url)
    )
    data = json.loads(out.strip().splitlines()[-1])
    return Result("city", name, [data["seconds"]], data["peak_mb"], target=SEED_TARGET, note=data["summary"])


def seed_both(employees: int, with_sqlite: bool) -> list[Result]:
    """Seed the main database (unless it already holds the city) and, for comparison, a scratch SQLite file."""
    results = []
    if with_sqlite:
        with tempfile.TemporaryDirectory(prefix="tepat-bench-") as folder:
            url = f"sqlite:///{folder}/city.sqlite3"
            migrate(url)
            results.append(seed(f"seed_city {employees:,} (SQLite)", employees, url))
    seconds = migrate(None)
    print(f"  migrate (main database): {seconds:.1f} s")
    if already_seeded():
        print("  main database already holds a city: seeding skipped")
        return results
    main = seed(f"seed_city {employees:,} ({engine_label()})", employees, None)
    if results:
        main.reference, main.reference_median = results[0].name, results[0].median
    return [*results, main]


def engine_label() -> str:
    from django.db import connection

    return "PostgreSQL" if connection.vendor == "postgresql" else connection.vendor


def already_seeded() -> bool:
    from tepat.organization.models import Unit

    return Unit.objects.exists()


@dataclass(frozen=True)
class Fixtures:
    """Who requests the pages and which objects they ask for."""

    analyst_id: int
    unit_head_id: int
    head_unit: str  # name of the unit head's unit
    head_unit_public_id: str
    employee_public_id: str  # inside the unit head's subtree, so both roles may open it
    filter_unit_id: int
    name_fragment: str
    rank: int
    education_field_id: int
    open_seat_public_id: str  # a vacant seat inside the unit head's subtree, for the candidate ranking
    added: AddedRows | None = None  # the pages added in session 2 (bench/city_rows.py)


def _bench_user(username: str, role: str, unit: object | None) -> int:
    from tepat.accounts.models import RoleGrant, User
    from tepat.accounts.services import role_grant_create

    user, _ = User.objects.get_or_create(username=username)
    if not RoleGrant.objects.filter(user=user, role=role).exists():
        role_grant_create(actor=None, user=user, role=role, unit=unit, valid_from=GRANTS_FROM)  # type: ignore[arg-type]
    return user.pk


def fixtures() -> Fixtures:
    """Bench users: an analyst (whole city) and the head of the largest OPD or kecamatan (worst-case scope).

    Filter values come from one employee of that unit, so every filter matches somebody."""
    from collections import Counter

    from tepat.engine.roles import Role
    from tepat.organization.models import Seat, Unit
    from tepat.people.models import Employee

    counts = Counter(Employee.objects.filter(is_active=True).values_list("unit__path", flat=True))
    tops = list(Unit.objects.filter(depth=1))
    if not tops:
        raise RuntimeError("no units: seed the city first")
    largest_top = max(tops, key=lambda u: sum(n for p, n in counts.items() if p and p.startswith(u.path)))
    employee = Employee.objects.filter(unit__path__startswith=largest_top.path, is_active=True).order_by(
        "pk"
    )[0]
    open_seats = Seat.objects.filter(is_active=True, occupant__isnull=True).order_by("pk")
    vacant = (
        open_seats.filter(position__unit__path__startswith=largest_top.path).first() or open_seats.first()
    )
    analyst_id = _bench_user("bench.analyst", Role.ANALYST, None)
    return Fixtures(
        analyst_id=analyst_id,
        unit_head_id=_bench_user("bench.unit_head", Role.UNIT_HEAD, largest_top),
        head_unit=largest_top.name,
        head_unit_public_id=str(largest_top.public_id),
        employee_public_id=str(employee.public_id),
        filter_unit_id=largest_top.pk,
        name_fragment=employee.name.split()[0][:5],
        rank=employee.rank or 1,
        education_field_id=employee.education_field_id or 0,
        open_seat_public_id=str(vacant.public_id) if vacant else "",
        added=added_rows(
            analyst_id=analyst_id, employee_public_id=str(employee.public_id), bench_user=_bench_user
        ),
    )
