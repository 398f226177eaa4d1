"""The pulse survey: opened by the job 90 days after the TMT (idempotent), answered once by the employee,
results only as group aggregates of at least five answers, in the leader's scope."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.transfers.models import Move, PulseSurvey
from tepat.transfers.services.surveys import feedback_due_run, surveys_open_due
from tepat.transfers.tests.conftest import World, committed
from tepat.transfers.tests.feedback_factories import answered_surveys, applied_moves, as_user

pytestmark = pytest.mark.django_db

ANSWERS = {
    "clarity": "4",
    "support": "2",
    "workload": "3",
    "team": "5",
    "stay": "4",
    "comment": "Butuh pendampingan.",
}


def own_applied_move(world: World, tmt: dt.date) -> Move:
    [move] = applied_moves(world.gov.kelurahan, 1, by=world.cast.analyst, tmt=tmt)
    Move.objects.filter(pk=move.pk).update(employee=world.gov.staff_kelurahan)
    move.refresh_from_db()
    return move


def test_the_job_opens_the_survey_ninety_days_after_the_tmt_once(world: World) -> None:
    on = today()
    due = applied_moves(world.gov.kelurahan, 2, by=world.cast.analyst, tmt=on - dt.timedelta(days=90))
    applied_moves(world.gov.kelurahan, 1, by=world.cast.analyst, tmt=on - dt.timedelta(days=89))
    applied_moves(
        world.gov.dinas, 1, by=world.cast.analyst, tmt=on - dt.timedelta(days=121)
    )  # would be closed
    applied_moves(
        world.gov.dinas, 1, by=world.cast.analyst, tmt=on - dt.timedelta(days=95), status="dibatalkan"
    )
    with committed():
        opened = surveys_open_due(on=on)
    assert {s.move_id for s in opened} == {m.pk for m in due}
    survey = opened[0]
    assert survey.due_on == on
    assert survey.closes_on == on + dt.timedelta(days=30)
    assert survey.unit == world.gov.kelurahan
    assert AuditEntry.objects.filter(action="survey_open", actor_label="sistem.komunikasi").count() == 2
    assert surveys_open_due(on=on) == []
    assert feedback_due_run().surveys_opened == 0
    assert PulseSurvey.objects.count() == 2


def test_the_command_runs_the_job_on_demand(world: World) -> None:
    applied_moves(world.gov.kelurahan, 1, by=world.cast.analyst, tmt=today() - dt.timedelta(days=100))
    out = StringIO()
    call_command("feedback_due", stdout=out)
    assert out.getvalue().startswith(
        "1 survei dibuka, 0 keberatan dan 0 permintaan perbaikan data dieskalasi."
    )
    call_command("feedback_due", "--on", today().isoformat(), stdout=out)
    assert "0 survei dibuka" in out.getvalue()


def test_the_employee_answers_once_and_the_answers_stay_out_of_the_audit_row(world: World) -> None:
    own_applied_move(world, today() - dt.timedelta(days=90))
    surveys_open_due(on=today())
    survey = PulseSurvey.objects.get()
    employee = as_user(world.cast.employee_user)
    assert "Isi survei" in employee.get(reverse("transfers:my_notices")).content.decode()
    assert survey.get_absolute_url() in employee.get(reverse("transfers:survey_list")).content.decode()
    response = employee.post(survey.get_absolute_url(), ANSWERS)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.clarity, survey.support, survey.workload, survey.team, survey.stay) == (4, 2, 3, 5, 4)
    assert survey.comment == "Butuh pendampingan."
    entry = AuditEntry.objects.get(action="survey_answer")
    assert entry.changes == {"answered": True}
    again = employee.post(survey.get_absolute_url(), ANSWERS | {"clarity": "1"})
    assert "sudah Anda jawab" in again.content.decode()
    survey.refresh_from_db()
    assert survey.clarity == 4


def test_a_missing_answer_names_the_question(world: World) -> None:
    own_applied_move(world, today() - dt.timedelta(days=90))
    surveys_open_due(on=today())
    survey = PulseSurvey.objects.get()
    response = as_user(world.cast.employee_user).post(survey.get_absolute_url(), ANSWERS | {"support": ""})
    assert response.status_code == 400
    assert "dukungan atasan: pilih satu nilai dari 1 sampai 5" in response.content.decode()
    assert PulseSurvey.objects.get().answered_at is None


def test_a_closed_survey_and_someone_elses_survey_cannot_be_answered(world: World) -> None:
    moves = applied_moves(world.gov.kelurahan, 1, by=world.cast.analyst, tmt=today() - dt.timedelta(days=90))
    surveys_open_due(on=today())
    other = PulseSurvey.objects.get(move=moves[0])
    employee = as_user(world.cast.employee_user)
    assert employee.get(other.get_absolute_url()).status_code == 404
    assert employee.post(other.get_absolute_url(), ANSWERS).status_code == 404
    own_applied_move(world, today() - dt.timedelta(days=100))
    surveys_open_due(on=today())
    mine = PulseSurvey.objects.get(employee=world.gov.staff_kelurahan)
    PulseSurvey.objects.filter(pk=mine.pk).update(closes_on=today() - dt.timedelta(days=1))
    assert "sudah ditutup" in employee.get(mine.get_absolute_url()).content.decode()
    assert as_user(world.cast.analyst).get(mine.get_absolute_url()).status_code == 403


def test_results_show_only_aggregates_and_hide_groups_under_five(world: World, make_user: Any) -> None:
    five = applied_moves(world.gov.kelurahan, 5, by=world.cast.analyst, tmt=today() - dt.timedelta(days=100))
    answered_surveys(five, [4, 4, 2, 5, 3])
    three = applied_moves(world.gov.dinas, 3, by=world.cast.analyst, tmt=today() - dt.timedelta(days=100))
    answered_surveys(three, [1, 1, 1])
    page = as_user(world.cast.analyst).get(reverse("transfers:survey_results")).content.decode()
    assert "Kelurahan Ngesrep" in page
    assert "kurang dari 5 jawaban: rincian tidak ditampilkan" in page
    assert '<td class="text-end">2,6</td>' in page  # support: (3+3+1+4+2) / 5
    camat = as_user(world.cast.camat).get(reverse("transfers:survey_results")).content.decode()
    assert "Kelurahan Ngesrep" in camat
    assert "Dinas Kesehatan" not in camat
    assert as_user(world.cast.employee_user).get(reverse("transfers:survey_results")).status_code == 403
    kadinkes = make_user(Role.UNIT_HEAD, world.gov.dinas, username="kadinkes.uji")
    dinas_page = as_user(kadinkes).get(reverse("transfers:survey_results")).content.decode()
    assert "kurang dari 5 jawaban" in dinas_page
    assert "Kelurahan Ngesrep" not in dinas_page
    assert five[0].employee.full_name not in page


def test_the_worker_loop_is_armed_once_for_tomorrow(world: World, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from tepat.transfers.feedback_tasks import TASK_PATH, feedback_due_arm

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert feedback_due_arm()
    assert not feedback_due_arm()  # one run waits already
    [queued] = DBTaskResult.objects.filter(task_path=TASK_PATH)
    assert timezone.localtime(queued.run_after).date() == today() + dt.timedelta(days=1)


@pytest.mark.parametrize("units", [1, 6])
def test_the_results_page_runs_a_fixed_number_of_queries(
    world: World, units: int, django_assert_num_queries: Any
) -> None:
    from tepat.organization.tests.factories import UnitFactory

    for n in range(units):
        unit = UnitFactory.create(name=f"Kelurahan Uji {n}", parent=world.gov.kecamatan)
        moves = applied_moves(unit, 5, by=world.cast.analyst, tmt=today() - dt.timedelta(days=100))
        answered_surveys(moves, [4, 4, 3, 5, 4])
    client = as_user(world.cast.camat)
    client.get(reverse("transfers:survey_results"))  # warm the session
    with django_assert_num_queries(9):  # the same for 1 and 6 units: sums by unit in one query, units in one
        response = client.get(reverse("transfers:survey_results"))
    assert response.content.decode().count("Kelurahan Uji") == units
