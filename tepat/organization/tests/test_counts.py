"""Unit tree and position list counts: active seats, occupied seats, active headcount, only-vacant filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.engine.roles import Role
from tepat.organization.selectors import PositionFilters, position_list, position_page_rows, unit_tree
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(gov: SmallGovernment) -> SmallGovernment:
    """The kasi: 4 seats (Budi, an inactive employee, one empty, one inactive empty); a full dinas post."""
    seat_employee(gov.kasi, dt.date(2020, 1, 1), name="Eka Pensiun", is_active=False)
    SeatFactory.create(position=gov.kasi, number=3)
    SeatFactory.create(position=gov.kasi, number=4, is_active=False)
    EmployeeFactory.create(unit=gov.kelurahan, seat=None, name="Fajar Tanpa Formasi")
    return gov


def test_position_counts_active_seats_and_their_occupants(staffed: SmallGovernment, make_user) -> None:
    rows: dict[str, Any] = {
        p.name: p for p in position_list(viewer=make_user(Role.ANALYST), filters=PositionFilters())
    }

    kasi = rows["Kasi Pemerintahan"]
    assert (kasi.seat_count, kasi.occupied_count) == (3, 2)  # an inactive employee still holds the seat
    assert all((p.seat_count, p.occupied_count) == (1, 1) for name, p in rows.items() if name != kasi.name)


def test_only_vacant_lists_positions_with_an_empty_active_seat(staffed: SmallGovernment, make_user) -> None:
    PositionFactory.create(unit=staffed.dinas, name="Tanpa Formasi")  # no seat at all: not vacant
    inactive_only = PositionFactory.create(unit=staffed.dinas, name="Formasi Nonaktif")
    SeatFactory.create(position=inactive_only, number=1, is_active=False)
    viewer = make_user(Role.ANALYST)

    vacant = position_list(viewer=viewer, filters=PositionFilters(only_vacant=True))

    assert [p.name for p in vacant] == ["Kasi Pemerintahan"]
    page_rows = position_page_rows(viewer=viewer, filters=PositionFilters(only_vacant=True))
    assert list(page_rows) == list(vacant)  # the page's query form reads the same rows
    everyone: list[Any] = list(position_list(viewer=viewer, filters=PositionFilters()))
    assert {p.name for p in everyone if p.seat_count > p.occupied_count} == {"Kasi Pemerintahan"}


def test_unit_tree_counts_active_employees_and_active_seats(staffed: SmallGovernment, make_user) -> None:
    units: dict[str, Any] = {u.name: u for u in unit_tree(viewer=make_user(Role.ANALYST))}

    assert (units["Pemerintah Kota Semarang"].headcount, units["Pemerintah Kota Semarang"].seat_count) == (
        0,
        0,
    )
    kelurahan = units["Kelurahan Ngesrep"]
    assert (kelurahan.headcount, kelurahan.seat_count) == (2, 3)  # Budi and Fajar; seats 1-3 of the kasi
    assert (units["Kecamatan Banyumanik"].headcount, units["Kecamatan Banyumanik"].seat_count) == (1, 1)


def test_position_page_shows_the_count_and_the_rows(staffed: SmallGovernment, client_as) -> None:
    response = client_as(Role.ANALYST).get(reverse("organization:position_list"), {"only_vacant": "on"})

    page = response.context["page_obj"]
    assert page.paginator.count == 1
    assert [p.name for p in page.object_list] == ["Kasi Pemerintahan"]
    assert "lowong" in response.content.decode()
