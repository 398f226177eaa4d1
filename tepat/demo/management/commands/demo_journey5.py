"""`manage.py demo_journey5`: give pegawai.demo an SK through the workflow, to show journey 5 on its own."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tepat.demo.communication import demo_journey5_ensure


class Command(BaseCommand):
    help = "Terbitkan SK demo untuk pegawai.demo (perjalanan 5: pemberitahuan, keberatan, jawaban, survei)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.TEPAT_DEMO:
            raise CommandError("Hanya untuk data demo (TEPAT_DEMO=1).")
        move = demo_journey5_ensure()
        if move is None:
            self.stdout.write(
                "pegawai.demo sudah punya usulan mutasi (atau akun demo belum ada): tidak ada yang diubah."
            )
        else:
            self.stdout.write(
                f"SK terbit untuk pegawai.demo: {move.target_seat.position.name}, TMT {move.tmt:%d-%m-%Y}."
            )
