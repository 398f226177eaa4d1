"""Import of a 15,000-employee workbook (issue 7): the whole import path against a plain openpyxl read.

    python -m bench.exchange_import [--employees 15000]

Builds a throw-away SQLite database with 500 positions × 30 free seats, writes a workbook with every column of
the employee template, then runs each phase in its own process (so each peak RSS is its own):
* plain: `openpyxl.load_workbook(read_only=True)` and reading every cell value (the floor);
* import: upload gate + preview (parse, validate every row) + commit (bulk create with ranks, posts, education,
  audit rows) — what the admin's two clicks cost.
Prints seconds, peak RSS (MB) and the ratio import / plain. Targets: < 30 s and < 500 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEATS_PER_POSITION = 30


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _setup_django(db: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


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


def phase_import(path: Path, db: Path) -> dict[str, float]:
    _setup_django(db)
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


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.exchange_import", description=__doc__)
    parser.add_argument("--employees", type=int, default=15000)
    parser.add_argument("--phase", choices=["plain", "import", "seed"], default=None)
    parser.add_argument("--dir", default=None)
    args = parser.parse_args()
    if args.phase:
        folder = Path(args.dir)
        if args.phase == "seed":
            _setup_django(folder / "db.sqlite3")
            seed_positions(args.employees)
            write_workbook(folder / "pegawai.xlsx", args.employees)
            return
        result = (
            phase_plain(folder / "pegawai.xlsx")
            if args.phase == "plain"
            else phase_import(folder / "pegawai.xlsx", folder / "db.sqlite3")
        )
        print(json.dumps(result))
        return
    with tempfile.TemporaryDirectory() as work:
        run: list[str] = [
            sys.executable,
            "-m",
            "bench.exchange_import",
            "--employees",
            str(args.employees),
            "--dir",
            work,
        ]
        subprocess.run([*run, "--phase", "seed"], check=True)
        size = (Path(work) / "pegawai.xlsx").stat().st_size / 1e6
        plain = json.loads(
            subprocess.run([*run, "--phase", "plain"], check=True, capture_output=True, text=True).stdout
        )
        full = json.loads(
            subprocess.run([*run, "--phase", "import"], check=True, capture_output=True, text=True).stdout
        )
    print(f"workbook: {args.employees} employees, {size:.1f} MB")
    print(f"load average: {os.getloadavg()[0]:.1f} (CPU seconds are the steadier figure on a busy machine)")
    print(
        f"plain openpyxl read: {plain['seconds']:.2f} s ({plain['cpu']:.2f} s CPU), peak RSS {plain['rss_mb']:.0f} MB"
    )
    print(
        f"import (preview {full['preview_seconds']:.2f} s + commit): {full['seconds']:.2f} s "
        f"({full['cpu']:.2f} s CPU), "
        f"peak RSS {full['rss_mb']:.0f} MB, {full['created']} created"
    )
    ratio = full["cpu"] / plain["cpu"]
    print(f"ratio import / plain read (CPU): {ratio:.1f}x (target: < 30 s, < 500 MB)")


if __name__ == "__main__":
    main()
