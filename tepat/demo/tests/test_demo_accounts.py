from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from tepat.accounts.models import RoleGrant, User
from tepat.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_accounts_ensure
from tepat.demo.banyumanik import demo_rows
from tepat.people.models import Employee

pytestmark = pytest.mark.django_db


def test_without_the_demo_flag_seed_demo_loads_data_but_no_accounts(settings: pytest.FixtureRequest) -> None:
    settings.TEPAT_DEMO = False  # type: ignore[attr-defined]
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert Employee.objects.count() > 500
    assert not User.objects.exists()
    assert not RoleGrant.objects.exists()
    assert "akun demo TIDAK dibuat" in out.getvalue()
    with pytest.raises(ImproperlyConfigured):
        demo_accounts_ensure()


def test_demo_accounts_command_prints_the_table_and_creates_nothing() -> None:
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    assert all(account.username in text for account in DEMO_ACCOUNTS)
    assert DEMO_PASSWORD in text
    assert not User.objects.exists()


def test_demo_rows_are_deterministic_for_one_reference_date() -> None:
    today = timezone.localdate()
    first, second = demo_rows(today)[1], demo_rows(today)[1]
    assert first == second
