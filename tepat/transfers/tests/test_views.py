"""Pages over HTTP: the journey's screens, uploads (T20), scope 404 and role 403 (T02/T03), pinned queries."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers.models import MoveDocument
from tepat.transfers.tests.conftest import World, committed

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_create_link_from_the_candidate_page_makes_a_draft(world: World) -> None:
    employee, seat = world.gov.staff_kelurahan, world.seats[0]
    client = as_user(world.cast.camat)
    url = reverse("transfers:proposal_create") + f"?seat={seat.public_id}&employee={employee.public_id}"
    page = client.get(url)
    assert page.status_code == 200
    assert employee.full_name in page.content.decode()
    response = client.post(
        reverse("transfers:proposal_create"),
        {"employee": employee.public_id, "seat": seat.public_id, "reason": "", "mutation_type": "A_INTRA"},
    )
    assert response.status_code == 400
    assert "wajib" in response.content.decode() or "diperlukan" in response.content.decode()
    response = client.post(
        reverse("transfers:proposal_create"),
        {
            "employee": employee.public_id,
            "seat": seat.public_id,
            "reason": "Kasi kosong",
            "mutation_type": "A_INTRA",
        },
    )
    assert response.status_code == 302
    assert employee.moves.get().status == State.DRAF


def test_a_unit_head_gets_404_outside_the_subtree_and_an_employee_403(
    world: World, client_as: Callable[..., Client]
) -> None:
    move = world.propose(world.gov.staff_dinas, actor=world.cast.analyst).moves.get()
    world.seats[2].position.unit  # noqa: B018 - the dinas seat: outside the camat's kecamatan
    move.target_seat = world.seats[2]
    type(move).objects.filter(pk=move.pk).update(target_seat=world.seats[2])
    camat = as_user(world.cast.camat)
    assert camat.get(reverse("transfers:move_detail", args=[move.public_id])).status_code == 404
    assert world.gov.staff_dinas.nip not in camat.get(reverse("transfers:proposal_list")).content.decode()
    assert AuditEntry.objects.filter(action="scope_404").exists()
    assert client_as(Role.EMPLOYEE).get(reverse("transfers:proposal_list")).status_code == 403
    assert (
        as_user(world.cast.auditor)
        .post(reverse("transfers:move_act", args=[move.public_id]), {"action": "ajukan"})
        .status_code
        == 403
    )


def test_a_refused_action_answers_409_with_the_reason_and_changes_nothing(world: World) -> None:
    move = world.propose(world.gov.staff_dinas).moves.get()
    response = as_user(world.cast.admin).post(
        reverse("transfers:move_act", args=[move.public_id]), {"action": "verifikasi"}
    )
    assert response.status_code == 409
    assert "tidak dapat dilakukan" in response.content.decode()
    assert type(move).objects.get(pk=move.pk).status == State.DRAF


def test_uploads_accept_a_pdf_and_refuse_other_files_and_media_is_never_served_raw(world: World) -> None:
    move = world.propose(world.gov.staff_dinas).moves.get()
    client = as_user(world.cast.analyst)
    url = reverse("transfers:document_upload", args=[move.public_id])
    cases = [
        ("surat.docx", b"PK\x03\x04 not a pdf", "PDF"),
        ("palsu.pdf", b"MZ\x90\x00 exe", "bukan PDF"),
        ("besar.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF", "terlalu besar"),
    ]
    for name, content, message in cases:
        response = client.post(url, {"kind": "lainnya", "berkas": SimpleUploadedFile(name, content)})
        assert response.status_code == 400, name
        assert message in response.content.decode()
    assert AuditEntry.objects.filter(action="upload_rejected").count() == 3
    assert (
        client.post(url, {"kind": "lainnya", "berkas": SimpleUploadedFile("nota.pdf", PDF)}).status_code
        == 302
    )
    document = MoveDocument.objects.get()
    assert client.get(f"/media/{document.file.name}").status_code == 404
    response = client.get(reverse("transfers:document_download", args=[document.public_id]))
    assert response.content == PDF
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")


def test_the_public_page_says_only_genuine_or_not_and_is_rate_limited(world: World, settings) -> None:
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "sk"}
    }
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.SK_TERBIT)
    anonymous = Client()
    url = reverse("transfers:sk_verify")
    page = anonymous.get(url, {"kode": move.decree.verification_code})  # type: ignore[union-attr]
    body = page.content.decode()
    assert "SK asli" in body
    assert move.decree.number_text in body  # type: ignore[union-attr]
    assert world.gov.staff_dinas.name not in body
    assert "tidak dikenal" in anonymous.get(url, {"kode": "AAAA-BBBB-CCCC"}).content.decode()
    statuses = [anonymous.get(url, {"kode": "AAAA-BBBB-CCCC"}).status_code for _ in range(25)]
    assert 429 in statuses


def test_the_employee_reads_their_notice_and_cannot_read_anyone_elses(world: World) -> None:
    move = world.to_state(
        world.propose(world.gov.staff_kelurahan, world.gov.staff_dinas).moves.order_by("pk")[0],
        State.SK_TERBIT,
    )
    employee = as_user(world.cast.employee_user)
    page = employee.get(reverse("transfers:my_notices"))
    assert "SK mutasi Anda telah terbit" in page.content.decode()
    notice = move.notices.get()
    assert employee.post(reverse("transfers:notice_read", args=[notice.public_id])).status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
    other = world.to_state(world.gov.staff_dinas.moves.get(), State.SK_TERBIT).notices.get()
    assert employee.post(reverse("transfers:notice_read", args=[other.public_id])).status_code == 404


def test_the_board_and_the_ppk_work_through_their_pages(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIVERIFIKASI)
    admin = as_user(world.cast.admin)
    response = admin.post(
        reverse("transfers:board_list"), {"number": "BA-7/2026", "held_on": "2026-11-20", "place": "BKPP"}
    )
    session_url = response["Location"]
    act = session_url + "tindakan/"
    assert admin.post(act, {"action": "agenda", "moves": str(move.public_id)}).status_code == 302
    for member in world.cast.members[:2]:
        client = as_user(member)
        client.post(act, {"action": "hadir"})
        client.post(act, {"action": "pertimbangan", "move": move.public_id, "recommends": "ya", "note": ""})
    with committed():
        assert as_user(world.cast.members[0]).post(act, {"action": "tutup"}).status_code == 302
    minutes = as_user(world.cast.members[1]).get(session_url + "berita-acara/")
    assert minutes.status_code == 200
    assert minutes.content.startswith(b"%PDF")
    ppk = as_user(world.cast.ppk)
    assert move.employee.full_name in ppk.get(reverse("transfers:decision_list")).content.decode()
    ppk.post(reverse("transfers:move_act", args=[move.public_id]), {"action": "setujui", "reason": "Sesuai"})
    assert type(move).objects.get(pk=move.pk).status == State.DISETUJUI


def test_the_proposal_list_runs_a_fixed_number_of_queries(world: World, django_assert_num_queries) -> None:
    from tepat.organization.tests.factories import SeatFactory
    from tepat.people.tests.factories import EmployeeFactory
    from tepat.transfers.services.proposals import proposal_create_batch

    client = as_user(world.cast.analyst)
    client.get(reverse("transfers:proposal_list"))  # warm the session
    for n in range(6):
        employee = EmployeeFactory.create(unit=world.gov.dinas)
        seat = SeatFactory.create(position=world.seats[2].position, number=10 + n)
        proposal_create_batch(actor=world.cast.analyst, moves=[(employee, seat, "uji")])
    with django_assert_num_queries(6):
        assert client.get(reverse("transfers:proposal_list")).status_code == 200
