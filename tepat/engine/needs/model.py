"""Rule data and the frozen inputs and outputs of the needs analysis (DOMAIN.md §8, §2.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.reference import EmploymentStatus, PositionKind
from tepat.engine.rules.model import RuleStatus

Number = Decimal | int | float


class Rounding(StrEnum):
    CEIL_PER_POSITION = "ceil_per_position"
    CEIL_PER_TASK = "ceil_per_task"
    HALF_UP = "half_up"


@dataclass(frozen=True)
class EjBand:
    grade: str
    label: str
    lower: Decimal  # EJ at or above `lower` falls here (strictly above if not `inclusive`)
    inclusive: bool = True


@dataclass(frozen=True)
class BupRule:
    kind: PositionKind
    jenjang: str | None  # None: every jenjang of the kind; a jenjang-specific row wins
    age: int


@dataclass(frozen=True)
class Provenance:
    status: RuleStatus  # UNCONFIRMED must be verified with JDIH before go-live
    legal_basis: str


# Lower bounds only, so values such as 0.895 fall in a band (C) instead of between the printed ranges.
DEFAULT_EJ_BANDS: tuple[EjBand, ...] = (
    EjBand("A", "Sangat Baik", Decimal("1.00"), inclusive=False),
    EjBand("B", "Baik", Decimal("0.90")),
    EjBand("C", "Cukup", Decimal("0.70")),
    EjBand("D", "Sedang", Decimal("0.50")),
    EjBand("E", "Kurang", Decimal("0")),
)

_K = PositionKind
DEFAULT_BUP: tuple[BupRule, ...] = (
    BupRule(_K.JPT_PRATAMA, None, 60),
    BupRule(_K.ADMINISTRATOR, None, 58),
    BupRule(_K.PENGAWAS, None, 58),
    BupRule(_K.PELAKSANA, None, 58),
    BupRule(_K.FUNGSIONAL_KEAHLIAN, None, 58),  # Ahli Pertama and Ahli Muda
    BupRule(_K.FUNGSIONAL_KEAHLIAN, "Ahli Madya", 60),
    BupRule(_K.FUNGSIONAL_KEAHLIAN, "Ahli Utama", 65),
    BupRule(_K.FUNGSIONAL_KETERAMPILAN, None, 58),
)

_C, _P, _U = RuleStatus.CONFIRMED, RuleStatus.PRACTICE, RuleStatus.UNCONFIRMED
PROVENANCE: dict[str, Provenance] = {
    "wke_minutes": Provenance(_C, "BKN KMS artikel10; PermenPANRB 1/2020"),
    "rounding": Provenance(_P, "PermenPANRB 1/2020; parameter abk_rounding (praktik)"),
    "ej_bands": Provenance(_U, "Permendagri 12/2008 (teks belum diperoleh)"),
    "bup": Provenance(_U, "UU 5/2014 Ps 90; PP 11/2017 Ps 239 (belum diverifikasi terhadap UU 20/2023)"),
    "retirement_date": Provenance(_U, "TMT pensiun: bulan berikutnya setelah mencapai BUP"),
    "reference_date": Provenance(_C, "bezetting per 31 Desember tahun sebelumnya"),
    "projection_years": Provenance(_C, "proyeksi 5 tahun, BKN KMS artikel10"),
}


@dataclass(frozen=True)
class NeedsRules:
    wke_minutes: int = 75_000
    rounding: Rounding = Rounding.CEIL_PER_POSITION
    ej_bands: tuple[EjBand, ...] = DEFAULT_EJ_BANDS
    bup: tuple[BupRule, ...] = DEFAULT_BUP
    projection_years: int = 5

    def __post_init__(self) -> None:
        problems = []
        if self.wke_minutes <= 0:
            problems.append(FieldProblem("wke_minutes", "waktu kerja efektif harus lebih dari 0"))
        if self.projection_years < 1:
            problems.append(FieldProblem("projection_years", "proyeksi minimal 1 tahun"))
        lowers = [b.lower for b in self.ej_bands]
        if not lowers or lowers != sorted(lowers, reverse=True):
            problems.append(FieldProblem("ej_bands", "pita EJ harus diurutkan dari batas tertinggi"))
        if problems:
            raise InvalidInput(problems)


DEFAULT_RULES = NeedsRules()


@dataclass(frozen=True)
class Task:
    name: str
    output_unit: str
    volume: Number  # outputs per year
    norm_minutes: Number | None  # minutes per output; None = not measured yet, which is an error


@dataclass(frozen=True)
class Position:
    position_id: str
    unit_id: str
    kind: PositionKind
    jenjang: str | None = None
    tasks: tuple[Task, ...] = ()
    manual_seats: int | None = None  # formasi set by hand, used only when there is no workload


@dataclass(frozen=True)
class Occupant:
    employee_id: str
    position_id: str
    status: EmploymentStatus
    birth_date: date
    contract_end: date | None = None  # PPPK: last day of the contract


@dataclass(frozen=True)
class Unit:
    unit_id: str
    parent_id: str | None


class NeedSource(StrEnum):
    ABK = "abk"
    FORMASI_MANUAL = "formasi_manual"
    TANPA_DASAR = "tanpa_dasar"  # no workload and no manual formasi: no surplus or shortage can be stated


class BalanceStatus(StrEnum):
    KELEBIHAN = "kelebihan"
    KEKURANGAN = "kekurangan"
    SESUAI = "sesuai"
    TANPA_DASAR = "tanpa_dasar"


class DepartureReason(StrEnum):
    PENSIUN = "pensiun"
    KONTRAK_BERAKHIR = "kontrak_berakhir"


@dataclass(frozen=True)
class Need:
    position_id: str
    unit_id: str
    source: NeedSource
    workload_minutes: Decimal
    exact_headcount: Decimal  # workload / WKE before rounding, for display
    required: int | None


@dataclass(frozen=True)
class Balance:
    need: Need
    employee_ids: tuple[str, ...]  # drill-down to the people counted
    ej: Decimal | None  # None without a workload or without occupants
    pj_grade: str | None
    headcount: int | None = None  # people counted without their ids (`balances_from_counts`)

    @property
    def present(self) -> int:
        return len(self.employee_ids) if self.headcount is None else self.headcount

    @property
    def selisih(self) -> int | None:
        return None if self.need.required is None else self.present - self.need.required

    @property
    def status(self) -> BalanceStatus:
        if self.selisih is None:
            return BalanceStatus.TANPA_DASAR
        if self.selisih > 0:
            return BalanceStatus.KELEBIHAN
        return BalanceStatus.KEKURANGAN if self.selisih < 0 else BalanceStatus.SESUAI


@dataclass(frozen=True)
class UnitBalance:
    unit_id: str  # totals over the unit's whole subtree (an OPD is a unit)
    required: int
    present: int
    kelebihan: int
    kekurangan: int  # a positive count of missing people
    positions_without_basis: int


@dataclass(frozen=True)
class Departure:
    employee_id: str
    position_id: str
    on: date  # first day the seat is free
    reason: DepartureReason


@dataclass(frozen=True)
class YearOutlook:
    year: int
    retirements: int
    contract_ends: int
    present: int  # at the end of the year
    selisih: int | None


@dataclass(frozen=True)
class PositionOutlook:
    position_id: str
    unit_id: str
    required: int | None
    years: tuple[YearOutlook, ...]


@dataclass(frozen=True)
class Priority:
    rank: int
    position_id: str
    unit_id: str
    first_year: int  # first year in shortage
    shortage: int  # in that year
    max_shortage: int  # over the horizon
    reason: str


@dataclass(frozen=True)
class Seat:
    seat_id: str
    position_id: str
    unit_id: str
    occupant_id: str | None = None


@dataclass(frozen=True)
class Vacancy:
    seat_id: str
    position_id: str
    unit_id: str
    free_from: date
    reason: str  # "kosong" or a DepartureReason
    occupant_id: str | None


@dataclass(frozen=True)
class Release:
    position_id: str
    unit_id: str
    count: int
    candidate_ids: tuple[str, ...]  # occupants who stay past the horizon; a person chooses whom to move


@dataclass(frozen=True)
class VacancyMap:
    vacancies: tuple[Vacancy, ...]
    releases: tuple[Release, ...]
