"""Objections over HTTP: filed by the employee on their own move within the window, answered by the BKPP
(not the employee, not the proposer), read by unit heads in their subtree; escalation; pinned queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.communication import add_workdays
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers.models import Move, Notice, Objection
from tepat.transfers.services.objections import feedback_escalate
from tepat.transfers.tests.conftest import World, committed
from tepat.transfers.tests.feedback_factories import applied_moves, as_user, give_emails, objections_for

pytestmark = pytest.mark.django_db

REASON = "Ibu saya sakit dan tinggal sendiri di Banyumanik; saya merawatnya setiap sore."


@pytest.fixture
def sk_move(world: World) -> Move:
    """The employee's own move with its SK issued and the notice created by the event handler."""
    give_emails()
    for user in (world.cast.employee_user, world.cast.admin, world.cast.ppk):
        user.refresh_from_db()
    return world.to_state(world.propose(world.gov.staff_kelurahan).moves.get(), State.SK_TERBIT)


def file(world: World, notice: Notice, **data: str) -> Any:
    payload = {"category": "merawat_keluarga", "text": REASON} | data
    with committed():
        return as_user(world.cast.employee_user).post(
            reverse("transfers:objection_create", args=[notice.public_id]), payload
        )


def test_the_notice_explains_why_and_offers_the_objection_with_its_deadline(
    world: World, sk_move: Move
) -> None:
    page = as_user(world.cast.employee_user).get(reverse("transfers:my_notices")).content.decode()
    assert "Ajukan keberatan" in page
    deadline = today() + dt.timedelta(days=14)
    assert f"sampai {deadline.day} " in page
    assert 'data-testid="notice-objection"' in page


def test_the_employee_files_an_objection_once_with_an_audit_row_and_the_bkpp_is_mailed(
    world: World, sk_move: Move
) -> None:
    notice = sk_move.notices.get()
    response = file(world, notice)
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.move, objection.status, objection.filed_by) == (
        sk_move,
        "diajukan",
        world.cast.employee_user,
    )
    assert objection.due_on == add_workdays(today(), 10)
    entry = AuditEntry.objects.get(action="objection_file")
    assert entry.actor == world.cast.employee_user
    assert entry.changes["category"] == "merawat_keluarga"
    assert any(world.cast.admin.email in m.to for m in mail.outbox)
    again = file(world, notice)
    assert again.status_code == 400
    assert "Masih ada keberatan" in again.content.decode()
    assert Objection.objects.count() == 1
    page = as_user(world.cast.employee_user).get(reverse("transfers:my_notices")).content.decode()
    assert "Menunggu jawaban BKPP" in page
    assert "Ajukan keberatan</a>" not in page


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ({"text": "terlalu singkat"}, "Uraian keberatan"),
        ({"category": ""}, "Alasan keberatan"),
        ({"category": "bukan_kategori"}, "Alasan keberatan"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(
    world: World, sk_move: Move, data: dict[str, str], label: str
) -> None:
    response = file(world, sk_move.notices.get(), **data)
    assert response.status_code == 400
    assert f"{label}:" in response.content.decode()
    assert not Objection.objects.exists()


def test_after_fourteen_days_the_window_is_closed_with_a_clear_message(world: World, sk_move: Move) -> None:
    notice = sk_move.notices.get()
    Notice.objects.filter(pk=notice.pk).update(created_at=timezone.now() - dt.timedelta(days=15))
    employee = as_user(world.cast.employee_user)
    page = employee.get(reverse("transfers:objection_create", args=[notice.public_id])).content.decode()
    assert "Batas waktu pengajuan keberatan (14 hari sejak pemberitahuan) telah berakhir" in page
    assert "Batas waktu pengajuan keberatan" in employee.get(reverse("transfers:my_notices")).content.decode()
    response = file(world, notice)
    assert response.status_code == 409
    assert not Objection.objects.exists()


def test_nobody_files_on_someone_elses_notice(world: World) -> None:
    other = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.SK_TERBIT).notices.get()
    assert file(world, other).status_code == 404
    assert (
        as_user(world.cast.analyst)
        .get(reverse("transfers:objection_create", args=[other.public_id]))
        .status_code
        == 403
    )
    assert not Objection.objects.exists()


def answer(world: World, objection: Objection, user: Any, **data: str) -> Any:
    payload = {
        "decision": "terima",
        "follow_up": "usul_peninjauan",
        "answer": "Keadaan keluarga Anda kami terima.",
    } | data
    with committed():
        return as_user(user).post(reverse("transfers:objection_answer", args=[objection.public_id]), payload)


def test_the_bkpp_answers_the_move_stays_as_it_is_and_the_employee_reads_the_answer(
    world: World, sk_move: Move
) -> None:
    file(world, sk_move.notices.get())
    objection = Objection.objects.get()
    detail = as_user(world.cast.admin).get(objection.get_absolute_url()).content.decode()
    assert "Faktor rekomendasi yang dinilai" in detail
    assert (
        AuditEntry.objects.filter(action="objection_view", kind="access", actor=world.cast.admin).count() == 1
    )
    assert "Pemeriksaan syarat" in detail
    mail.outbox.clear()
    assert answer(world, objection, world.cast.admin).status_code == 302
    objection.refresh_from_db()
    assert (objection.status, objection.follow_up, objection.answered_by) == (
        "diterima",
        "usul_peninjauan",
        world.cast.admin,
    )
    assert Move.objects.get(pk=sk_move.pk).status == State.SK_TERBIT  # a person decides through the workflow
    assert AuditEntry.objects.filter(action="objection_answer", actor=world.cast.admin).count() == 1
    assert any(world.cast.employee_user.email in m.to for m in mail.outbox)
    assert any(world.cast.ppk.email in m.to for m in mail.outbox)
    employee = as_user(world.cast.employee_user)
    assert "baca jawaban BKPP" in employee.get(reverse("transfers:my_notices")).content.decode()
    own = employee.get(objection.get_absolute_url()).content.decode()
    assert "Keadaan keluarga Anda kami terima." in own
    assert "Faktor rekomendasi" not in own
    objection.refresh_from_db()
    assert objection.read_at is not None
    assert answer(world, objection, world.cast.admin2).status_code == 409  # answered once


def test_separation_the_proposer_and_the_employee_cannot_answer(world: World, sk_move: Move) -> None:
    file(world, sk_move.notices.get())
    objection = Objection.objects.get()
    refused = answer(world, objection, world.cast.analyst)  # the analyst proposed this move
    assert refused.status_code == 409
    assert "pengusul mutasi tidak boleh" in refused.content.decode()
    assert answer(world, objection, world.cast.employee_user).status_code == 403
    assert answer(world, objection, world.cast.auditor).status_code == 403
    assert Objection.objects.get().status == "diajukan"


def test_another_employee_gets_404_on_the_objection(world: World, sk_move: Move, make_user: Any) -> None:
    file(world, sk_move.notices.get())
    other = as_user(make_user(Role.EMPLOYEE, username="pegawai.lain"))
    response = other.get(Objection.objects.get().get_absolute_url())
    assert response.status_code == 404
    assert world.gov.staff_kelurahan.full_name not in response.content.decode()


@pytest.mark.parametrize(
    ("data", "label"),
    [
        ({"follow_up": ""}, "Tindak lanjut (bila diterima)"),
        ({"answer": "ok"}, "Jawaban kepada pegawai"),
        ({"decision": "tolak"}, "Tindak lanjut (bila diterima)"),
    ],
)
def test_an_incomplete_answer_names_the_field(
    world: World, sk_move: Move, data: dict[str, str], label: str
) -> None:
    file(world, sk_move.notices.get())
    response = answer(world, Objection.objects.get(), world.cast.admin, **data)
    assert response.status_code == 400
    assert f"{label}:" in response.content.decode()
    assert Objection.objects.get().status == "diajukan"


def test_unit_heads_read_objections_of_their_subtree_only(
    world: World, sk_move: Move, make_user: Any
) -> None:
    file(world, sk_move.notices.get())
    objection = Objection.objects.get()
    camat = as_user(world.cast.camat)
    assert (
        world.gov.staff_kelurahan.full_name in camat.get(reverse("transfers:objection_list")).content.decode()
    )
    page = camat.get(objection.get_absolute_url())
    assert page.status_code == 200
    assert "Simpan jawaban" not in page.content.decode()
    assert answer(world, objection, world.cast.camat).status_code == 403
    kadinkes = as_user(make_user(Role.UNIT_HEAD, world.gov.dinas, username="kadinkes.uji"))
    assert kadinkes.get(objection.get_absolute_url()).status_code == 404
    assert (
        world.gov.staff_kelurahan.full_name
        not in kadinkes.get(reverse("transfers:objection_list")).content.decode()
    )


def test_late_objections_escalate_once_and_hr_admin_is_mailed(world: World) -> None:
    moves = applied_moves(world.gov.kelurahan, 3, by=world.cast.analyst, tmt=today(), status="sk_terbit")
    late = objections_for(moves[:2], by=world.cast.employee_user, due=today() - dt.timedelta(days=1))
    objections_for(moves[2:], by=world.cast.employee_user, due=today())
    give_emails()
    mail.outbox.clear()
    with committed():
        assert feedback_escalate() == (2, 0)
    assert set(Objection.objects.filter(escalated_at__isnull=False)) == set(late)
    assert AuditEntry.objects.filter(action="objection_escalate").count() == 2
    assert any("admin.uji@uji.semarangkota.go.id" in m.to for m in mail.outbox)
    assert feedback_escalate() == (0, 0)
    queue = (
        as_user(world.cast.admin)
        .get(reverse("transfers:objection_list"), {"status": "terlambat"})
        .content.decode()
    )
    assert queue.count("eskalasi</span>") == 2


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_runs_a_fixed_number_of_queries(
    world: World, count: int, django_assert_num_queries: Any
) -> None:
    moves = applied_moves(world.gov.kelurahan, count, by=world.cast.analyst, tmt=today(), status="sk_terbit")
    objections_for(moves, by=world.cast.employee_user)
    client = as_user(world.cast.admin)
    client.get(reverse("transfers:objection_list"))  # warm the session
    with django_assert_num_queries(5):  # session, user, grants, count, one page of rows with their relations
        response = client.get(reverse("transfers:objection_list"))
    assert response.content.decode().count("<tr") == count + 1


def test_the_move_page_shows_its_objections_to_staff_but_not_to_the_board(
    world: World, sk_move: Move
) -> None:
    file(world, sk_move.notices.get())
    url = sk_move.get_absolute_url()
    assert 'data-testid="move-objections"' in as_user(world.cast.ppk).get(url).content.decode()
    board = as_user(world.cast.members[0]).get(url)  # the move was on the Tim's agenda: the page opens
    assert board.status_code == 200
    assert 'data-testid="move-objections"' not in board.content.decode()
