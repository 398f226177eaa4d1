"""Shared fixtures: a small government (two subtrees), users per role, logged-in clients."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.test import Client

from tepat.accounts.models import User
from tepat.accounts.tests.factories import RoleGrantFactory, UserFactory
from tepat.organization.models import Position, Unit, UnitKind
from tepat.organization.tests.factories import PositionFactory, SeatFactory, UnitFactory
from tepat.people.models import Employee, PositionHistory
from tepat.people.tests.factories import EmployeeFactory


@dataclass
class SmallGovernment:
    root: Unit
    kecamatan: Unit
    kelurahan: Unit
    dinas: Unit
    kasi: Position
    staff_kecamatan: Employee
    staff_kelurahan: Employee
    staff_dinas: Employee


def seat_employee(position: Position, since: dt.date, **fields: object) -> Employee:
    seat = SeatFactory.create(position=position, number=position.seats.count() + 1)
    employee = EmployeeFactory.create(unit=position.unit, seat=seat, position_since=since, **fields)
    PositionHistory.objects.create(
        employee=employee,
        position=position,
        seat=seat,
        unit=position.unit,
        position_name=position.name,
        unit_name=position.unit.name,
        start=since,
    )
    return employee


@pytest.fixture
def gov(db: None) -> SmallGovernment:
    root = UnitFactory.create(code="3374", name="Pemerintah Kota Semarang", kind=UnitKind.PEMERINTAH)
    kecamatan = UnitFactory.create(
        code="KEC-BNY", name="Kecamatan Banyumanik", kind=UnitKind.KECAMATAN, parent=root
    )
    kelurahan = UnitFactory.create(
        code="KEL-NGS", name="Kelurahan Ngesrep", kind=UnitKind.KELURAHAN, parent=kecamatan
    )
    dinas = UnitFactory.create(code="DINKES", name="Dinas Kesehatan", kind=UnitKind.DINAS, parent=root)
    kasi = PositionFactory.create(unit=kelurahan, name="Kasi Pemerintahan", kind="pengawas")
    return SmallGovernment(
        root=root,
        kecamatan=kecamatan,
        kelurahan=kelurahan,
        dinas=dinas,
        kasi=kasi,
        staff_kecamatan=seat_employee(
            PositionFactory.create(unit=kecamatan), dt.date(2019, 1, 1), name="Ani Kecamatan"
        ),
        staff_kelurahan=seat_employee(kasi, dt.date(2024, 3, 1), name="Budi Kelurahan"),
        staff_dinas=seat_employee(
            PositionFactory.create(unit=dinas), dt.date(2018, 5, 1), name="Citra Dinkes"
        ),
    )


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(role: str, unit: Unit | None = None, username: str | None = None) -> User:
        user = UserFactory.create(username=username or f"{role}-{unit.code if unit else 'all'}")
        RoleGrantFactory.create(user=user, role=role, unit=unit)
        return user

    return make


@pytest.fixture
def client_as(make_user: Callable[..., User]) -> Callable[..., Client]:
    def login(role: str, unit: Unit | None = None) -> Client:
        client = Client()
        client.force_login(make_user(role, unit))
        return client

    return login


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A plain `pytest` on the SQLite default skips (with the reason) what needs PostgreSQL; `make test` deselects
    those tests on SQLite by marker and runs every one of them on its PostgreSQL server."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(
        reason="perlu PostgreSQL: jalankan lewat scripts/with-postgres.sh (make test-postgres)"
    )
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)
