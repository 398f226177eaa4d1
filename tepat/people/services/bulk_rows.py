"""Input rows for the bulk employee services: one frozen dataclass per record kind, as an import sheet has them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class RankRow:
    rank: int
    tmt: date
    sk_number: str = ""


@dataclass(frozen=True)
class PlacementRow:
    """One period in a post. The open one (end None) is the current post and takes a seat of its position."""

    start: date
    end: date | None = None
    position_code: str = ""  # a position in Tepat; "" for a post known only by name (outside, abolished)
    seat_number: int | None = None  # current post only; None = the first free seat of the position
    position_name: str = ""  # defaults to the position's name
    unit_name: str = ""  # defaults to the position's unit name
    family: str = ""
    sk_number: str = ""


@dataclass(frozen=True)
class EducationRow:
    level: str
    year: int
    field_code: str = ""
    major: str = ""
    institution: str = ""


@dataclass(frozen=True)
class AssessmentRow:
    competency_code: str
    level: float
    assessed_on: date
    assessor: str = ""
    method: str = ""


@dataclass(frozen=True)
class PerformanceRow:
    year: int
    predikat: str
    score: float | None = None


@dataclass(frozen=True)
class TrainingRow:
    title: str
    kind: str
    jp: Decimal
    start: date
    end: date
    organizer: str = ""


@dataclass(frozen=True)
class DisciplineRow:
    level: str
    stage: str
    start: date
    end: date | None = None
    description: str = ""


@dataclass(frozen=True)
class StudyLeaveRow:
    kind: str
    start: date
    end: date
    bond_until: date | None = None
    institution: str = ""


@dataclass(frozen=True)
class EmployeeRow:
    nip: str
    name: str
    gender: str
    birth_date: date
    status: str
    nik: str = ""
    front_title: str = ""
    back_title: str = ""
    birth_place: str = ""
    tmt_cpns: date | None = None
    contract_end: date | None = None
    education_level: str = ""  # "" = taken from the latest education row
    education_field_code: str = ""
    identity_exception: str = ""  # the admin's reason for accepting a known NIP mismatch
    ranks: tuple[RankRow, ...] = ()
    placements: tuple[PlacementRow, ...] = ()
    education: tuple[EducationRow, ...] = ()
    assessments: tuple[AssessmentRow, ...] = ()
    performance: tuple[PerformanceRow, ...] = ()
    trainings: tuple[TrainingRow, ...] = ()
    discipline: tuple[DisciplineRow, ...] = ()
    study_leaves: tuple[StudyLeaveRow, ...] = ()


@dataclass(frozen=True)
class RelationRow:
    employee_nip: str
    relative_nip: str
    kind: str
    declared_on: date
