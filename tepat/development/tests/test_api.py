"""`/api/v1/development-plans`: scoped like the pages (404 outside, employee self only), JP figures, query pin."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import seat_employee
from tepat.core.scoping import today
from tepat.development.services.plans import plan_create
from tepat.development.tests.conftest import Dev
from tepat.organization.tests.factories import PositionFactory

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail_url(dev: Dev) -> str:
    return reverse("api:development_plan_detail", kwargs={"id": dev.plan.public_id})


def test_the_list_is_scoped_and_carries_jp(dev: Dev) -> None:
    body = login(dev.lurah).get(reverse("api:development_plan_list")).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["employee"]["nip"] == dev.budi.nip
    assert row["jp_this_year"]["target"] == 20
    assert row["items_total"] == 2
    assert login(dev.head_dinas).get(reverse("api:development_plan_list")).json()["count"] == 0


def test_detail_answers_404_outside_scope_and_the_employee_sees_only_self(dev: Dev) -> None:
    own = login(dev.budi_user).get(detail_url(dev))
    assert own.status_code == 200
    assert [i["competency"] for i in own.json()["items"]] == ["M8", "T-PEM"]
    assert own.json()["gaps"][0]["standard"] == 3
    assert login(dev.other_employee).get(detail_url(dev)).status_code == 404
    assert login(dev.head_dinas).get(detail_url(dev)).status_code == 404


def test_a_bad_filter_names_the_field(dev: Dev) -> None:
    response = login(dev.analyst).get(reverse("api:development_plan_list"), {"status": "entah"})
    assert response.status_code == 400
    assert response.json()["field"] == "status"


def test_list_queries_do_not_grow_with_rows(dev: Dev) -> None:
    client = login(dev.analyst)

    def count() -> int:
        client.get(reverse("api:development_plan_list"))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("api:development_plan_list")).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(20):
        employee = seat_employee(
            PositionFactory.create(unit=dev.gov.dinas), dt.date(2020, 1, 1), name=f"X{i}"
        )
        plan_create(actor=dev.admin, employee=employee, start=today(), reason="uji")
    assert count() == small
