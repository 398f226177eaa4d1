"""`manage.py seed_city --employees N --seed S`: a synthetic Kota Semarang for benchmarks (empty database only)."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tepat.demo.city import ACTOR_LABEL, seed_city
from tepat.demo.workloads import demo_workloads_ensure


class Command(BaseCommand):
    help = "Membangun kota sintetis (±40 OPD, 16 kecamatan, 177 kelurahan) dengan N pegawai untuk benchmark."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=15000, help="jumlah pegawai (bawaan 15000)")
        parser.add_argument("--seed", type=int, default=1, help="benih acak (hasil sama untuk benih sama)")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            result = seed_city(employees=options["employees"], seed=options["seed"])
            tasks, _ = demo_workloads_ensure(actor_label=ACTOR_LABEL)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            f"Kota sintetis dibuat: {result.units} unit, {result.positions} jabatan, {result.seats} formasi, "
            f"{result.employees} pegawai, {result.vacancies} formasi kosong, {tasks} tugas ABK "
            f"({time.perf_counter() - started:.1f} detik)."
        )
