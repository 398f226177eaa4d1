"""One Banyumanik demo per test module: seeded inside a transaction that is rolled back afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from tepat.demo.banyumanik import DemoReport, seed_demo
from tepat.demo.builder import BuildResult
from tepat.demo.city import seed_city


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[DemoReport]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        report = seed_demo(with_accounts=True)
        yield report
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def city(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[BuildResult]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        result = seed_city(employees=300, seed=7)
        yield result
        transaction.set_rollback(True)
