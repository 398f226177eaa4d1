"""A kelurahan employee (Budi) with a competency standard, assessments below it, a catalogue and the users
that act on his development plan; the transfers `world` fixture for the end-to-end handler test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import pytest

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.development.models import DevelopmentPlan, TrainingCourse
from tepat.development.services.plans import plan_create
from tepat.engine.roles import Role
from tepat.organization.models import Competency, Position, PositionCompetency
from tepat.people.models import CompetencyAssessment, Employee
from tepat.transfers.tests.conftest import _media, world  # noqa: F401  (fixtures re-exported)

COMPETENCIES = [
    ("M1", "Integritas", "manajerial"),
    ("M8", "Pengambilan Keputusan", "manajerial"),
    ("SK1", "Perekat Bangsa", "sosial_kultural"),
    ("T-PEM", "Penyelenggaraan Pemerintahan Umum", "teknis"),
]
STANDARD = {"M1": 3, "M8": 3, "SK1": 2, "T-PEM": 3}
BUDI_LEVELS: dict[str, float] = {"M1": 3, "M8": 1, "SK1": 2, "T-PEM": 2}  # gaps: M8 −2, T-PEM −1


def standard_ensure(position: Position) -> dict[str, Competency]:
    competencies = {
        code: Competency.objects.get_or_create(code=code, defaults={"name": name, "group": group})[0]
        for code, name, group in COMPETENCIES
    }
    for code, level in STANDARD.items():
        PositionCompetency.objects.get_or_create(
            position=position, competency=competencies[code], defaults={"level": level}
        )
    return competencies


def assess(employee: Employee, competencies: dict[str, Competency], levels: Mapping[str, float]) -> None:
    for code, level in levels.items():
        CompetencyAssessment.objects.create(
            employee=employee, competency=competencies[code], level=level, assessed_on=dt.date(2025, 6, 1)
        )


def catalogue_ensure(competencies: dict[str, Competency]) -> None:
    for code, name, route, method, jp, covers in [
        ("PKP", "Pelatihan Kepemimpinan Pengawas", "klasikal", "pelatihan", 40, ["M8"]),
        ("COACH", "Coaching oleh atasan langsung", "nonklasikal", "coaching", 8, ["M8", "M1"]),
        ("MAGANG-PEM", "Magang penyelenggaraan pemerintahan", "nonklasikal", "magang", 16, ["T-PEM"]),
    ]:
        course, _ = TrainingCourse.objects.get_or_create(
            code=code, defaults={"name": name, "route": route, "method": method, "jp": Decimal(jp)}
        )
        course.competencies.set([competencies[c] for c in covers])


@dataclass
class Dev:
    gov: SmallGovernment
    budi: Employee
    budi_user: User
    admin: User
    analyst: User
    lurah: User
    head_dinas: User
    other_employee: User
    auditor: User
    plan: DevelopmentPlan


@pytest.fixture
def dev(gov: SmallGovernment, make_user: Callable[..., User]) -> Dev:
    competencies = standard_ensure(gov.kasi)
    assess(gov.staff_kelurahan, competencies, BUDI_LEVELS)
    catalogue_ensure(competencies)
    budi_user = make_user(Role.EMPLOYEE, username="budi")
    Employee.objects.filter(pk=gov.staff_kelurahan.pk).update(user=budi_user)
    other = make_user(Role.EMPLOYEE, username="citra")
    Employee.objects.filter(pk=gov.staff_dinas.pk).update(user=other)
    admin = make_user(Role.HR_ADMIN, username="admin.bkpp")
    budi = Employee.objects.get(pk=gov.staff_kelurahan.pk)
    plan = plan_create(
        actor=admin, employee=budi, start=today() - dt.timedelta(days=10), reason="Rencana tahunan"
    )
    return Dev(
        gov=gov,
        budi=budi,
        budi_user=budi_user,
        admin=admin,
        analyst=make_user(Role.ANALYST, username="analis"),
        lurah=make_user(Role.UNIT_HEAD, gov.kelurahan, username="lurah"),
        head_dinas=make_user(Role.UNIT_HEAD, gov.dinas, username="kadinkes"),
        other_employee=other,
        auditor=make_user(Role.AUDITOR, username="auditor"),
        plan=plan,
    )
