"""Employee services: bad input names the field and saves nothing; every write is audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conftest import SmallGovernment
from tepat.core.models import AuditEntry
from tepat.engine.identity import make_nik, make_nip
from tepat.organization.tests.factories import SeatFactory
from tepat.people.models import Employee, PositionHistory
from tepat.people.services import employee_assign_seat, employee_create, employee_set_rank, employee_update

pytestmark = pytest.mark.django_db

BIRTH, TMT = dt.date(1990, 7, 4), dt.date(2015, 3, 1)
VALID_NIP = make_nip(BIRTH, TMT, "P", 7)
VALID_NIK = make_nik("337401", BIRTH, "P", 12)


def create(**overrides):
    data = {
        "actor": None,
        "nip": VALID_NIP,
        "nik": VALID_NIK,
        "name": "Siti Rahayu",
        "gender": "P",
        "birth_date": BIRTH,
        "status": "PNS",
        "tmt_cpns": TMT,
    }
    return employee_create(**{**data, **overrides})


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"nip": "12345"}, "nip", "18 digit"),
        ({"nip": VALID_NIP[:8] + "20151" + "x" + VALID_NIP[14:]}, "nip", "18 digit"),
        ({"nip": "19901340" + VALID_NIP[8:]}, "nip", "tanggal lahir yang valid"),
        ({"birth_date": dt.date(1990, 7, 5), "nik": ""}, "nip", "berbeda dengan tanggal lahir"),
        ({"gender": "L", "nik": ""}, "nip", "jenis kelamin"),
        ({"nip": VALID_NIP[:14] + "3" + VALID_NIP[15:]}, "nip", "Digit ke-15"),
        ({"nik": "33740112"}, "nik", "16 digit"),
        ({"nik": make_nik("337401", BIRTH, "L", 12)}, "nik", "jenis kelamin"),
    ],
)
def test_invalid_identity_is_rejected_naming_the_field(overrides, field, fragment) -> None:
    with pytest.raises(ValidationError) as excinfo:
        create(**overrides)
    messages = excinfo.value.message_dict[field]
    assert any(fragment in message for message in messages), messages
    assert not Employee.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_known_national_data_mismatch_is_accepted_with_a_recorded_reason() -> None:
    employee = create(birth_date=dt.date(1990, 7, 5), nik="", identity_exception="Sesuai SK CPNS, NIP lama")
    assert employee.identity_exception == "Sesuai SK CPNS, NIP lama"
    row = AuditEntry.objects.get(action="employee_create")
    assert row.reason == "Sesuai SK CPNS, NIP lama"


def test_a_malformed_nip_is_never_accepted_even_with_a_reason() -> None:
    with pytest.raises(ValidationError):
        create(nip="1990", identity_exception="alasan apa pun")


def test_creation_is_audited_with_the_nik_masked() -> None:
    employee = create()
    row = AuditEntry.objects.get(action="employee_create")
    assert row.object_id == str(employee.public_id)
    assert row.changes["nik"] == "***"


def test_update_records_old_and_new_values_and_refuses_stale_versions() -> None:
    employee = create()
    employee_update(actor=None, employee=employee, data={"name": "Siti Rahayu Lestari"}, version=1)
    row = AuditEntry.objects.get(action="employee_update")
    assert row.changes == {"name": {"old": "Siti Rahayu", "new": "Siti Rahayu Lestari"}}
    with pytest.raises(Exception, match="sudah diubah orang lain"):
        employee_update(actor=None, employee=employee, data={"name": "Lain"}, version=1)


def test_update_refuses_fields_that_only_services_may_change() -> None:
    employee = create()
    with pytest.raises(ValidationError, match="nip"):
        employee_update(actor=None, employee=employee, data={"nip": "1" * 18})


def test_assigning_a_seat_closes_the_old_history_and_moves_the_seat(gov: SmallGovernment) -> None:
    employee = gov.staff_dinas
    new_seat = SeatFactory.create(position=gov.kasi, number=9)
    employee_assign_seat(actor=None, employee=employee, seat=new_seat, start=dt.date(2026, 1, 2))
    employee.refresh_from_db()
    assert (employee.seat, employee.unit, employee.position_since) == (
        new_seat,
        gov.kelurahan,
        dt.date(2026, 1, 2),
    )
    old, new = employee.position_history.order_by("start")
    assert old.end == dt.date(2026, 1, 1)
    assert new.end is None
    assert new.position_name == "Kasi Pemerintahan"


def test_an_occupied_seat_is_refused_with_the_occupant_named(gov: SmallGovernment) -> None:
    with pytest.raises(ValidationError) as excinfo:
        employee_assign_seat(
            actor=None, employee=gov.staff_dinas, seat=gov.kasi.seats.get(), start=dt.date(2026, 1, 2)
        )
    assert "Budi Kelurahan" in excinfo.value.message_dict["seat"][0]
    assert gov.staff_dinas.position_history.count() == 1


def test_an_overlapping_history_period_is_refused(gov: SmallGovernment) -> None:
    seat = SeatFactory.create(position=gov.kasi, number=9)
    with pytest.raises(ValidationError) as excinfo:
        employee_assign_seat(actor=None, employee=gov.staff_dinas, seat=seat, start=dt.date(2017, 1, 1))
    assert "tumpang tindih" in excinfo.value.message_dict["start"][0]


def test_the_database_refuses_a_second_current_position(gov: SmallGovernment) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PositionHistory.objects.create(
            employee=gov.staff_dinas, position_name="Lain", unit_name="Lain", start=dt.date(2025, 1, 1)
        )


def test_a_rank_outside_the_ladder_is_refused(gov: SmallGovernment) -> None:
    with pytest.raises(ValidationError) as excinfo:
        employee_set_rank(actor=None, employee=gov.staff_dinas, rank=35, tmt=dt.date(2026, 4, 1))
    assert "golongan" in excinfo.value.message_dict["rank"][0].lower()


def test_a_valid_rank_change_writes_history_and_audit(gov: SmallGovernment) -> None:
    employee_set_rank(actor=None, employee=gov.staff_dinas, rank=32, tmt=dt.date(2026, 4, 1))
    gov.staff_dinas.refresh_from_db()
    assert gov.staff_dinas.rank == 32
    assert AuditEntry.objects.filter(action="employee_set_rank").count() == 1
