"""Pinned query counts on API lists: the same number with 20 and with 200 rows (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import SmallGovernment, seat_employee
from tepat.engine.roles import Role
from tepat.organization.tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _grow(gov: SmallGovernment, total: int) -> None:
    import datetime as dt

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
