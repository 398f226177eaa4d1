"""The audit trail is append-only: in the ORM and, once hardened, in the database itself (R-22)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_orm_refuses_to_change_or_delete_audit_rows() -> None:
    entry = audit_record(actor=None, action="uji")
    entry.action = "diubah"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.parametrize(
    "statement", ["UPDATE core_auditentry SET action = 'x'", "DELETE FROM core_auditentry"]
)
def test_the_hardened_database_refuses_raw_updates_and_deletes(statement: str) -> None:
    call_command("harden_db", stdout=open("/dev/null", "w"))  # noqa: SIM115
    audit_record(actor=None, action="uji")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEntry.objects.filter(action="uji").count() == 1
