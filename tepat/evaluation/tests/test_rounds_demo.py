"""The demo's last mutation round (JOURNEYS.md §6): a positive effect with a sensible interval, and 1–3 moves that
need support; the camat sees Banyumanik's movers only; writing it twice changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.demo.banyumanik import seed_demo
from tepat.demo.evaluation import DemoRound, demo_evaluation_ensure
from tepat.demo.reviews import demo_reviews_ensure
from tepat.evaluation.models import EvaluationRun
from tepat.transfers.models import Move

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[DemoRound]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        seed_demo(with_accounts=True)
        demo_reviews_ensure()
        written = demo_evaluation_ensure()
        assert written is not None
        yield written
        transaction.set_rollback(True)


def test_last_years_round_shows_a_positive_effect_with_its_interval(demo: DemoRound) -> None:
    assert demo.year == today().year - 1
    run = demo.run
    assert run is not None
    assert run.effect is not None
    assert run.ci_low is not None
    assert run.ci_high is not None
    assert 0 < run.ci_low < run.effect < run.ci_high < 15
    assert run.movers >= 15
    assert run.comparisons >= run.movers
    assert 1 <= run.needs_support <= 3
    units = {u["label"]: u for u in run.result["by_unit"]}
    assert units["Kecamatan Banyumanik"]["movers"] >= 5
    assert units["Dinas Kesehatan"]["movers"] >= 5
    batches = [b["label"] for b in run.result["by_batch"]]
    assert batches == [f"Mutasi Rotasi {demo.year}-I"]
    assert Move.objects.filter(proposal__title=batches[0], tmt__year=demo.year).count() == demo.movers


def test_writing_the_round_again_changes_nothing(demo: DemoRound) -> None:
    runs = EvaluationRun.objects.count()
    assert demo_evaluation_ensure() is None
    assert EvaluationRun.objects.count() == runs


def test_the_camat_sees_banyumanik_movers_only(demo: DemoRound) -> None:
    assert demo.run is not None
    client = Client()
    client.force_login(User.objects.get(username="camat.banyumanik"))
    page = client.get(reverse("evaluation:round_detail", kwargs={"public_id": demo.run.public_id}))
    text = page.content.decode()
    assert page.status_code == 200
    assert "cakupan Anda" in text
    assert "Puskesmas" not in text.split('data-testid="round-movers"')[1]
