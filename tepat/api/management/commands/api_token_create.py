"""Issue an API token for a user (e.g. the auditor, who never writes through the web or the API itself)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tepat.api.services import api_token_create
from tepat.engine.errors import ApplicationError


class Command(BaseCommand):
    help = (
        "Buat token API untuk seorang pengguna; token tampil sekali di sini dan hanya disimpan sebagai hash."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="untuk apa token ini")
        parser.add_argument("--days", type=int, default=90)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = get_user_model().objects.get(username=options["username"])
            _, clear = api_token_create(user=user, name=options["name"], days=options["days"])
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"Pengguna {options['username']} tidak ada.") from error
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(clear)
