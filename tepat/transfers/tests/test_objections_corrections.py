"""T29 (correction part): the employee files a correction request; due at +72 h; hr_admin handles it and the
employee is told; late tickets escalate once; nobody else sees the ticket."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.transfers.models import CorrectionRequest
from tepat.transfers.services.objections import feedback_escalate
from tepat.transfers.tests.conftest import World, committed
from tepat.transfers.tests.feedback_factories import as_user, give_emails

pytestmark = pytest.mark.django_db

DATA = {"field": "pendidikan", "wrong": "Tercatat SMA", "proposed": "S1 Ilmu Pemerintahan, Undip 2015"}


def file(world: World, **data: str) -> Any:
    with committed():
        return as_user(world.cast.employee_user).post(reverse("transfers:correction_create"), DATA | data)


def test_the_employee_files_a_ticket_due_in_72_hours(world: World) -> None:
    give_emails()
    before = timezone.now()
    assert file(world).status_code == 302
    ticket = CorrectionRequest.objects.get()
    assert ticket.employee == world.gov.staff_kelurahan
    assert dt.timedelta(hours=72) <= ticket.due_at - before <= dt.timedelta(hours=72, seconds=5)
    assert AuditEntry.objects.get(action="correction_file").actor == world.cast.employee_user
    assert any("admin.uji@uji.semarangkota.go.id" in m.to for m in mail.outbox)
    page = as_user(world.cast.employee_user).get(reverse("transfers:correction_create")).content.decode()
    assert "Sedang ditangani" in page


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ({"proposed": " "}, "Usulan perbaikan"),
        ({"field": ""}, "Data yang salah"),
        ({"wrong": ""}, "Yang salah"),
    ],
)
def test_bad_input_names_the_field(world: World, data: dict[str, str], label: str) -> None:
    response = file(world, **data)
    assert response.status_code == 400
    assert f"{label}:" in response.content.decode()
    assert not CorrectionRequest.objects.exists()


def test_hr_admin_handles_the_ticket_and_the_employee_is_told(world: World) -> None:
    give_emails()
    file(world)
    ticket = CorrectionRequest.objects.get()
    mail.outbox.clear()
    admin = as_user(world.cast.admin)
    assert "Budi Kelurahan" in admin.get(reverse("transfers:correction_list")).content.decode()
    with committed():
        response = admin.post(
            ticket.get_absolute_url(), {"decision": "selesai", "outcome": "Ijazah S1 diverifikasi."}
        )
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.status, ticket.handled_by) == ("selesai", world.cast.admin)
    assert AuditEntry.objects.filter(action="correction_handle").count() == 1
    assert [m.to for m in mail.outbox] == [["pegawai.uji@uji.semarangkota.go.id"]]
    own = as_user(world.cast.employee_user).get(ticket.get_absolute_url()).content.decode()
    assert "Ijazah S1 diverifikasi." in own
    again = admin.post(ticket.get_absolute_url(), {"decision": "tolak", "outcome": "x"})
    assert CorrectionRequest.objects.get().status == "selesai"
    assert again.status_code == 200


def test_an_outcome_is_required(world: World) -> None:
    file(world)
    ticket = CorrectionRequest.objects.get()
    response = as_user(world.cast.admin).post(ticket.get_absolute_url(), {"decision": "tolak", "outcome": ""})
    assert response.status_code == 400
    assert "Keterangan / alasan:" in response.content.decode()
    assert CorrectionRequest.objects.get().is_open


def test_only_the_employee_and_hr_see_the_ticket(world: World, make_user: Any) -> None:
    file(world)
    ticket = CorrectionRequest.objects.get()
    other = make_user(Role.EMPLOYEE, username="pegawai.lain")
    assert as_user(other).get(ticket.get_absolute_url()).status_code == 404
    assert as_user(world.cast.camat).get(ticket.get_absolute_url()).status_code == 403
    assert as_user(world.cast.analyst).get(reverse("transfers:correction_list")).status_code == 403
    assert as_user(world.cast.auditor).get(ticket.get_absolute_url()).status_code == 200
    assert (
        as_user(world.cast.auditor).post(ticket.get_absolute_url(), {"decision": "selesai"}).status_code
        == 403
    )


def test_a_late_ticket_escalates_once(world: World) -> None:
    file(world)
    file(world, field="kontak")
    late = CorrectionRequest.objects.get(field="pendidikan")
    CorrectionRequest.objects.filter(pk=late.pk).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    assert feedback_escalate() == (0, 1)
    assert feedback_escalate() == (0, 0)
    assert list(CorrectionRequest.objects.filter(escalated_at__isnull=False)) == [late]
    page = as_user(world.cast.admin).get(reverse("transfers:correction_list"), {"status": "terlambat"})
    assert page.content.decode().count("eskalasi</span>") == 1


@pytest.mark.parametrize("count", [2, 20])
def test_the_ticket_list_runs_a_fixed_number_of_queries(
    world: World, count: int, django_assert_num_queries: Any
) -> None:
    from tepat.people.tests.factories import EmployeeFactory

    for n in range(count):
        employee = EmployeeFactory.create(unit=world.gov.dinas)
        CorrectionRequest.objects.create(
            employee=employee, field="kontak", wrong=f"alamat {n}", proposed="alamat baru",
            filed_by=world.cast.employee_user, due_at=timezone.now(),
        )  # fmt: skip
    client = as_user(world.cast.admin)
    client.get(reverse("transfers:correction_list"))  # warm the session
    with django_assert_num_queries(5):  # session, user, grants, count, one page with employees
        response = client.get(reverse("transfers:correction_list"))
    assert response.content.decode().count("<tr") == count + 1
