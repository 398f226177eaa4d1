"""Pinned query counts on API lists: the same number with 20 and with 200 rows (no N+1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import SmallGovernment, seat_employee
from tepat.engine.roles import Role
from tepat.organization.tests.factories import PositionFactory, SeatFactory

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(gov: SmallGovernment, total: int) -> None:
    while PositionFactory._meta.model.objects.count() < total:
        seat_employee(PositionFactory.create(unit=gov.kelurahan), dt.date(2020, 1, 1))


@pytest.mark.parametrize("url", ["/api/v1/employees", "/api/v1/positions", "/api/v1/units"])
def test_list_query_count_does_not_grow_with_rows(
    url: str, gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kecamatan)
    page = f"{url}?page_size=200"
    _grow(gov, 20)
    _queries(client, page)  # warm-up: connection set-up queries (PostgreSQL) are not the view's
    small = _queries(client, page)
    _grow(gov, 200)
    assert _queries(client, page) == small
    assert small <= 6  # session, user, grants, count, page (+ one prefetch)


def _grow_planning_and_transfers(gov: SmallGovernment, total: int, actor: Any) -> None:
    """`total` employees, each with a move in draf in its own proposal, and `total` scenarios."""
    from tepat.people.models import Employee
    from tepat.planning.models import Scenario
    from tepat.transfers.models import Move, Proposal

    _grow(gov, total)
    target = gov.kasi.seats.get(number=1)
    have = set(Move.objects.values_list("employee_id", flat=True))
    for employee in Employee.objects.exclude(pk__in=have).exclude(seat=target):
        proposal = Proposal.objects.create(title=f"Uji {employee.pk}", created_by=actor)
        Move.objects.create(
            proposal=proposal, employee=employee, target_seat=target, origin_unit=employee.unit, reason="uji"
        )
    for n in range(Scenario.objects.count(), total):
        Scenario.objects.create(name=f"Skenario {n}", on=dt.date(2026, 11, 27), created_by=actor)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/proposals",
        "/api/v1/moves",
        "/api/v1/scenarios",
        "/api/v1/needs/positions",
        "/api/v1/needs/units",
        "candidates",
    ],
)
def test_new_list_query_counts_do_not_grow_with_rows(
    url: str, gov: SmallGovernment, make_user: Callable
) -> None:
    user = make_user(Role.ANALYST)
    client = Client()
    client.force_login(user)
    grow = _grow_planning_and_transfers
    if url == "candidates":  # the ranking reads every employee: grow the people only
        url = f"/api/v1/seats/{SeatFactory.create(position=gov.kasi, number=9).public_id}/candidates"
        grow = lambda gov, total, actor: _grow(gov, total)  # noqa: E731
    page = f"{url}?page_size=200"
    grow(gov, 20, user)
    _queries(client, page)  # warm-up
    small = _queries(client, page)
    grow(gov, 200, user)
    _queries(client, page)  # a ranking of new inputs is stored once; the next call only reads it
    assert _queries(client, page) == small
