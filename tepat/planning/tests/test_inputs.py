"""Database rows become engine inputs: rule facts for one move and fit arrays for many, in constant queries."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import SmallGovernment, seat_employee
from tepat.engine.rules import Outcome
from tepat.organization.models import PositionCompetency
from tepat.organization.tests.factories import (
    CompetencyFactory,
    EducationFieldFactory,
    PositionFactory,
    SeatFactory,
)
from tepat.people.models import CompetencyAssessment, EducationHistory, FamilyRelation, PerformanceRecord
from tepat.planning.inputs import build_fit_context, eligibility_for

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 27)


def test_a_short_tenure_fails_r1_with_the_legal_basis(gov: SmallGovernment) -> None:
    seat = SeatFactory.create(position=gov.kasi, number=5)
    gov.staff_dinas.position_since = dt.date(2025, 9, 1)
    gov.staff_dinas.save(update_fields=["position_since"])
    result = eligibility_for(employee=gov.staff_dinas, seat=seat, on=ON).result("R1")
    assert result.outcome is Outcome.FAIL
    assert "14 bulan" in result.message
    assert "Pasal 190 ayat (3)" in result.legal_basis


def test_a_relative_heading_the_target_unit_is_a_conflict_of_interest(gov: SmallGovernment) -> None:
    head_position = PositionFactory.create(unit=gov.kelurahan, name="Lurah", is_head=True, kind="pengawas")
    lurah = seat_employee(head_position, dt.date(2020, 1, 1), name="Lurah Saudara")
    FamilyRelation.objects.create(employee=gov.staff_dinas, relative=lurah, kind="saudara", declared_on=ON)
    seat = SeatFactory.create(position=gov.kasi, number=5)
    result = eligibility_for(employee=gov.staff_dinas, seat=seat, on=ON).result("R3.relasi")
    assert result.outcome is Outcome.FAIL
    assert "Lurah Saudara" in result.message or "Kelurahan Ngesrep" in result.message


def test_fit_arrays_take_the_latest_assessment_and_recent_skp(gov: SmallGovernment) -> None:
    competency = CompetencyFactory.create(code="M1")
    PositionCompetency.objects.create(position=gov.kasi, competency=competency, level=3)
    employee = gov.staff_dinas
    CompetencyAssessment.objects.create(
        employee=employee, competency=competency, level=2, assessed_on=dt.date(2022, 1, 1)
    )
    CompetencyAssessment.objects.create(
        employee=employee, competency=competency, level=4, assessed_on=dt.date(2025, 1, 1)
    )
    PerformanceRecord.objects.create(employee=employee, year=2025, predikat="Sangat Baik")
    field = EducationFieldFactory.create(name="Ilmu Pemerintahan", rumpun="Sosial Politik")
    EducationHistory.objects.create(employee=employee, level="S1", field=field, year=2008)
    gov.kasi.education_fields.add(field)

    context = build_fit_context(position_ids=[gov.kasi.pk], on=ON)
    row = context.employee_row(employee.pk)
    column = context.competency_codes.index("M1")
    assert context.inputs.achieved[row, column] == 4
    assert context.inputs.required[0, column] == 3
    assert context.inputs.predikat[row, 0] == 5  # Sangat Baik, most recent year first
    assert np.isnan(context.inputs.predikat[row, 1])
    assert context.inputs.accepted_fields[0, context.inputs.employee_fields[row, 0]]


def test_building_fit_arrays_runs_a_constant_number_of_queries(gov: SmallGovernment) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            build_fit_context(position_ids=[gov.kasi.pk], on=ON)
        return len(ctx.captured_queries)

    before = count()
    for i in range(30):
        seat_employee(PositionFactory.create(unit=gov.dinas), dt.date(2019, 1, 1), name=f"Tambahan {i}")
    assert count() == before
