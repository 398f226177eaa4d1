"""The development demo on top of the Banyumanik demo and its newcomers: catalogue, plans, JP; idempotent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tepat.accounts.models import User
from tepat.demo.banyumanik import seed_demo
from tepat.demo.development import COURSES, demo_development_ensure
from tepat.demo.reviews import demo_reviews_ensure
from tepat.development.models import DevelopmentPlan, PlanItem, TrainingCourse

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[tuple[int, int, int]]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        seed_demo(with_accounts=True)
        demo_reviews_ensure()
        yield demo_development_ensure()
        transaction.set_rollback(True)


def test_the_catalogue_and_plans_are_there_and_a_second_run_adds_nothing(
    seeded: tuple[int, int, int],
) -> None:
    courses, plans, records = seeded
    assert courses == len(COURSES) >= 25
    assert TrainingCourse.objects.count() == len(COURSES)
    assert plans >= 1
    assert records >= 8
    assert demo_development_ensure() == (0, 0, 0)


def test_the_lurah_sees_the_newcomers_plan_with_progress(seeded: tuple[int, int, int]) -> None:
    client = Client()
    client.force_login(User.objects.get(username="lurah.ngesrep"))
    listing = client.get(reverse("development:plan_list")).content.decode()
    plan = DevelopmentPlan.objects.filter(employee__unit__code="KEL-BYM-NGESREP", move__isnull=False).first()
    assert plan is not None, "the newcomer of Kelurahan Ngesrep (tepat.demo.reviews) has no plan"
    assert plan.employee.full_name in listing
    assert plan.items.filter(status=PlanItem.Status.DONE).exists()
    activities = list(plan.items.filter(course__isnull=False).values_list("course__code", flat=True))
    assert len(activities) == len(set(activities))  # a course covering several gaps is planned once
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="jp-progress"' in page


def test_pegawai_demo_has_a_plan_and_jp_this_year(seeded: tuple[int, int, int]) -> None:
    client = Client()
    client.force_login(User.objects.get(username="pegawai.demo"))
    page = client.get(reverse("development:my_plan")).content.decode()
    assert "Belum ada rencana" not in page
    assert 'data-testid="jp-earned">6<' in page
    plan = DevelopmentPlan.objects.get(employee__user__username="pegawai.demo")
    assert plan.items.filter(status=PlanItem.Status.PLANNED).exists()
