"""Bulk creation of employees with all their records, kept consistent the way the one-by-one services keep them.

Input is plain dataclass rows (what an import sheet or a generator produces). Every row is checked first (NIP/NIK,
ranks, periods, seats, codes) so a bad row saves nothing. Then employees and their records go in with
`bulk_create`, in chunks so memory stays flat at city scale. Invariants kept: the employee's rank is the latest
rank row; at most one open position row, whose start is `position_since` and whose seat and unit are the
employee's; a seat holds at most one person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from django.db import models, transaction

from tepat.engine.reference import RANK_BY_CODE, Predikat
from tepat.organization.bulk import (
    BATCH_SIZE,
    RowProblem,
    bulk_audit,
    chunks,
    existing_values,
    raise_problems,
)
from tepat.organization.models import Competency, EducationField, Position, Seat
from tepat.people.models import (
    CompetencyAssessment,
    DisciplinaryRecord,
    EducationHistory,
    Employee,
    EmploymentStatusChoices,
    FamilyRelation,
    PerformanceRecord,
    PositionHistory,
    RankHistory,
    StudyLeave,
    TrainingRecord,
)
from tepat.people.services.bulk_rows import (
    AssessmentRow,
    DisciplineRow,
    EducationRow,
    EmployeeRow,
    PerformanceRow,
    PlacementRow,
    RankRow,
    RelationRow,
    StudyLeaveRow,
    TrainingRow,
)
from tepat.people.services.employees import identity_problems

__all__ = [
    "AssessmentRow",
    "DisciplineRow",
    "EducationRow",
    "EmployeeRow",
    "PerformanceRow",
    "PlacementRow",
    "RankRow",
    "RelationRow",
    "StudyLeaveRow",
    "TrainingRow",
    "employees_bulk_create",
    "employees_bulk_validate",
    "relations_bulk_create",
]

EMPLOYEE_CHUNK = 2000  # employees written per round (with their records)


@dataclass
class _Lookups:
    """Everything the rows refer to, loaded once; `seats` is filled as current posts claim seats."""

    positions: dict[str, Position]
    free_seats: dict[int, list[Seat]]  # position id -> free active seats by number
    fields: dict[str, int]
    competencies: dict[str, int]
    taken_nips: set[str]
    seats: dict[int, Seat] = field(default_factory=dict)  # row index -> claimed seat


def _load_lookups(rows: Sequence[EmployeeRow]) -> _Lookups:
    codes = sorted({p.position_code for row in rows for p in row.placements if p.position_code})
    positions = Position.objects.select_related("unit").in_bulk(codes, field_name="code")
    occupied = set(Employee.objects.filter(seat__isnull=False).values_list("seat_id", flat=True))
    free: dict[int, list[Seat]] = {}
    ids = sorted(position.pk for position in positions.values())
    for part in chunks(ids):
        seats = Seat.objects.filter(position_id__in=part, is_active=True).select_related("position__unit")
        for seat in seats.order_by("position_id", "number"):
            if seat.pk not in occupied:
                free.setdefault(seat.position_id, []).append(seat)
    return _Lookups(
        positions=positions,
        free_seats=free,
        fields=dict(EducationField.objects.values_list("code", "pk")),
        competencies=dict(Competency.objects.values_list("code", "pk")),
        taken_nips=existing_values(Employee, "nip", (row.nip for row in rows)),
    )


# --- validation ------------------------------------------------------------------------------------------


def _identity_problems(number: int, row: EmployeeRow) -> list[RowProblem]:
    problems = identity_problems(
        nip=row.nip, nik=row.nik, birth_date=row.birth_date, gender=row.gender, tmt_cpns=row.tmt_cpns
    )
    accepted = bool(row.identity_exception.strip())
    return [
        RowProblem(number, p.field, p.message)
        for p in problems
        if not (p.acceptable_with_reason and accepted)
    ]


def _scalar_problems(number: int, row: EmployeeRow, lookups: _Lookups) -> list[RowProblem]:
    problems: list[RowProblem] = []
    if row.nip in lookups.taken_nips:
        problems.append(RowProblem(number, "nip", f"NIP {row.nip} sudah terdaftar"))
    lookups.taken_nips.add(row.nip)
    if row.status not in EmploymentStatusChoices.values:
        problems.append(RowProblem(number, "status", f"status kepegawaian {row.status!r} tidak dikenal"))
    if row.education_field_code and row.education_field_code not in lookups.fields:
        problems.append(
            RowProblem(number, "education_field", f"jurusan {row.education_field_code} tidak dikenal")
        )
    bad_ranks = [r.rank for r in row.ranks if r.rank not in RANK_BY_CODE]
    problems += [RowProblem(number, "rank", f"golongan {code} tidak ada dalam tabel") for code in bad_ranks]
    if len({r.tmt for r in row.ranks}) != len(row.ranks):
        problems.append(RowProblem(number, "rank", "dua riwayat golongan dengan TMT yang sama"))
    return problems


def _record_problems(number: int, row: EmployeeRow, lookups: _Lookups) -> list[RowProblem]:
    problems = [
        RowProblem(number, "education", f"jurusan {e.field_code} tidak dikenal")
        for e in row.education
        if e.field_code and e.field_code not in lookups.fields
    ]
    problems += [
        RowProblem(number, "assessments", f"kompetensi {a.competency_code} tidak dikenal")
        for a in row.assessments
        if a.competency_code not in lookups.competencies
    ]
    keys = [(a.competency_code, a.assessed_on) for a in row.assessments]
    if len(set(keys)) != len(keys):
        problems.append(
            RowProblem(number, "assessments", "kompetensi yang sama dinilai dua kali pada satu tanggal")
        )
    years = [p.year for p in row.performance]
    if len(set(years)) != len(years):
        problems.append(RowProblem(number, "performance", "dua SKP untuk tahun yang sama"))
    predikat = {p.value for p in Predikat}
    problems += [
        RowProblem(number, "performance", f"predikat {p.predikat!r} tidak dikenal")
        for p in row.performance
        if p.predikat not in predikat
    ]
    return problems


def _placement_problems(number: int, index: int, row: EmployeeRow, lookups: _Lookups) -> list[RowProblem]:
    problems: list[RowProblem] = []
    periods = sorted(row.placements, key=lambda p: p.start)
    for before, after in pairwise(periods):
        if before.end is None or before.end >= after.start:
            problems.append(
                RowProblem(number, "placements", f"periode jabatan mulai {after.start} tumpang tindih")
            )
    for period in periods:
        if period.end is not None and period.end < period.start:
            problems.append(
                RowProblem(number, "placements", f"periode mulai {period.start} berakhir sebelum mulai")
            )
        if period.position_code and period.position_code not in lookups.positions:
            problems.append(RowProblem(number, "placements", f"jabatan {period.position_code} tidak ada"))
        elif not period.position_code and not (period.position_name and period.unit_name):
            problems.append(
                RowProblem(number, "placements", "jabatan di luar Tepat perlu nama jabatan dan unit")
            )
    current = [p for p in periods if p.end is None]
    if len(current) > 1:
        problems.append(RowProblem(number, "placements", "lebih dari satu jabatan sekarang"))
    elif current and current[0].position_code in lookups.positions:
        problems += _claim_seat(number, index, current[0], lookups)
    return problems


def _claim_seat(number: int, index: int, current: PlacementRow, lookups: _Lookups) -> list[RowProblem]:
    position = lookups.positions[current.position_code]
    free = lookups.free_seats.get(position.pk, [])
    wanted = [s for s in free if current.seat_number in (None, s.number)]
    if not wanted:
        which = f"nomor {current.seat_number} " if current.seat_number else ""
        return [
            RowProblem(
                number, "placements", f"formasi {which}{position.code} tidak tersedia (terisi/tidak aktif)"
            )
        ]
    seat = wanted[0]
    free.remove(seat)
    lookups.seats[index] = seat
    return []


def _validate(rows: Sequence[EmployeeRow]) -> tuple[_Lookups, list[RowProblem]]:
    lookups = _load_lookups(rows)
    problems: list[RowProblem] = []
    for index, row in enumerate(rows):
        number = index + 1
        problems += _identity_problems(number, row)
        problems += _scalar_problems(number, row, lookups)
        problems += _record_problems(number, row, lookups)
        problems += _placement_problems(number, index, row, lookups)
    return lookups, problems


def employees_bulk_validate(rows: Sequence[EmployeeRow]) -> list[RowProblem]:
    """Every problem in `rows` (for an import preview); writes nothing."""
    return _validate(rows)[1]


# --- creation --------------------------------------------------------------------------------------------


@transaction.atomic
def employees_bulk_create(
    *, actor: Any, rows: Sequence[EmployeeRow], actor_label: str = "", reason: str = ""
) -> list[Employee]:
    """Create employees with all their records; raises ValidationError (and saves nothing) on any bad row."""
    lookups, problems = _validate(rows)
    raise_problems(problems)
    created: list[Employee] = []
    for start in range(0, len(rows), EMPLOYEE_CHUNK):
        part = rows[start : start + EMPLOYEE_CHUNK]
        employees = [_employee(row, lookups, start + offset) for offset, row in enumerate(part)]
        for employee in employees:
            employee.clean_fields(exclude=["unit", "seat", "education_field", "user"])
        Employee.objects.bulk_create(employees, batch_size=BATCH_SIZE)
        _create_records(part, employees, lookups, start)
        bulk_audit(
            actor=actor, action="employee_create", objects=employees, actor_label=actor_label, reason=reason
        )
        created.extend(employees)
    return created


def _employee(row: EmployeeRow, lookups: _Lookups, index: int) -> Employee:
    latest_rank = max(row.ranks, key=lambda r: r.tmt, default=None)
    latest_edu = max(row.education, key=lambda e: e.year, default=None)
    field_code = row.education_field_code or (latest_edu.field_code if latest_edu else "")
    current = next((p for p in row.placements if p.end is None), None)
    seat = lookups.seats.get(index)
    return Employee(
        nip=row.nip,
        nik=row.nik,
        name=row.name,
        front_title=row.front_title,
        back_title=row.back_title,
        gender=row.gender,
        birth_place=row.birth_place,
        birth_date=row.birth_date,
        status=row.status,
        tmt_cpns=row.tmt_cpns,
        contract_end=row.contract_end,
        rank=latest_rank.rank if latest_rank else None,
        rank_tmt=latest_rank.tmt if latest_rank else None,
        seat=seat,
        unit=seat.position.unit if seat else None,
        position_since=current.start if current else None,
        education_level=row.education_level or (latest_edu.level if latest_edu else ""),
        education_field_id=lookups.fields.get(field_code) if field_code else None,
        identity_exception=row.identity_exception,
    )


def _history(
    employee: Employee, period: PlacementRow, seat: Seat | None, lookups: _Lookups
) -> PositionHistory:
    position = lookups.positions.get(period.position_code) if period.position_code else None
    return PositionHistory(
        employee=employee,
        position=position,
        seat=seat if period.end is None else None,
        unit=position.unit if position else None,
        position_name=period.position_name or (position.name if position else ""),
        unit_name=period.unit_name or (position.unit.name if position else ""),
        family=period.family or (position.family if position else ""),
        start=period.start,
        end=period.end,
        sk_number=period.sk_number,
    )


def _create_records(
    rows: Sequence[EmployeeRow], employees: Sequence[Employee], lookups: _Lookups, offset: int
) -> None:
    records: dict[type[models.Model], list[models.Model]] = {}

    def add(model: type[models.Model], objs: list[Any]) -> None:
        records.setdefault(model, []).extend(objs)

    for index, (row, emp) in enumerate(zip(rows, employees, strict=True), start=offset):
        add(
            RankHistory,
            [RankHistory(employee=emp, rank=r.rank, tmt=r.tmt, sk_number=r.sk_number) for r in row.ranks],
        )
        add(PositionHistory, [_history(emp, p, lookups.seats.get(index), lookups) for p in row.placements])
        add(EducationHistory, [_education(emp, e, lookups) for e in row.education])
        add(CompetencyAssessment, [_assessment(emp, a, lookups) for a in row.assessments])
        add(PerformanceRecord, [PerformanceRecord(employee=emp, **vars(p)) for p in row.performance])
        add(TrainingRecord, [TrainingRecord(employee=emp, **vars(t)) for t in row.trainings])
        add(DisciplinaryRecord, [DisciplinaryRecord(employee=emp, **vars(d)) for d in row.discipline])
        add(StudyLeave, [StudyLeave(employee=emp, **vars(s)) for s in row.study_leaves])
    for model, objs in records.items():
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)


def _education(employee: Employee, row: EducationRow, lookups: _Lookups) -> EducationHistory:
    return EducationHistory(
        employee=employee,
        level=row.level,
        field_id=lookups.fields.get(row.field_code) if row.field_code else None,
        major=row.major,
        institution=row.institution,
        year=row.year,
    )


def _assessment(employee: Employee, row: AssessmentRow, lookups: _Lookups) -> CompetencyAssessment:
    return CompetencyAssessment(
        employee=employee,
        competency_id=lookups.competencies[row.competency_code],
        level=row.level,
        assessed_on=row.assessed_on,
        assessor=row.assessor,
        method=row.method,
    )


# --- family relations ------------------------------------------------------------------------------------


@transaction.atomic
def relations_bulk_create(
    *, actor: Any, rows: Sequence[RelationRow], actor_label: str = "", reason: str = ""
) -> list[FamilyRelation]:
    """Declared relatives, both given by NIP (they must exist already)."""
    nips = sorted({nip for row in rows for nip in (row.employee_nip, row.relative_nip)})
    ids: dict[str, int] = {}
    for part in chunks(nips):
        ids.update({nip: pk for pk, nip in Employee.objects.filter(nip__in=part).values_list("pk", "nip")})
    kinds = set(FamilyRelation.Kind.values)
    problems = [
        RowProblem(
            number, "nip", "pegawai tidak dikenal, hubungan dengan diri sendiri, atau jenis tidak dikenal"
        )
        for number, row in enumerate(rows, start=1)
        if row.employee_nip not in ids
        or row.relative_nip not in ids
        or row.employee_nip == row.relative_nip
        or row.kind not in kinds
    ]
    raise_problems(problems)
    relations = [
        FamilyRelation(
            employee_id=ids[row.employee_nip],
            relative_id=ids[row.relative_nip],
            kind=row.kind,
            declared_on=row.declared_on,
        )
        for row in rows
    ]
    FamilyRelation.objects.bulk_create(relations, batch_size=BATCH_SIZE)
    bulk_audit(
        actor=actor, action="relation_create", objects=relations, actor_label=actor_label, reason=reason
    )
    return relations
