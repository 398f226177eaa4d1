"""Staff fit computed in arrays equals the rules evaluated holder by holder (old path: one CandidateFacts per
holder, `jpm_matrix` per holder), and the page builds only the rows it shows."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from conftest import SmallGovernment, seat_employee
from tepat.core.rules import load_rule_book
from tepat.engine.jpm import CapMode, jpm_matrix
from tepat.engine.reference import EmploymentStatus, PositionKind
from tepat.engine.roles import Role
from tepat.engine.rules import CandidateFacts, Education, TargetFacts
from tepat.engine.rules.career import education_field, jpm_threshold
from tepat.organization.models import Competency, EducationField, PositionCompetency, Seat
from tepat.organization.tests.factories import PositionFactory
from tepat.people.models import CompetencyAssessment
from tepat.planning.needs.fit import StaffFit, StaffRows, staff_fit

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 15)


def mixed_staff(gov: SmallGovernment) -> None:
    """Holders with exact, same-rumpun, foreign and missing fields; posts with and without a standard;
    repeated assessments (the latest counts) and unassessed competencies."""
    admin = EducationField.objects.create(code="ADMP", name="Administrasi Publik", rumpun="Sosial")
    law = EducationField.objects.create(code="HKM", name="Hukum", rumpun="Sosial")
    nurse = EducationField.objects.create(code="KEP", name="Keperawatan", rumpun="Kesehatan")
    skills = [
        Competency.objects.create(code=f"K{i}", name=f"Kompetensi {i}", group="teknis") for i in range(4)
    ]
    for i in range(12):
        post = PositionFactory.create(unit=gov.kelurahan if i % 2 else gov.dinas, name=f"Jabatan {i % 5}")
        if i % 3:
            post.education_fields.add(admin)
        for k, skill in enumerate(skills[: 1 + i % 4]):
            PositionCompetency.objects.create(position=post, competency=skill, level=1 + (i + k) % 5)
        for j, field in enumerate((admin, law, nurse, None)):
            person = seat_employee(post, dt.date(2020, 1, 1), name=f"P{i}-{j}", education_field=field)
            for k, skill in enumerate(skills[: (i + j) % 5]):
                CompetencyAssessment.objects.create(
                    employee=person,
                    competency=skill,
                    level=1 + (i * j + k) % 5,
                    assessed_on=dt.date(2024, 1, 1),
                )
                if (i + k) % 3 == 0:  # a later assessment replaces it
                    CompetencyAssessment.objects.create(
                        employee=person,
                        competency=skill,
                        level=1 + (i + j * k) % 5,
                        assessed_on=dt.date(2025, 3, 1),
                    )


def holder_by_holder(on: dt.date) -> dict[int, tuple]:
    """The reference: R4.rumpun, JPM and R4.jpm for each holder from model instances, one at a time."""
    book = load_rule_book()
    cap = CapMode(book.resolve("R4.jpm", "jpm_cap_mode", on).value)
    expected = {}
    for seat in Seat.objects.filter(is_active=True, occupant__isnull=False).select_related(
        "position", "occupant"
    ):
        person, post = seat.occupant, seat.position
        field = person.education_field
        accepted = list(post.education_fields.all())
        standard = {pc.competency_id: pc.level for pc in PositionCompetency.objects.filter(position=post)}
        latest = {}
        for a in CompetencyAssessment.objects.filter(employee=person).order_by("assessed_on"):
            latest[a.competency_id] = a.level
        codes = sorted(standard)
        jpm = jpm_matrix(
            np.array([[latest.get(c, np.nan) for c in codes]]).reshape(1, len(codes)),
            np.array([[standard[c] for c in codes]], dtype=float).reshape(1, len(codes)),
            cap,
        ).jpm[0, 0]
        score = None if np.isnan(jpm) else float(jpm)
        education = Education(
            person.education_level or "SMA", str(field.pk) if field else None, field.name if field else "",
            field.rumpun if field else None, field.rumpun if field else "",
        )  # fmt: skip
        candidate = CandidateFacts(
            str(person.pk), EmploymentStatus(person.status), None, None, educations=(education,)
        )
        target = TargetFacts(
            str(post.pk), post.name, "", PositionKind(post.kind),
            accepted_field_ids=frozenset(str(f.pk) for f in accepted),
            accepted_rumpun_ids=frozenset(f.rumpun for f in accepted),
            field_requirement_label=" / ".join(f.name for f in accepted), jpm=score,
        )  # fmt: skip
        expected[person.pk] = (
            education_field(candidate, target, on, book).message,
            education_field(candidate, target, on, book).outcome,
            score,
            jpm_threshold(candidate, target, on, book).message,
        )
    return expected


def test_staff_fit_equals_the_rules_holder_by_holder(gov: SmallGovernment, make_user) -> None:
    mixed_staff(gov)
    report = staff_fit(viewer=make_user(Role.ANALYST), on=ON, named=False)
    expected = holder_by_holder(ON)
    got = {
        s.employee_id: (s.education.message, s.education.outcome, s.jpm, s.competency.message)
        for s in report.staff
    }
    assert got == expected
    assert len(report.staff) == len(expected) >= 48
    assert {s.employee_id for s in report.mismatches} == {s.employee_id for s in report.staff if s.mismatch}
    staff = sum(row.staff for row in report.rows)
    assert staff == len(expected)  # the top-level rows split the city's holders
    assert sum(r.education_bad for r in report.rows) == sum(v[1] == "fail" for v in expected.values())


def test_the_page_builds_only_the_rows_it_shows(gov: SmallGovernment, make_user) -> None:
    mixed_staff(gov)
    report = staff_fit(viewer=make_user(Role.ANALYST), on=ON, named=False)
    assert isinstance(report.staff, StaffRows)
    built: list[int] = []
    original = report.staff._build

    def counting(row: int) -> StaffFit:
        built.append(row)
        return original(row)

    report.staff._build = counting
    page = report.staff.mismatches()[:5]
    assert len(page) == len(built) == 5
    assert all(s.mismatch for s in page)
    assert report.staff[3] == list(report.staff)[3]
