"""`python manage.py feedback_due [--on YYYY-MM-DD] [--arm]`: open due pulse surveys, escalate late objections and
correction tickets (idempotent); `--arm` also queues the daily run on the task worker."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tepat.transfers.feedback_tasks import feedback_due_arm
from tepat.transfers.services.surveys import feedback_due_run


class Command(BaseCommand):
    help = "Buka survei 90 hari setelah TMT dan eskalasikan keberatan/perbaikan data yang terlambat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="tanggal acuan (YYYY-MM-DD); bawaan: sekarang")
        parser.add_argument("--arm", action="store_true", help="antrekan juga jalannya harian di task worker")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["on"]:
            try:
                day = date.fromisoformat(options["on"])
            except ValueError as error:
                raise CommandError("--on: tanggal harus berformat YYYY-MM-DD") from error
            now = timezone.make_aware(datetime.combine(day, time(12, 0)))
        self.stdout.write(feedback_due_run(now=now).line())
        if options["arm"]:
            self.stdout.write(
                "Jalannya harian diantrekan."
                if feedback_due_arm()
                else "Jalannya harian sudah/tidak bisa diantrekan."
            )
