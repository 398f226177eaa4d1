"""Reads of employees and their records, always through `Employee.objects.visible_to(viewer)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from tepat.core.types import Viewer
from tepat.engine.dates import shift_years
from tepat.organization.models import Unit
from tepat.people.models import (
    CompetencyAssessment,
    EducationHistory,
    Employee,
    PerformanceRecord,
    PositionHistory,
)


@dataclass(frozen=True)
class EmployeeFilters:
    q: str = ""
    unit: Unit | None = None
    rank: int | None = None
    kind: str = ""
    education_field: int | None = None
    over_max_tenure_on: date | None = None  # employees longer than five years in post as of this date


def employee_list(*, viewer: Viewer, filters: EmployeeFilters) -> QuerySet[Employee]:
    employees = (
        Employee.objects.visible_to(viewer)
        .active()
        .select_related("unit", "seat__position", "education_field")
    )
    if filters.q:
        term = filters.q.strip()
        employees = employees.filter(nip=term) if term.isdigit() else employees.filter(name__icontains=term)
    if filters.unit is not None:
        employees = employees.filter(unit__path__startswith=filters.unit.path)
    if filters.rank is not None:
        employees = employees.filter(rank=filters.rank)
    if filters.kind:
        employees = employees.filter(seat__position__kind=filters.kind)
    if filters.education_field is not None:
        employees = employees.filter(education_field_id=filters.education_field)
    if filters.over_max_tenure_on is not None:
        cutoff = shift_years(filters.over_max_tenure_on, -5)
        employees = employees.filter(position_since__lt=cutoff)
    return employees.order_by("name", "nip")


def employee_get(*, viewer: Viewer, public_id: str) -> Employee:
    """One employee with every history, in as few queries as the page needs."""
    return (
        Employee.objects.visible_to(viewer)
        .select_related("unit", "seat__position__unit", "education_field", "user")
        .prefetch_related(
            Prefetch("position_history", queryset=PositionHistory.objects.order_by("-start")),
            "rank_history",
            Prefetch("education_history", queryset=EducationHistory.objects.select_related("field")),
            Prefetch(
                "assessments",
                queryset=CompetencyAssessment.objects.select_related("competency").order_by(
                    "-assessed_on", "competency__code"
                ),
            ),
            Prefetch("performance", queryset=PerformanceRecord.objects.order_by("-year")),
            "trainings",
            "relations__relative",
            "disciplinary",
            "study_leaves",
        )
        .get(public_id=public_id)
    )


def employee_for_user(*, user: Viewer) -> Employee | None:
    if not user.is_authenticated:
        return None
    return Employee.objects.filter(user_id=user.pk).first()


@dataclass(frozen=True)
class CompletenessCounts:
    total: int
    without_assessment: int
    without_recent_skp: int
    without_education: int
    incomplete: int  # missing at least one of the three: the number of rows of `incomplete_employees`


def _with_completeness_flags(employees: QuerySet[Employee], year: int) -> QuerySet[Employee]:
    return employees.annotate(
        has_assessment=Exists(CompetencyAssessment.objects.filter(employee=OuterRef("pk"))),
        has_recent_skp=Exists(PerformanceRecord.objects.filter(employee=OuterRef("pk"), year=year)),
        has_education=Exists(EducationHistory.objects.filter(employee=OuterRef("pk"))),
    )


FLAGS = ("has_assessment", "has_recent_skp", "has_education")
INCOMPLETE = Q(has_assessment=False) | Q(has_recent_skp=False) | Q(has_education=False)


def incomplete_employees(*, viewer: Viewer, year: int) -> QuerySet[Employee]:
    """Employees missing an assessment, the SKP of `year`, or any education record, annotated with which.

    Their number is `completeness_counts(...).incomplete`: hand it to the paginator instead of counting
    again (each count evaluates three EXISTS probes for every active employee of the scope)."""
    employees = Employee.objects.visible_to(viewer).active().select_related("unit")
    return _with_completeness_flags(employees, year).filter(INCOMPLETE).order_by("unit__path", "name")


def completeness_counts(*, viewer: Viewer, year: int) -> CompletenessCounts:
    """All five counts from one pass: active employees grouped by their three flags (at most 8 rows).

    Grouping evaluates each EXISTS once per employee; FILTER counts over the same flags would repeat the
    probes once per count that names them, and cross PostgreSQL's JIT thresholds (~150 ms of compiling)."""
    employees = _with_completeness_flags(Employee.objects.visible_to(viewer).active(), year)
    groups = employees.order_by().values_list(*FLAGS).annotate(n=Count("*"))
    total = without_assessment = without_recent_skp = without_education = incomplete = 0
    for has_assessment, has_recent_skp, has_education, n in groups:
        total += n
        without_assessment += 0 if has_assessment else n
        without_recent_skp += 0 if has_recent_skp else n
        without_education += 0 if has_education else n
        incomplete += 0 if has_assessment and has_recent_skp and has_education else n
    return CompletenessCounts(total, without_assessment, without_recent_skp, without_education, incomplete)
