"""Import of a 15,000-employee workbook (issue 7): the whole import path against a plain openpyxl read.

    python -m bench.exchange_import [--employees 15000]

Builds a throw-away database (PostgreSQL beside the main one when that is PostgreSQL, else SQLite) with
500 positions × 30 free seats, writes a workbook with every column of the employee template, then runs each
phase in its own process (so each peak RSS is its own), every import on a fresh copy of the seeded database:
* plain: `openpyxl.load_workbook(read_only=True)` and reading every cell value (the reference, the floor);
* import: upload gate + preview (parse, validate every row) + commit (bulk create with ranks, posts, education,
  audit rows) — what the admin's two clicks cost.
`python -m bench` runs it through the features registry; standalone it prints the same lines.
Targets: < 30 s and < 500 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import report
from bench.child import peak_mb, setup, spawn
from bench.stats import Result, Target

SEATS_PER_POSITION = 30
IMPORT_TARGET = Target("< 30 s, < 500 MB", 30.0, "median", max_mb=500.0)


def _rss_mb() -> float:
    return peak_mb()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    setup()


def write_workbook(path: Path, employees: int) -> None:
    from openpyxl import Workbook

    from tepat.engine.identity import make_nik, make_nip
    from tepat.exchange.columns import EMPLOYEE_COLUMNS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Data")
    sheet.append([c.header for c in EMPLOYEE_COLUMNS])
    index = {c.key: i for i, c in enumerate(EMPLOYEE_COLUMNS)}
    for n in range(employees):
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=n % 16000)  # unique NIPs up to 16,000 rows
        gender = "L" if n % 2 else "P"
        row: list[object] = [None] * len(EMPLOYEE_COLUMNS)
        values = {
            "nip": make_nip(birth, dt.date(2010, 1, 1), gender, n % 1000),
            "name": f"Pegawai Uji {n}",
            "birth_place": "Semarang",
            "birth_date": birth,
            "gender": gender,
            "nik": make_nik("337401", birth, gender, n % 10000),
            "status": "PNS",
            "tmt_cpns": dt.date(2010, 1, 1),
            "rank": "III/b",
            "rank_tmt": dt.date(2014, 4, 1),
            "position_code": f"BENCH-J{n // SEATS_PER_POSITION:04d}",
            "position_tmt": dt.date(2022, 3, 1),
            "education_level": "S1",
            "education_major": "Administrasi Publik",
            "education_year": 2008,
        }
        for key, value in values.items():
            row[index[key]] = value
        sheet.append(row)
    workbook.save(path)


def seed_positions(employees: int) -> None:
    from django.core.management import call_command

    from tepat.organization.bulk import PositionRow, UnitRow, positions_bulk_create, units_bulk_create
    from tepat.organization.services import PositionSpec

    call_command("migrate", verbosity=0)
    units_bulk_create(
        actor=None, rows=[UnitRow("BENCH", "Pemerintah Uji", "pemerintah")], actor_label="bench"
    )
    count = -(-employees // SEATS_PER_POSITION)
    rows = [
        PositionRow("BENCH", PositionSpec(f"BENCH-J{i:04d}", f"Jabatan {i}", "pelaksana"), SEATS_PER_POSITION)
        for i in range(count)
    ]
    positions_bulk_create(actor=None, rows=rows, actor_label="bench")


def phase_plain(path: Path) -> dict[str, float]:
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(path, read_only=True)
    cells = sum(1 for row in workbook.worksheets[0].iter_rows(values_only=True) for _ in row)
    workbook.close()
    return {"seconds": time.perf_counter() - start, "cpu": _cpu(), "rss_mb": _rss_mb(), "cells": cells}


def phase_import(path: Path, database_url: str) -> dict[str, float]:
    _setup_django(database_url)
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import override_settings

    from tepat.exchange.services.batches import import_batch_commit, import_batch_create

    admin = get_user_model().objects.create_user("bench-admin", password="x-Bench-2026")  # noqa: S106
    upload = SimpleUploadedFile("pegawai.xlsx", path.read_bytes())
    with override_settings(TEPAT_IMPORT_INLINE_BYTES=10**9):  # measure the work itself, not the queue
        start, cpu = time.perf_counter(), _cpu()
        batch = import_batch_create(actor=admin, upload=upload, kind="pegawai")
        preview = time.perf_counter() - start
        if batch.error_count:
            raise SystemExit(f"preview found errors: {batch.problems[:5]}")
        batch = import_batch_commit(batch=batch, actor=admin)
    total = time.perf_counter() - start
    return {
        "seconds": total,
        "cpu": _cpu() - cpu,
        "preview_seconds": preview,
        "rss_mb": _rss_mb(),
        "created": batch.created_count,
    }


class Scratch:
    """Throw-away databases for the import: a seeded one, and a fresh copy of it for every timed import
    (a PostgreSQL template when the main database is PostgreSQL, else a copied SQLite file)."""

    def __init__(self, folder: Path) -> None:
        from django.db import connection

        self.folder, self.postgres = folder, connection.vendor == "postgresql"
        base = str(connection.settings_dict["NAME"])
        self.seed_name, self.run_name = f"{base}_import_seed", f"{base}_import_run"

    def url(self, name: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.folder / name}.sqlite3"
        from django.db import connection

        s = connection.settings_dict
        return f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST']}:{s['PORT']}/{name}"

    def _sql(self, statement: str) -> None:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(statement)

    def create(self, name: str, template: str | None = None) -> str:
        if not self.postgres:
            if template:
                shutil.copyfile(self.folder / f"{template}.sqlite3", self.folder / f"{name}.sqlite3")
            return self.url(name)
        self._sql(f'DROP DATABASE IF EXISTS "{name}"')
        self._sql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop(self) -> None:
        if self.postgres:
            for name in (self.run_name, self.seed_name):
                self._sql(f'DROP DATABASE IF EXISTS "{name}"')


def _phase(phase: str, folder: Path, employees: int, database_url: str = "") -> dict[str, Any]:
    args = ["--phase", phase, "--dir", str(folder), "--employees", str(employees), "--db", database_url]
    return spawn("bench.exchange_import", args)


def _vendor(scratch: Scratch) -> str:
    return "PostgreSQL" if scratch.postgres else "SQLite"


def measure(folder: Path, employees: int, runs: int) -> list[Result]:
    scratch = Scratch(folder)
    try:
        _phase("seed", folder, employees, scratch.create(scratch.seed_name))
        plain = [_phase("plain", folder, employees) for _ in range(runs)]
        full = [
            _phase("import", folder, employees, scratch.create(scratch.run_name, scratch.seed_name))
            for _ in range(runs)
        ]
    finally:
        scratch.drop()
    size = (folder / "pegawai.xlsx").stat().st_size / 1e6
    name = f"import: openpyxl read-only pass, {employees:,} rows, {size:.1f} MB (reference)"
    reference = Result("features", name, [p["seconds"] for p in plain], max(p["rss_mb"] for p in plain))
    result = Result("features", f"import of a {employees:,}-employee workbook (preview + commit)")
    result.samples, result.peak_mb, result.target = (
        [f["seconds"] for f in full],
        max(f["rss_mb"] for f in full),
        IMPORT_TARGET,
    )
    result.reference, result.reference_median = reference.name, reference.median
    last = full[-1]
    result.note = (
        f"{_vendor(scratch)} scratch database; preview {last['preview_seconds']:.1f} s, "
        f"CPU {last['cpu']:.1f} s, {last['created']:,} created; peak = RSS of the importing process"
    )
    return [reference, result]


def run(quick: bool = False, employees: int = 15000) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="tepat-bench-import-") as work:
        return measure(Path(work), employees, runs=1 if quick else 2)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.exchange_import", description=__doc__)
    parser.add_argument("--employees", type=int, default=15000)
    parser.add_argument("--phase", choices=["plain", "import", "seed"], default=None)
    parser.add_argument("--dir", default=None)
    parser.add_argument("--db", default="", help="database URL of the phase (seed, import)")
    args = parser.parse_args()
    if not args.phase:
        setup()
        for line in run(quick=True, employees=args.employees):
            print(report.line(line))
        return
    folder = Path(args.dir)
    if args.phase == "seed":
        _setup_django(args.db)
        seed_positions(args.employees)
        write_workbook(folder / "pegawai.xlsx", args.employees)
        print(json.dumps({"seeded": args.employees}))
        return
    workbook = folder / "pegawai.xlsx"
    print(json.dumps(phase_plain(workbook) if args.phase == "plain" else phase_import(workbook, args.db)))


if __name__ == "__main__":
    main()
