"""Exactly one training record when two people confirm the same item at once (real row locks, PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from tepat.core.scoping import today
from tepat.development.models import PlanItem
from tepat.development.services.items import Completion, item_complete
from tepat.development.tests.conftest import Dev
from tepat.engine.errors import ApplicationError
from tepat.people.models import TrainingRecord
from tepat.transfers.tests.test_concurrency import race

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="perlu PostgreSQL (penguncian baris nyata)"),
]


def test_two_confirmations_at_once_write_one_training_record(dev: Dev) -> None:
    item = PlanItem.objects.get(plan=dev.plan, competency__code="T-PEM")
    end = today() - dt.timedelta(days=1)
    actors = [dev.admin, dev.lurah, dev.admin, dev.lurah]

    def confirm(index: int) -> PlanItem:
        return item_complete(actor=actors[index], item=item, done=Completion(end, end, Decimal(16)))

    results, errors = race(len(actors), confirm)
    assert len(results) == 1
    assert all(isinstance(error, ApplicationError) for error in errors)
    assert TrainingRecord.objects.filter(employee=dev.budi, title=item.activity).count() == 1
