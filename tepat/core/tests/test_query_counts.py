"""N+1 guard: every list page runs the same number of queries with 20 rows as with 200 (STYLE.md §12)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.engine.roles import Role
from tepat.organization.tests.factories import PositionFactory
from tepat.people.models import CompetencyAssessment, PerformanceRecord

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    ("people:employee_list", {}),
    ("people:employee_list", {"over_tenure": "on", "kind": "pelaksana"}),
    ("organization:position_list", {}),
    ("organization:unit_tree", {}),
    ("core:dashboard", {}),
    ("core:completeness", {}),
]


def grow(gov: SmallGovernment, rows: int) -> None:
    """Add `rows` employees, each with their own position, an SKP and an assessment-free record."""
    for i in range(rows):
        unit = gov.kelurahan if i % 2 else gov.dinas
        employee = seat_employee(
            PositionFactory.create(unit=unit), dt.date(2015, 1, 1), name=f"Tambahan {i:03d}"
        )
        PerformanceRecord.objects.create(employee=employee, year=2025, predikat="Baik")
    assert not CompetencyAssessment.objects.exists()


def count_queries(client: Client, name: str, params: dict[str, str]) -> int:
    client.get(reverse(name), params)  # warm up: the first request of a session also writes the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "params"), LIST_PAGES)
@pytest.mark.parametrize("role", [Role.ANALYST, Role.UNIT_HEAD])
def test_list_pages_run_a_constant_number_of_queries(
    gov: SmallGovernment, client_as, name, params, role
) -> None:
    client = client_as(role, gov.root if role == Role.UNIT_HEAD else None)
    grow(gov, 20)
    small = count_queries(client, name, params)
    grow(gov, 180)
    large = count_queries(client, name, params)
    assert small == large, f"{name}: {small} queries with 20 rows, {large} with 200"
