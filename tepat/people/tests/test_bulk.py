from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tepat.core.models import AuditEntry
from tepat.engine.identity import make_nik, make_nip
from tepat.organization.bulk import (
    CompetencyRow,
    EducationFieldRow,
    PositionRow,
    UnitRow,
    positions_bulk_create,
    reference_ensure,
    units_bulk_create,
)
from tepat.organization.models import Position, Unit
from tepat.organization.services import PositionSpec, unit_create
from tepat.people.models import Employee, PositionHistory
from tepat.people.services.bulk import (
    AssessmentRow,
    EducationRow,
    EmployeeRow,
    PerformanceRow,
    PlacementRow,
    RankRow,
    RelationRow,
    TrainingRow,
    employees_bulk_create,
    employees_bulk_validate,
    relations_bulk_create,
)

pytestmark = pytest.mark.django_db

BIRTH, TMT = date(1988, 4, 9), date(2012, 3, 1)


@pytest.fixture
def office() -> Position:
    reference_ensure(
        actor=None,
        fields=[EducationFieldRow("IPEM", "Ilmu Pemerintahan", "Sosial")],
        competencies=[CompetencyRow("M1", "Integritas", "manajerial")],
    )
    units_bulk_create(
        actor=None,
        rows=[
            UnitRow("ROOT", "Pemerintah Kota", "pemerintah"),
            UnitRow("KEL", "Kelurahan A", "kelurahan", "ROOT"),
        ],
    )
    spec = PositionSpec(code="KEL.KASI", name="Kasi Pemerintahan", kind="pengawas", min_rank=31, max_rank=34)
    rows = [PositionRow("KEL", spec, seats=2, education_fields=("IPEM",), competencies=(("M1", 2),))]
    return positions_bulk_create(actor=None, rows=rows)[0]


def _row(serial: int = 1, **changes: object) -> EmployeeRow:
    values: dict = {
        "nip": make_nip(BIRTH, TMT, "P", serial),
        "nik": make_nik("337411", BIRTH, "P", serial),
        "name": f"Pegawai {serial}",
        "gender": "P",
        "birth_date": BIRTH,
        "status": "PNS",
        "tmt_cpns": TMT,
        "ranks": (RankRow(31, TMT), RankRow(32, date(2016, 4, 1))),
        "placements": (
            PlacementRow(TMT, date(2019, 12, 31), position_name="Staf", unit_name="Kecamatan B"),
            PlacementRow(date(2020, 1, 1), None, "KEL.KASI"),
        ),
        "education": (EducationRow("S1", 2010, "IPEM"),),
        "assessments": (AssessmentRow("M1", 2.0, date(2024, 5, 1)),),
        "performance": (PerformanceRow(2024, "Baik"),),
        "trainings": (TrainingRow("Bimtek", "klasikal", Decimal(16), date(2024, 2, 1), date(2024, 2, 2)),),
    }
    values.update(changes)
    return EmployeeRow(**values)


def test_units_get_paths_below_existing_siblings() -> None:
    root = unit_create(actor=None, code="R", name="Root", kind="pemerintah", parent=None)
    unit_create(actor=None, code="A", name="A", kind="dinas", parent=root)
    created = units_bulk_create(
        actor=None,
        rows=[UnitRow("B", "B", "dinas", "R"), UnitRow("B1", "B1", "bidang", "B")],
        actor_label="t",
    )
    assert [(u.path, u.depth) for u in created] == [("0001.0002.", 1), ("0001.0002.0001.", 2)]
    assert AuditEntry.objects.filter(action="unit_create", actor_label="t").count() == 2


def test_bad_unit_rows_save_nothing() -> None:
    rows = [UnitRow("X", "X", "dinas", "MISSING"), UnitRow("Y", "", "planet")]
    with pytest.raises(ValidationError) as error:
        units_bulk_create(actor=None, rows=rows)
    assert "baris 1, parent_code" in str(error.value)
    assert "baris 2, kind" in str(error.value)
    assert not Unit.objects.exists()


def test_positions_come_with_seats_and_requirements(office: Position) -> None:
    assert office.unit.code == "KEL"
    assert list(office.seats.values_list("number", flat=True)) == [1, 2]
    assert list(office.education_fields.values_list("code", flat=True)) == ["IPEM"]
    assert list(office.required_competencies.values_list("competency__code", "level")) == [("M1", 2)]


def test_bad_position_rows_save_nothing(office: Position) -> None:
    spec = PositionSpec(
        code="KEL.KASI", name="Dup", kind="fungsional_keahlian", jenjang="Terampil", min_rank=34, max_rank=31
    )
    with pytest.raises(ValidationError) as error:
        positions_bulk_create(actor=None, rows=[PositionRow("NOPE", spec, competencies=(("ZZ", 7),))])
    text = str(error.value)
    for field in ("code", "unit_code", "jenjang", "max_rank", "competencies"):
        assert f"baris 1, {field}" in text
    assert Position.objects.count() == 1


def test_employee_gets_records_and_one_open_history_in_step_with_the_seat(office: Position) -> None:
    (employee,) = employees_bulk_create(actor=None, rows=[_row()], actor_label="import")
    employee.refresh_from_db()
    assert (employee.rank, employee.rank_tmt) == (32, date(2016, 4, 1))
    assert employee.education_level == "S1"
    assert employee.education_field is not None
    assert employee.education_field.code == "IPEM"
    current = PositionHistory.objects.get(employee=employee, end__isnull=True)
    assert current.start == employee.position_since == date(2020, 1, 1)
    assert current.seat_id == employee.seat_id
    assert current.unit_id == employee.unit_id == office.unit_id
    assert employee.position_history.count() == 2
    assert employee.assessments.count() == employee.performance.count() == employee.trainings.count() == 1
    assert AuditEntry.objects.filter(action="employee_create", object_id=str(employee.public_id)).exists()


def test_seats_are_claimed_once(office: Position) -> None:
    rows = [_row(1), _row(2), _row(3)]  # the position has two seats
    problems = employees_bulk_validate(rows)
    assert [(p.row, p.field) for p in problems] == [(3, "placements")]
    with pytest.raises(ValidationError):
        employees_bulk_create(actor=None, rows=rows)
    assert not Employee.objects.exists()


def test_inconsistent_nip_needs_a_reason(office: Position) -> None:
    row = _row(birth_date=date(1988, 4, 10))
    assert {p.field for p in employees_bulk_validate([row])} == {"nip", "nik"}
    fixed = _row(birth_date=date(1988, 4, 10), nik="", identity_exception="data SIASN berbeda, sudah dicek")
    assert employees_bulk_validate([fixed]) == []


def test_overlapping_periods_and_two_open_posts_are_rejected(office: Position) -> None:
    overlapping = (
        PlacementRow(TMT, date(2020, 6, 1), position_name="Staf", unit_name="B"),
        PlacementRow(date(2020, 1, 1), None, "KEL.KASI"),
    )
    two_open = (
        PlacementRow(TMT, None, position_name="Staf", unit_name="B"),
        PlacementRow(date(2020, 1, 1), None, "KEL.KASI"),
    )
    for placements in (overlapping, two_open):
        assert any(p.field == "placements" for p in employees_bulk_validate([_row(placements=placements)]))


def test_duplicate_nip_is_rejected(office: Position) -> None:
    employees_bulk_create(actor=None, rows=[_row(1)])
    problems = employees_bulk_validate([_row(1, placements=())])
    assert [(p.row, p.field) for p in problems] == [(1, "nip")]


def test_relations_link_employees_by_nip(office: Position) -> None:
    first, second = employees_bulk_create(actor=None, rows=[_row(1), _row(2)])
    relations = relations_bulk_create(
        actor=None, rows=[RelationRow(first.nip, second.nip, "pasangan", date(2024, 1, 1))]
    )
    assert relations[0].relative_id == second.pk
    with pytest.raises(ValidationError):
        relations_bulk_create(
            actor=None, rows=[RelationRow(first.nip, first.nip, "pasangan", date(2024, 1, 1))]
        )
