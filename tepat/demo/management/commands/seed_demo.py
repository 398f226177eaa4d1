"""`manage.py seed_demo`: the Banyumanik demo data; demo accounts only with TEPAT_DEMO=1."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tepat.demo.accounts import ACTOR_LABEL, DEMO_PASSWORD, demo_accounts_table
from tepat.demo.banyumanik import seed_demo
from tepat.demo.communication import demo_communication_ensure
from tepat.demo.development import demo_development_ensure
from tepat.demo.evaluation import demo_evaluation_ensure
from tepat.demo.reviews import demo_reviews_ensure
from tepat.demo.workloads import demo_workloads_ensure


class Command(BaseCommand):
    help = "Memuat data demo Kecamatan Banyumanik (deterministik, aman dijalankan berulang)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        report = seed_demo(with_accounts=settings.TEPAT_DEMO)
        tasks, formasi = demo_workloads_ensure(actor_label=ACTOR_LABEL)
        demo_reviews_ensure()  # newcomers and their reviews (JOURNEYS.md §6)
        demo_development_ensure()  # training catalogue, newcomers' development plans, JP this year
        demo_communication_ensure()  # past round: objections, surveys, Peta Resistensi (JOURNEYS.md §5)
        demo_evaluation_ensure()  # last year's mutation round and its evaluation (JOURNEYS.md §6)
        seconds = time.perf_counter() - started
        if report.result is None:
            self.stdout.write("Data demo sudah ada: tidak ada yang diubah.")
        else:
            r = report.result
            self.stdout.write(
                self.style.SUCCESS(
                    f"Data demo dibuat: {r.units} unit, {r.positions} jabatan, {r.seats} formasi, "
                    f"{r.employees} pegawai, {r.vacancies} formasi kosong."
                )
            )
        self.stdout.write(f"Beban kerja ABK baru: {tasks} tugas, {formasi} formasi manual.")
        if not report.accounts_enabled:
            self.stdout.write("TEPAT_DEMO tidak aktif: akun demo TIDAK dibuat (hanya data).")
        else:
            made = ", ".join(report.accounts) if report.accounts else "tidak ada (sudah ada semua)"
            self.stdout.write(f"Akun demo baru: {made}.")
            for username, role, scope in demo_accounts_table():
                self.stdout.write(f"  {username:<18} {role:<32} {scope}")
            self.stdout.write(f"  Kata sandi semua akun demo: {DEMO_PASSWORD}")
        self.stdout.write(f"Selesai dalam {seconds:.1f} detik.")
