"""`manage.py demo_accounts`: print the demo accounts, their roles and the shared password. Creates nothing."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from tepat.demo.accounts import DEMO_PASSWORD, demo_accounts_table


class Command(BaseCommand):
    help = "Menampilkan akun demo, perannya dan kata sandi bersama (tidak membuat apa pun)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.TEPAT_DEMO:
            self.stdout.write("TEPAT_DEMO tidak aktif: akun demo tidak dibuat pada pengaturan ini.")
        self.stdout.write(f"{'Pengguna':<18} {'Peran':<32} Lingkup")
        for username, role, scope in demo_accounts_table():
            self.stdout.write(f"{username:<18} {role:<32} {scope}")
        self.stdout.write(f"Kata sandi semua akun demo: {DEMO_PASSWORD}")
