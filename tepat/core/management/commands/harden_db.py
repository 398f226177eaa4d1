from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection

from tepat.core.dbguard import install_audit_guard


class Command(BaseCommand):
    help = "Pasang pengaman basis data: jejak audit hanya bisa ditambah, tidak diubah atau dihapus."

    def handle(self, *args: Any, **options: Any) -> None:
        install_audit_guard(connection)
        self.stdout.write("Pengaman jejak audit terpasang.")
