"""The petikan (per-person extract of an SK): rendered by the `sk.render_petikan` handler, read by the employee
from their notices and by staff from the move page, hash-checked and audited; nobody else's."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers.models import DecreeExtract, Move
from tepat.transfers.tests.conftest import World

pytestmark = pytest.mark.django_db
PDFTOTEXT = shutil.which("pdftotext") or "/usr/bin/pdftotext"


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pdf_text(content: bytes) -> str:
    result = subprocess.run(  # noqa: S603 - a fixed local tool on our own bytes
        [PDFTOTEXT, "-layout", "-", "-"], input=content, capture_output=True, check=True, timeout=30
    )
    return result.stdout.decode()


@pytest.fixture
def issued(world: World) -> Move:
    return world.to_state(world.propose(world.gov.staff_kelurahan).moves.get(), State.SK_TERBIT)


def test_the_handler_renders_the_petikan_when_the_sk_is_issued(issued: Move) -> None:
    extract = DecreeExtract.objects.get(move=issued)
    assert extract.decree == issued.decree
    assert len(extract.sha256) == 64


def test_the_employee_reads_the_notice_and_downloads_their_petikan(world: World, issued: Move) -> None:
    client = as_user(world.cast.employee_user)
    page = client.get(reverse("transfers:my_notices")).content.decode()
    link = reverse("transfers:petikan_download", kwargs={"public_id": issued.public_id})
    assert link in page
    assert "Anda dipindahkan ke" in page
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    assert "PETIKAN" in text
    assert world.gov.staff_kelurahan.nip in text
    assert issued.decree.number_text in text  # type: ignore[union-attr]
    assert AuditEntry.objects.filter(action="petikan_download", kind=AuditEntry.Kind.ACCESS).count() == 1


def test_another_employee_gets_404_and_staff_read_it_from_the_move_page(
    world: World, issued: Move, make_user: Callable[..., User]
) -> None:
    link = reverse("transfers:petikan_download", kwargs={"public_id": issued.public_id})
    assert as_user(make_user(Role.EMPLOYEE, username="orang.lain")).get(link).status_code == 404
    admin = as_user(world.cast.admin)
    assert link in admin.get(issued.get_absolute_url()).content.decode()
    assert admin.get(link).content.startswith(b"%PDF")


def test_a_petikan_before_the_sk_is_refused_with_a_reason(world: World) -> None:
    move = world.propose(world.gov.staff_kelurahan).moves.get()
    response = as_user(world.cast.admin).get(
        reverse("transfers:petikan_download", kwargs={"public_id": move.public_id})
    )
    assert response.status_code == 409
    assert "setelah SK mutasi terbit" in response.content.decode()
