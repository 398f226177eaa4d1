"""Pages for the services that had none: own request, delegation, Plt./Plh., rule override, SK blocks, correction.

Each form: Indonesian labels, a refusal that names the field, nothing half-saved, an audit row for the write.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tepat.accounts.models import RoleGrant, User
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers.models import ActingAppointment, Decree, DecreeSettings, Move, Proposal, RuleOverride
from tepat.transfers.tests.conftest import World, committed

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def letter(content: bytes = PDF, name: str = "permohonan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_an_employee_requests_a_seat_with_a_letter_and_it_becomes_a_draft(world: World) -> None:
    client, seat = as_user(world.cast.employee_user), world.seats[2]
    url = reverse("transfers:own_request")
    assert client.get(url).status_code == 200
    page = client.get(url, {"unit": str(seat.position.unit.public_id)}).content.decode()
    assert "Pengelola Data" in page
    data = {"unit": seat.position.unit.public_id, "seat": seat.public_id, "reason": "Merawat orang tua"}
    bad = client.post(url, {**data, "berkas": letter(b"bukan pdf", "surat.docx")})
    assert bad.status_code == 400
    assert "Surat permohonan" in bad.content.decode()
    assert not Proposal.objects.exists()
    response = client.post(url, {**data, "berkas": letter()})
    assert response.status_code == 302
    move = Move.objects.get(employee=world.gov.staff_kelurahan)
    assert (move.status, move.own_request, move.proposal.source) == (State.DRAF, True, "permintaan_sendiri")
    assert [d.kind for d in move.documents.all()] == ["permohonan"]
    assert AuditEntry.objects.filter(action="move_create", object_id=str(move.public_id)).exists()


def test_an_own_request_without_a_reason_names_the_field_and_saves_nothing(world: World) -> None:
    seat = world.seats[2]
    data = {"unit": seat.position.unit.public_id, "seat": seat.public_id, "reason": "", "berkas": letter()}
    response = as_user(world.cast.employee_user).post(reverse("transfers:own_request"), data)
    assert response.status_code == 400
    assert "Alasan permohonan" in response.content.decode()
    assert not Move.objects.exists()


def test_the_ppk_delegates_for_a_period_and_a_unit(world: World) -> None:
    client, url = as_user(world.cast.ppk), reverse("transfers:delegation_list")
    data = {
        "delegate": world.cast.camat.username,
        "unit": world.gov.kecamatan.public_id,
        "valid_from": today().isoformat(),
        "valid_to": (today() - dt.timedelta(days=1)).isoformat(),
        "basis": "Surat Wali Kota 800/12/2026",
    }
    bad = client.post(url, data)
    assert bad.status_code == 400
    assert "Berlaku sampai" in bad.content.decode()
    unknown = client.post(url, {**data, "delegate": "tidak.ada", "valid_to": today().isoformat()})
    assert "Nama pengguna penerima pelimpahan" in unknown.content.decode()
    ok = client.post(url, {**data, "valid_to": (today() + dt.timedelta(days=30)).isoformat()})
    assert ok.status_code == 302
    grant = RoleGrant.objects.get(user=world.cast.camat, role=Role.APPROVER)
    assert grant.unit == world.gov.kecamatan
    assert "800/12/2026" in grant.basis


def test_the_auditor_reads_the_authority_pages_but_the_admin_cannot_delegate(world: World) -> None:
    auditor = as_user(world.cast.auditor)
    for name in ("transfers:delegation_list", "transfers:acting_list", "transfers:decree_settings"):
        assert auditor.get(reverse(name)).status_code == 200
        assert auditor.post(reverse(name), {}).status_code == 403
    assert as_user(world.cast.admin).post(reverse("transfers:delegation_list"), {}).status_code == 403


def test_the_admin_appoints_an_acting_official_for_a_seat_a_decision_leaves_open(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DISETUJUI)
    client, url = as_user(world.cast.admin), reverse("transfers:acting_list")
    data = {
        "move": move.public_id,
        "nip": "1" * 18,
        "kind": "plt",
        "valid_from": today().isoformat(),
        "basis": "Surat Perintah 800/7",
    }
    bad = client.post(url, data)
    assert bad.status_code == 400
    assert "NIP pegawai yang ditunjuk" in bad.content.decode()
    assert client.post(url, {**data, "nip": world.gov.staff_kecamatan.nip}).status_code == 302
    acting = ActingAppointment.objects.get()
    assert (acting.seat_id, acting.employee_id, acting.move_id) == (
        move.origin_seat_id,
        world.gov.staff_kecamatan.pk,
        move.pk,
    )


def test_the_ppk_records_an_override_of_a_failing_hard_rule(world: World) -> None:
    move = world.propose(world.gov.staff_dinas).moves.get()
    failing = {"rule_id": "R1", "outcome": "fail", "severity": "hard", "message": "baru 14 bulan"}
    Move.objects.filter(pk=move.pk).update(proposed_snapshot={"rules": [failing], "fit": {}})
    url = reverse("transfers:override_record", kwargs={"public_id": move.public_id})
    ppk = as_user(world.cast.ppk)
    assert "Pengecualian aturan (PPK)" in ppk.get(move.get_absolute_url()).content.decode()
    assert ppk.post(url, {"rule_id": "R9", "reason": "x"}).status_code == 400
    assert as_user(world.cast.analyst).post(url, {"rule_id": "R1", "reason": "x"}).status_code == 403
    assert ppk.post(url, {"rule_id": "R1", "reason": "Penataan organisasi"}).status_code == 302
    override = RuleOverride.objects.get(move=move)
    assert (override.approved_by, override.decided_on) == (world.cast.ppk, today())


def test_the_admin_edits_the_sk_blocks_which_stay_text(world: World) -> None:
    client, url = as_user(world.cast.admin), reverse("transfers:decree_settings")
    page = client.get(url)
    assert page.status_code == 200
    form = {
        name: str(value) for name, value in page.context["form"].initial.items() if isinstance(value, str)
    }
    bad = client.post(url, {**form, "signer_nip": "12ab"})
    assert bad.status_code == 400
    assert "NIP penanda tangan" in bad.content.decode()
    hostile = '<img src="http://169.254.169.254/"> {{ settings.SECRET_KEY }}'
    assert client.post(url, {**form, "menimbang": hostile, "signer_name": "Dr. Hj. Wali"}).status_code == 302
    blocks = DecreeSettings.objects.get()
    assert (blocks.menimbang, blocks.signer_name) == (hostile, "Dr. Hj. Wali")
    assert AuditEntry.objects.filter(action="decree_settings_update").count() == 1
    assert "&lt;img" in client.get(url).content.decode()


def test_a_correction_sk_references_the_old_one_which_stays(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.SK_TERBIT)
    old = move.decree
    assert old is not None
    client = as_user(world.cast.admin)
    url = reverse("transfers:decree_correct", kwargs={"public_id": old.public_id})
    data = {"move": move.public_id, "tmt": today().isoformat(), "correction_reason": ""}
    assert client.post(url, data).status_code == 400
    assert Decree.objects.count() == 1
    with committed():
        response = client.post(url, {**data, "correction_reason": "Tertulis unit kerja lama yang keliru"})
    assert response.status_code == 302
    new = Decree.objects.get(corrects=old)
    assert new.kind == Decree.Kind.PERBAIKAN
    assert Move.objects.get(pk=move.pk).decree == new
    assert old.number_text in client.get(new.get_absolute_url()).content.decode()
