"""records_bulk_add / records_bulk_update: all rows or none, one audit row per record."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from conftest import SmallGovernment
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.people.models import PerformanceRecord
from tepat.people.services.records import RecordChange, records_bulk_add, records_bulk_update

pytestmark = pytest.mark.django_db


def test_new_records_are_created_with_one_audit_row_each(gov: SmallGovernment, make_user: Callable) -> None:
    admin = make_user(Role.HR_ADMIN)
    rows = [
        {"employee_id": e.pk, "year": 2024, "predikat": "Baik", "score": None}
        for e in (gov.staff_kecamatan, gov.staff_dinas)
    ]
    created = records_bulk_add(actor=admin, kind="skp", rows=rows, reason="impor uji")
    assert PerformanceRecord.objects.count() == len(created) == 2
    audit = AuditEntry.objects.filter(action="performancerecord_create")
    assert audit.count() == 2
    assert {a.reason for a in audit} == {"impor uji"}


def test_one_bad_row_writes_nothing_and_names_the_row_and_field(
    gov: SmallGovernment, make_user: Callable
) -> None:
    rows = [
        {"employee_id": gov.staff_dinas.pk, "year": 2024, "predikat": "Baik"},
        {"employee_id": gov.staff_kecamatan.pk, "year": 2024, "predikat": "Luar Biasa"},
    ]
    with pytest.raises(ValidationError) as caught:
        records_bulk_add(actor=make_user(Role.HR_ADMIN), kind="skp", rows=rows)
    assert list(caught.value.message_dict) == ["rows[1].predikat"]
    assert not PerformanceRecord.objects.exists()
    assert not AuditEntry.objects.filter(action="performancerecord_create").exists()


def test_updates_return_the_old_values_and_are_audited(gov: SmallGovernment, make_user: Callable) -> None:
    record = PerformanceRecord.objects.create(employee=gov.staff_dinas, year=2023, predikat="Baik")
    old = records_bulk_update(
        actor=make_user(Role.HR_ADMIN),
        kind="skp",
        changes=[RecordChange(record, {"predikat": "Sangat Baik"})],
    )
    assert old == {record.pk: {"predikat": "Baik"}}
    record.refresh_from_db()
    assert record.predikat == "Sangat Baik"
    entry = AuditEntry.objects.get(action="performancerecord_update")
    assert entry.changes == {"predikat": {"old": "Baik", "new": "Sangat Baik"}}
