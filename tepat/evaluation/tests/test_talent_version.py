"""The talent data version (migration 0003's triggers, selectors/talent_version.py): every write to a source of
the talent map gives a new token, the map reads kept placements at an unchanged token, and the page after an
in-place write (no updated_at anywhere) shows the new box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import SmallGovernment, seat_employee
from tepat.accounts.models import User
from tepat.engine.roles import Role
from tepat.evaluation.selectors.talent import talent_map
from tepat.evaluation.selectors.talent_version import talent_version
from tepat.evaluation.tests.test_talent_db import _assess, _counts, _standard
from tepat.organization.models import Competency, PositionCompetency, Seat
from tepat.organization.tests.factories import CompetencyFactory, PositionFactory
from tepat.people.models import CompetencyAssessment, Employee, PerformanceRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def competencies(gov: SmallGovernment) -> list[Competency]:
    made = [CompetencyFactory.create() for _ in range(2)]
    _standard(gov.staff_kelurahan.seat.position, made)  # type: ignore[union-attr]
    _assess(gov.staff_kelurahan, made, 4.0, dt.date(2025, 1, 1))
    PerformanceRecord.objects.create(employee=gov.staff_kelurahan, year=2025, predikat="Sangat Baik")
    return made


def _writes(gov: SmallGovernment, competencies: list[Competency]) -> dict[str, Callable[[], Any]]:
    staff = gov.staff_kelurahan
    seat = Seat.objects.filter(occupant=staff)
    return {
        "employee update": lambda: Employee.objects.filter(pk=staff.pk).update(is_active=False),
        "employee insert": lambda: seat_employee(PositionFactory.create(unit=gov.dinas), dt.date(2020, 1, 1)),
        "seat update": lambda: seat.update(position=PositionFactory.create(unit=gov.kelurahan)),
        "SKP update": lambda: PerformanceRecord.objects.filter(employee=staff).update(predikat="Baik"),
        "SKP delete": lambda: PerformanceRecord.objects.filter(employee=staff).delete(),
        "assessment update": lambda: CompetencyAssessment.objects.filter(employee=staff).update(level=1),
        "assessment insert": lambda: _assess(staff, competencies[:1], 3.0, dt.date(2026, 1, 1)),
        "standard update": lambda: PositionCompetency.objects.update(level=5),
        "standard delete": lambda: PositionCompetency.objects.all().delete(),
    }


WRITES = ("employee update", "employee insert", "seat update", "SKP update", "SKP delete",
          "assessment update", "assessment insert", "standard update", "standard delete")  # fmt: skip


@pytest.mark.parametrize("write", WRITES)
def test_every_write_to_a_source_changes_the_version(
    gov: SmallGovernment, competencies: list[Competency], write: str
) -> None:
    before = talent_version()
    assert before
    _writes(gov, competencies)[write]()
    assert talent_version() not in (None, before)


def test_unrelated_writes_keep_the_version(gov: SmallGovernment, competencies: list[Competency]) -> None:
    before = talent_version()
    CompetencyFactory.create()
    assert talent_version() == before


def test_same_version_reads_kept_placements_and_a_write_shows_at_once(
    gov: SmallGovernment, competencies: list[Competency], make_user: Callable[..., User]
) -> None:
    analyst = make_user(Role.ANALYST)
    assert _counts(analyst) == {9: 1, -1: 2}
    with CaptureQueriesContext(connection) as kept:
        talent_map(viewer=analyst)
    assert not [q for q in kept.captured_queries if "people_competencyassessment" in q["sql"]]
    PerformanceRecord.objects.filter(employee=gov.staff_kelurahan).update(predikat="Butuh Perbaikan")
    assert _counts(analyst) == {6: 1, -1: 2}  # high potential, low performance
    CompetencyAssessment.objects.filter(employee=gov.staff_kelurahan).update(level=2)
    assert _counts(analyst) == {1: 1, -1: 2}
