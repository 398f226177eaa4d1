"""`python manage.py apply_due_tmt [--on YYYY-MM-DD]`: apply every move whose TMT has come (idempotent)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tepat.core.scoping import today
from tepat.transfers.services.tmt import apply_due_tmt


class Command(BaseCommand):
    help = "Berlakukan mutasi yang TMT-nya sudah tiba (sebagai aktor sistem sistem.tmt)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", help="tanggal acuan (YYYY-MM-DD); bawaan: hari ini")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            on = date.fromisoformat(options["on"]) if options["on"] else today()
        except ValueError as error:
            raise CommandError("--on: tanggal harus berformat YYYY-MM-DD") from error
        report = apply_due_tmt(on=on)
        self.stdout.write(report.line())
        for move_id, reason in report.held:
            self.stdout.write(f"ditahan {move_id}: {reason}")
