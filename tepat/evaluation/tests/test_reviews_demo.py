"""The demo makes journey 6 true and stays idempotent: lurah.ngesrep has the newcomer's 3-month review due,
the camat's newcomers are reviewed (one needs support), and a second seed writes nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.engine.reviews import ReviewStatus
from tepat.engine.workflow import State
from tepat.evaluation.models import Review, ReviewSchedule
from tepat.evaluation.selectors.reviews import FILTER_OPEN, FILTER_SUPPORT, review_rows, review_schedules
from tepat.transfers.models import Move

pytestmark = pytest.mark.django_db


def test_demo_newcomers_and_reviews(settings: object) -> None:
    settings.TEPAT_DEMO = True  # type: ignore[attr-defined]
    call_command("seed_demo", verbosity=0)
    lurah = User.objects.get(username="lurah.ngesrep")
    [due] = review_rows(review_schedules(viewer=lurah, status=FILTER_OPEN))
    assert (due.schedule.kind, due.status, due.schedule.unit.name) == (
        "bulan_3",
        ReviewStatus.DUE,
        "Kelurahan Ngesrep",
    )
    assert due.schedule.move.status == State.BERLAKU
    assert due.schedule.employee.position_since == due.schedule.move.tmt
    history = due.schedule.employee.position_history.order_by("-start")[:2]
    assert [h.unit_name for h in history] == ["Kelurahan Ngesrep", "Kelurahan Tinjomoyo"]
    assert (today() - due.schedule.move.tmt).days == 85  # type: ignore[operator]

    camat = User.objects.get(username="camat.banyumanik")
    [support] = review_schedules(viewer=camat, status=FILTER_SUPPORT)
    assert support.unit.name == "Kelurahan Gedawang"
    assert "rendah_task_mastery" in [w["code"] for w in support.review.warnings]
    assert not review_schedules(viewer=User.objects.get(username="kadinkes"), status="").exists()

    counts = (Move.objects.count(), ReviewSchedule.objects.count(), Review.objects.count())
    assert counts[1:] == (9, 6)
    call_command("seed_demo", verbosity=0)
    assert (Move.objects.count(), ReviewSchedule.objects.count(), Review.objects.count()) == counts
