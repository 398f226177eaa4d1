"""Data completeness (Kelengkapan Data): the counts, the rows, and one aggregate for all the counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.engine.roles import Role
from tepat.organization.models import Competency
from tepat.organization.tests.factories import PositionFactory
from tepat.people.models import CompetencyAssessment, EducationHistory, Employee, PerformanceRecord
from tepat.people.selectors import completeness_counts, incomplete_employees

pytestmark = pytest.mark.django_db
YEAR = 2025


def complete(
    employee: Employee, *, assessment: bool = True, skp: bool = True, education: bool = True
) -> None:
    if assessment:
        competency, _ = Competency.objects.get_or_create(code="K-01", defaults={"name": "Integritas"})
        CompetencyAssessment.objects.create(
            employee=employee, competency=competency, level=3, assessed_on=dt.date(2024, 5, 1)
        )
    if skp:
        PerformanceRecord.objects.create(employee=employee, year=YEAR, predikat="Baik")
    if education:
        EducationHistory.objects.create(employee=employee, level="S1", year=2010)


def test_counts_and_rows_agree(gov: SmallGovernment, make_user) -> None:
    complete(gov.staff_kecamatan)  # complete: not listed
    complete(gov.staff_kelurahan, assessment=False)
    complete(gov.staff_dinas, skp=False, education=False)
    old_skp = seat_employee(PositionFactory.create(unit=gov.dinas), dt.date(2020, 1, 1), name="Dewi Lama")
    complete(old_skp, skp=False)
    PerformanceRecord.objects.create(employee=old_skp, year=YEAR - 1, predikat="Baik")  # not this year's
    analyst = make_user(Role.ANALYST)

    counts = completeness_counts(viewer=analyst, year=YEAR)
    rows = list(incomplete_employees(viewer=analyst, year=YEAR))

    assert (counts.total, counts.without_assessment, counts.without_recent_skp) == (4, 1, 2)
    assert (counts.without_education, counts.incomplete) == (1, 3)
    assert {e.name for e in rows} == {"Budi Kelurahan", "Citra Dinkes", "Dewi Lama"}
    assert counts.incomplete == len(rows)


def test_unit_head_counts_only_their_subtree(gov: SmallGovernment, make_user) -> None:
    complete(gov.staff_kecamatan, education=False)
    head = make_user(Role.UNIT_HEAD, gov.kecamatan)

    counts = completeness_counts(viewer=head, year=YEAR)

    assert (counts.total, counts.without_assessment, counts.without_education) == (2, 1, 2)


def test_page_counts_once_and_pages_by_the_aggregate(gov: SmallGovernment, client_as) -> None:
    for i in range(55):
        seat_employee(PositionFactory.create(unit=gov.dinas), dt.date(2020, 1, 1), name=f"Pegawai {i:02d}")
    client = client_as(Role.ANALYST)
    url = reverse("core:completeness")
    client.get(url)  # the first request of a session also writes the session
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page": 2})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 58
    assert len(response.context["page_obj"].object_list) == 8
    employee_scans = [q["sql"] for q in ctx.captured_queries if 'FROM "people_employee"' in q["sql"]]
    assert len(employee_scans) == 2, employee_scans  # the aggregate and the page, no COUNT(*) of the rows
