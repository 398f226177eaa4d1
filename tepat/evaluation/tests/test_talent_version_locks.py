"""PostgreSQL: the talent data version does not serialise writers (migration 0004): a transaction that wrote an
employee and has not committed yet does not block another transaction writing another employee, and the token
changes once the writer commits."""

from __future__ import annotations

import psycopg
import pytest
from django.db import connection, transaction

from conftest import SmallGovernment
from tepat.evaluation.selectors.talent_version import talent_version
from tepat.people.models import Employee

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _other_connection() -> psycopg.Connection:
    settings = connection.settings_dict
    return psycopg.connect(
        dbname=settings["NAME"], user=settings["USER"], password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None, port=settings["PORT"] or None, autocommit=True,
    )  # fmt: skip


def test_an_open_writer_does_not_block_another_writer(gov: SmallGovernment) -> None:
    before = talent_version()
    with _other_connection() as other:
        other.execute("SET lock_timeout = '3s'")
        with transaction.atomic():
            Employee.objects.filter(pk=gov.staff_kecamatan.pk).update(is_active=False)
            # Another office's write commits while this transaction is still open: no wait, no lock timeout.
            other.execute("UPDATE people_employee SET is_active = false WHERE id = %s", [gov.staff_dinas.pk])
            after_other = other.execute("SELECT token FROM evaluation_talent_version WHERE id = 1").fetchone()
        assert after_other is not None
        assert after_other[0] != before
    assert talent_version() not in (before, after_other[0])  # this transaction's commit renewed it again
