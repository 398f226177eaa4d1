"""Review cycle from the database: the handler (through the real TMT step, idempotent), scope (404 outside,
403 for roles), the one-time submit (messages naming the fields, nothing half-saved, audit), warnings from the
SKP decline, the overview block, and pinned query counts of the list."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from conftest import seat_employee
from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.engine.workflow import Event, State
from tepat.evaluation.models import Review, ReviewSchedule
from tepat.evaluation.selectors.reviews import overview_reviews, skp_declines, unit_continuity_risks
from tepat.evaluation.services.reviews import review_schedules_create, review_submit
from tepat.organization.tests.factories import PositionFactory, UnitFactory
from tepat.people.models import Employee, PerformanceRecord, PositionHistory
from tepat.transfers.models import Move, MoveEvent
from tepat.transfers.services.events import HANDLERS, _load_handlers, dispatch_pending_events
from tepat.transfers.services.tmt import apply_due_tmt
from tepat.transfers.tests import conftest as transfers_fixtures
from tepat.transfers.tests.conftest import World, committed, walk

pytestmark = pytest.mark.django_db
# The transfers tests' world (a small government with one user per workflow role) and their media folder.
world = transfers_fixtures.world
_media = transfers_fixtures._media
GOOD = {"adaptation": "4", "task_mastery": "4", "cooperation": "5", "support_need": "2"}


def _berlaku(world: World) -> Move:
    """A move of the kecamatan's staff into the kelurahan, through the workflow up to its TMT today."""
    [move] = world.propose(world.gov.staff_kecamatan).moves.all()
    move = walk(world, move, State.SK_TERBIT)
    with committed():
        apply_due_tmt(on=today())
    move.refresh_from_db()
    assert move.status == State.BERLAKU
    return move


@pytest.fixture
def newcomer(world: World) -> Move:
    """Moved in 88 days ago: the 1-month check-in is late, the 3-month review due in 2 days."""
    move = _berlaku(world)
    shifted = today() - dt.timedelta(days=88)
    Move.objects.filter(pk=move.pk).update(tmt=shifted)
    ReviewSchedule.objects.filter(move=move).delete()
    move.refresh_from_db()
    review_schedules_create(move=move)
    return move


@pytest.fixture
def lurah(make_user: Callable[..., User], world: World) -> User:
    return make_user(Role.UNIT_HEAD, world.gov.kelurahan, username="lurah.uji")


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _schedule(move: Move, kind: str) -> ReviewSchedule:
    return ReviewSchedule.objects.get(move=move, kind=kind)


def test_the_handler_is_registered() -> None:
    _load_handlers()
    assert HANDLERS[Event.SCHEDULE_REVIEWS.value].__module__ == "tepat.evaluation.handlers"


def test_a_move_taking_effect_gets_its_reviews_once(world: World, mailoutbox: list[Any]) -> None:
    User.objects.filter(pk=world.cast.camat.pk).update(email="camat@semarangkota.go.id")
    move = _berlaku(world)
    [mail] = [m for m in mailoutbox if "Jadwal tinjauan pegawai baru" in m.subject]
    assert mail.to == ["camat@semarangkota.go.id"]  # the head of the unit above the new one
    assert "Tinjauan 3 bulan: jatuh tempo" in mail.body
    rows = list(ReviewSchedule.objects.filter(move=move).order_by("due_on"))
    assert move.tmt == today()
    assert [(r.kind, (r.due_on - today()).days) for r in rows] == [
        ("bulan_1", 30),
        ("bulan_3", 90),
        ("bulan_6", 180),
    ]
    assert {r.unit_id for r in rows} == {world.gov.kelurahan.pk}
    assert MoveEvent.objects.get(move=move, kind=Event.SCHEDULE_REVIEWS.value).handled_at is not None
    # Again: the service, and the event handled a second time, add nothing.
    assert review_schedules_create(move=move) == []
    MoveEvent.objects.filter(move=move, kind=Event.SCHEDULE_REVIEWS.value).update(handled_at=None)
    dispatch_pending_events()
    assert ReviewSchedule.objects.filter(move=move).count() == 3
    assert (
        AuditEntry.objects.filter(action="review_schedules_create", object_id=str(move.public_id)).count()
        == 1
    )


def test_scope_the_new_units_heads_see_it_others_get_404_or_403(
    newcomer: Move, lurah: User, world: World, make_user: Callable[..., User]
) -> None:
    schedule = _schedule(newcomer, "bulan_3")
    url = schedule.get_absolute_url()
    assert _client(lurah).get(url).status_code == 200
    assert (
        _client(world.cast.camat).get(url).status_code == 200
    )  # the kecamatan's subtree holds the kelurahan
    assert _client(world.cast.auditor).get(url).status_code == 200
    other = make_user(Role.UNIT_HEAD, UnitFactory.create(parent=world.gov.kecamatan), username="lurah.lain")
    assert _client(other).get(url).status_code == 404
    assert AuditEntry.objects.filter(action="scope_404", actor=other).exists()
    assert (
        _client(other).get(reverse("evaluation:review_list") + "?status=").content.count(b"review-status")
        == 0
    )
    assert _client(world.cast.employee_user).get(url).status_code == 403  # the employee does not see it
    for user in (world.cast.auditor, world.cast.analyst, world.cast.admin):
        assert _client(user).post(url, GOOD | {"comments": "x"}).status_code == 403
    assert not Review.objects.exists()


def test_required_fields_are_named_and_nothing_is_saved(newcomer: Move, lurah: User) -> None:
    url = _schedule(newcomer, "bulan_3").get_absolute_url()
    response = _client(lurah).post(url, {"task_mastery": "9", "comments": "  "})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Adaptasi di unit baru wajib diisi (1–5)." in text
    assert "Penguasaan tugas jabatan harus bilangan bulat 1 sampai 5." in text
    assert "Catatan atasan wajib diisi." in text
    assert not Review.objects.exists()


def test_submit_once_then_it_is_immutable_and_audited(newcomer: Move, lurah: User) -> None:
    schedule = _schedule(newcomer, "bulan_3")
    client = _client(lurah)
    response = client.post(schedule.get_absolute_url(), GOOD | {"comments": "Menyesuaikan diri dengan baik."})
    assert response.status_code == 302
    review = Review.objects.get()
    assert (review.schedule_id, review.score, review.needs_support) == (schedule.pk, 81.2, False)
    assert review.answers == {"adaptation": 4, "task_mastery": 4, "cooperation": 5, "support_need": 2}
    entry = AuditEntry.objects.get(action="review_submit")
    assert (entry.actor, entry.object_id, entry.changes["score"]) == (lurah, str(schedule.public_id), 81.2)
    again = client.post(schedule.get_absolute_url(), GOOD | {"comments": "Kedua kali"})
    assert again.status_code == 400
    assert "sudah dikirim dan tidak dapat diubah" in again.content.decode()
    assert Review.objects.count() == 1
    assert "Menyesuaikan diri dengan baik." in client.get(schedule.get_absolute_url()).content.decode()


def test_a_late_review_can_be_submitted_a_future_one_not_yet(newcomer: Move, lurah: User) -> None:
    late = review_submit(actor=lurah, schedule=_schedule(newcomer, "bulan_1"), answers=GOOD, comments="ok")
    assert late.pk is not None
    with pytest.raises(ApplicationError, match="baru dapat diisi mulai"):
        review_submit(actor=lurah, schedule=_schedule(newcomer, "bulan_6"), answers=GOOD, comments="ok")


def test_nobody_reviews_themselves(newcomer: Move, lurah: User) -> None:
    Employee.objects.filter(pk=newcomer.employee_id).update(user=lurah)
    with pytest.raises(ApplicationError, match="diri sendiri"):
        review_submit(actor=lurah, schedule=_schedule(newcomer, "bulan_3"), answers=GOOD, comments="ok")


def test_low_answers_and_an_skp_decline_flag_the_newcomer(newcomer: Move, lurah: User) -> None:
    year = newcomer.tmt.year  # type: ignore[union-attr]
    PerformanceRecord.objects.create(employee_id=newcomer.employee_id, year=year - 1, predikat="Baik")
    PerformanceRecord.objects.create(employee_id=newcomer.employee_id, year=year, predikat="Butuh Perbaikan")
    first = review_submit(actor=lurah, schedule=_schedule(newcomer, "bulan_1"), answers=GOOD, comments="ok")
    answers = {"adaptation": "3", "task_mastery": "2", "cooperation": "3", "support_need": "4"}
    review = review_submit(
        actor=lurah, schedule=_schedule(newcomer, "bulan_3"), answers=answers, comments="sulit"
    )
    codes = [w["code"] for w in review.warnings]
    assert codes == ["skor_rendah", "rendah_task_mastery", "perlu_dukungan", "skor_turun", "skp_turun"]
    assert review.needs_support
    assert "skp_turun" in [w["code"] for w in Review.objects.get(pk=first.pk).warnings]
    page = _client(lurah).get(review.schedule.get_absolute_url()).content.decode()
    assert f"Predikat SKP turun dari Baik ({year - 1}) ke Butuh Perbaikan ({year})." in page


def test_overview_block_counts_and_lists(newcomer: Move, lurah: User) -> None:
    context = overview_reviews(viewer=lurah)
    counts = context["review_counts"]
    assert (counts.due, counts.overdue, counts.scheduled, counts.done, counts.open) == (1, 1, 1, 0, 2)
    html = render_to_string("evaluation/_overview_reviews.html", context)
    assert "Tinjauan 3 bulan" in html
    assert "Tinjauan 1 bulan" in html


def test_review_list_query_count_is_flat(
    newcomer: Move, lurah: User, django_assert_max_num_queries: Any
) -> None:
    client = _client(lurah)
    url = reverse("evaluation:review_list") + "?status="
    client.get(url)  # warm the session and the scope

    def extra(count: int) -> None:
        ReviewSchedule.objects.bulk_create(
            ReviewSchedule(move=newcomer, employee_id=newcomer.employee_id, unit=world_unit(newcomer),
                           kind=f"x{count}-{i}", label="Tinjauan tambahan", due_on=today())
            for i in range(count)
        )  # fmt: skip

    extra(2)
    with django_assert_max_num_queries(14) as few:
        assert client.get(url).status_code == 200
    extra(22)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.count(b'data-testid="review-status"') == 25  # one page


def world_unit(move: Move) -> Any:
    return move.target_seat.position.unit


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="perlu PostgreSQL (penguncian baris nyata)")
def test_concurrent_submits_make_one_review(newcomer: Move, lurah: User) -> None:
    schedule = _schedule(newcomer, "bulan_3")
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def submit() -> None:
        try:
            barrier.wait()
            review_submit(actor=User.objects.get(pk=lurah.pk), schedule=schedule, answers=GOOD, comments="ok")
            outcomes.append("ok")
        except ApplicationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused", "refused", "refused"]
    assert Review.objects.filter(schedule=schedule).count() == 1


def test_an_skp_decline_is_flagged_without_a_review(newcomer: Move, lurah: User) -> None:
    year = newcomer.tmt.year  # type: ignore[union-attr]
    PerformanceRecord.objects.create(employee_id=newcomer.employee_id, year=year - 1, predikat="Sangat Baik")
    PerformanceRecord.objects.create(employee_id=newcomer.employee_id, year=year, predikat="Baik")
    [decline] = skp_declines(viewer=lurah)
    assert decline.move == newcomer
    assert (
        decline.sentence
        == f"Predikat SKP turun dari Sangat Baik ({year - 1}) ke Baik ({year}) setelah mutasi."
    )
    page = _client(lurah).get(reverse("evaluation:review_list")).content.decode()
    assert decline.sentence in page
    assert not Review.objects.exists()


def test_one_batch_taking_two_experienced_people_from_a_unit_is_a_continuity_risk(world: World) -> None:
    gov = world.gov
    second = seat_employee(
        PositionFactory.create(unit=gov.kecamatan), dt.date(2018, 1, 1), name="Dodi Kecamatan"
    )
    proposal = world.propose(gov.staff_kecamatan, second)
    for move in proposal.moves.all():
        walk(world, move, State.SK_TERBIT)
    with committed():
        apply_due_tmt(on=today())
    [risk] = unit_continuity_risks(viewer=world.cast.analyst)
    assert (risk.unit, risk.experienced) == (gov.kecamatan.name, ("Ani Kecamatan", "Dodi Kecamatan"))
    assert unit_continuity_risks(viewer=world.cast.camat) == [risk]  # the origin unit's head sees it
    html = render_to_string("evaluation/_overview_reviews.html", overview_reviews(viewer=world.cast.analyst))
    assert "Risiko kesinambungan: Kecamatan Banyumanik kehilangan 2 pegawai berpengalaman" in html


def test_a_second_move_lets_the_open_reviews_of_the_first_lapse(
    newcomer: Move, lurah: User, world: World
) -> None:
    review_submit(actor=lurah, schedule=_schedule(newcomer, "bulan_1"), answers=GOOD, comments="ok")
    Move.objects.filter(pk=newcomer.pk).update(status=State.SELESAI)
    # Two years on (R1: at least 24 months in post before the next move).
    long_ago = today() - dt.timedelta(days=800)
    Employee.objects.filter(pk=newcomer.employee_id).update(position_since=long_ago)
    PositionHistory.objects.filter(employee_id=newcomer.employee_id, end__isnull=True).update(start=long_ago)
    [again] = world.propose(world.gov.staff_kecamatan).moves.all()
    again = walk(world, again, State.SK_TERBIT)
    with committed():
        apply_due_tmt(on=today())
    assert sorted(ReviewSchedule.objects.filter(move=newcomer).values_list("kind", flat=True)) == ["bulan_1"]
    assert ReviewSchedule.objects.filter(move=again).count() == 3
    entry = AuditEntry.objects.get(action="review_schedules_create", object_id=str(again.public_id))
    assert entry.changes["superseded"] == 2


def test_the_bkpp_filters_reviews_by_the_new_unit(newcomer: Move, world: World) -> None:
    client = _client(world.cast.analyst)
    url = reverse("evaluation:review_list")
    kelurahan = client.get(url, {"unit": str(world.gov.kelurahan.public_id)}).content
    assert kelurahan.count(b'data-testid="review-status"') == 3
    dinas = client.get(url, {"unit": str(world.gov.dinas.public_id)}).content
    assert dinas.count(b'data-testid="review-status"') == 0
