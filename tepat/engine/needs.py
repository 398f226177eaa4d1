"""Workforce needs, ANJAB/ABK (DOMAIN.md §8): headcount, job efficiency, bezetting, projection, vacancies.

Pure functions over frozen dataclasses. Inputs are made exact (Decimal, floats via `str`) and ratios are
Fractions, so a workload of exactly half a WKE rounds by the rule, not by banker's `round()` or float noise.
Typical use: needs_for -> balances -> rollup; departures -> project -> priorities; vacancy_map.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

import numpy as np

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.reference import EmploymentStatus, PositionKind

Number = Decimal | int | float


# --- rule data ---


class Rounding(StrEnum):
    CEIL_PER_POSITION = "ceil_per_position"
    CEIL_PER_TASK = "ceil_per_task"
    HALF_UP = "half_up"


@dataclass(frozen=True)
class EjBand:
    grade: str
    label: str
    lower: (
        Decimal  # EJ at or above `lower` (strictly above if not `inclusive`) falls here; bands highest first
    )
    inclusive: bool = True


@dataclass(frozen=True)
class BupRule:
    kind: PositionKind
    jenjang: str | None  # None: every jenjang of the kind; a jenjang-specific row wins
    age: int


@dataclass(frozen=True)
class Provenance:
    status: str  # C | P | U (DOMAIN.md legend): U must be verified with JDIH before go-live
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

PROVENANCE: dict[str, Provenance] = {
    "wke_minutes": Provenance("C", "BKN KMS artikel10; PermenPANRB 1/2020"),
    "rounding": Provenance("P", "PermenPANRB 1/2020; parameter abk_rounding (praktik)"),
    "ej_bands": Provenance("U", "Permendagri 12/2008 (teks belum diperoleh)"),
    "bup": Provenance("U", "UU 5/2014 Ps 90; PP 11/2017 Ps 239 (belum diverifikasi terhadap UU 20/2023)"),
    "retirement_date": Provenance("U", "TMT pensiun: bulan berikutnya setelah mencapai BUP"),
    "reference_date": Provenance("C", "bezetting per 31 Desember tahun sebelumnya"),
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
        if not self.ej_bands or [b.lower for b in self.ej_bands] != sorted(
            (b.lower for b in self.ej_bands), reverse=True
        ):
            problems.append(FieldProblem("ej_bands", "pita EJ harus diurutkan dari batas tertinggi"))
        if problems:
            raise InvalidInput(problems)


DEFAULT_RULES = NeedsRules()


# --- inputs and outputs ---


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


_CONTRACT = DepartureReason.KONTRAK_BERAKHIR


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

    @property
    def present(self) -> int:
        return len(self.employee_ids)

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


# --- headcount ---


def _amount(value: object, path: str, label: str, problems: list[FieldProblem]) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        problems.append(FieldProblem(path, f"{label} harus berupa angka"))
        return Decimal(0)
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite():
        problems.append(FieldProblem(path, f"{label} harus berupa angka hingga"))
    elif amount < 0:
        problems.append(FieldProblem(path, f"{label} tidak boleh negatif"))
    else:
        return amount
    return Decimal(0)


def _task_minutes(task: Task, path: str, problems: list[FieldProblem]) -> Decimal:
    volume = _amount(task.volume, f"{path}.volume", f'volume tugas "{task.name}"', problems)
    if task.norm_minutes is None:
        problems.append(FieldProblem(f"{path}.norm_minutes", f'norma waktu tugas "{task.name}" belum diisi'))
        return Decimal(0)
    return volume * _amount(
        task.norm_minutes, f"{path}.norm_minutes", f'norma waktu tugas "{task.name}"', problems
    )


def round_headcount(task_minutes: Sequence[Decimal], wke_minutes: int, rounding: Rounding) -> int:
    """The `abk_rounding` rule, exact: ceiling per position or per task, or half-up (0.5 -> 1)."""
    if rounding is Rounding.CEIL_PER_TASK:
        return sum(math.ceil(Fraction(m) / wke_minutes) for m in task_minutes)
    ratio = Fraction(sum(task_minutes, Decimal(0))) / wke_minutes
    return math.floor(ratio + Fraction(1, 2)) if rounding is Rounding.HALF_UP else math.ceil(ratio)


def _need(position: Position, rules: NeedsRules, path: str, problems: list[FieldProblem]) -> Need:
    minutes = [_task_minutes(t, f"{path}tasks[{i}]", problems) for i, t in enumerate(position.tasks)]
    workload = sum(minutes, Decimal(0))
    exact = _decimal(Fraction(workload) / rules.wke_minutes)
    if position.tasks:
        required, source = round_headcount(minutes, rules.wke_minutes, rules.rounding), NeedSource.ABK
    elif position.manual_seats is not None:
        if position.manual_seats < 0:
            problems.append(FieldProblem(f"{path}manual_seats", "formasi manual tidak boleh negatif"))
        required, source = position.manual_seats, NeedSource.FORMASI_MANUAL
    else:
        required, source = None, NeedSource.TANPA_DASAR
    return Need(position.position_id, position.unit_id, source, workload, exact, required)


def required_headcount(position: Position, rules: NeedsRules = DEFAULT_RULES) -> Need:
    """Σ(volume × norm) / WKE, rounded by the rule; no tasks falls back to the hand-set formasi."""
    return needs_for([position], rules, prefix="")[0]


def needs_for(
    positions: Sequence[Position], rules: NeedsRules = DEFAULT_RULES, *, prefix: str = "positions"
) -> tuple[Need, ...]:
    """Every position's need; all bad fields are reported together."""
    problems: list[FieldProblem] = []
    needs = tuple(
        _need(p, rules, f"{prefix}[{i}]." if prefix else "", problems) for i, p in enumerate(positions)
    )
    if problems:
        raise InvalidInput(problems)
    return needs


# --- efficiency and bezetting ---


def job_efficiency(workload_minutes: Decimal, headcount: int, wke_minutes: int) -> Fraction | None:
    """EJ = Σ(volume × norm) / (headcount × WKE); undefined for an empty position."""
    return None if headcount <= 0 else Fraction(workload_minutes) / (headcount * wke_minutes)


def ej_band(ej: Fraction, bands: Sequence[EjBand] = DEFAULT_EJ_BANDS) -> EjBand:
    for band in bands:
        lower = Fraction(band.lower)
        if ej > lower or (band.inclusive and ej == lower):
            return band
    return bands[-1]


def _decimal(value: Fraction, places: str = "0.0001") -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places), ROUND_HALF_UP)


def reference_date(today: date) -> date:
    """Bezetting is counted as of 31 December of the previous year."""
    return date(today.year - 1, 12, 31)


def _index_occupants(needs: Sequence[Need], occupants: Sequence[Occupant]) -> dict[str, list[str]]:
    by_position: dict[str, list[str]] = {n.position_id: [] for n in needs}
    problems = []
    for i, occupant in enumerate(occupants):
        if occupant.position_id not in by_position:
            problems.append(FieldProblem(f"occupants[{i}].position_id", "jabatan tidak dikenal"))
        else:
            by_position[occupant.position_id].append(occupant.employee_id)
    if problems:
        raise InvalidInput(problems)
    return by_position


def balances(
    needs: Sequence[Need], occupants: Sequence[Occupant], rules: NeedsRules = DEFAULT_RULES
) -> tuple[Balance, ...]:
    """Bezetting vs kebutuhan per position; `occupants` are those present at the reference date."""
    by_position = _index_occupants(needs, occupants)
    result = []
    for need in needs:
        people = tuple(by_position[need.position_id])
        ej = job_efficiency(need.workload_minutes, len(people), rules.wke_minutes)
        if need.source is not NeedSource.ABK or ej is None:
            result.append(Balance(need, people, None, None))
        else:
            result.append(Balance(need, people, _decimal(ej), ej_band(ej, rules.ej_bands).grade))
    return tuple(result)


def _ancestry(units: Sequence[Unit]) -> dict[str, tuple[str, ...]]:
    """Each unit with its ancestors (self first); a cycle or an unknown parent is an input error."""
    parents = {u.unit_id: u.parent_id for u in units}
    chains: dict[str, tuple[str, ...]] = {}
    problems = []
    for i, unit in enumerate(units):
        chain, current = [unit.unit_id], unit.parent_id
        while current is not None and current not in chain and current in parents:
            chain.append(current)
            current = parents[current]
        if current is not None:
            problems.append(FieldProblem(f"units[{i}].parent_id", "induk unit tidak dikenal atau melingkar"))
        chains[unit.unit_id] = tuple(chain)
    if problems:
        raise InvalidInput(problems)
    return chains


def rollup(position_balances: Sequence[Balance], units: Sequence[Unit]) -> dict[str, UnitBalance]:
    """Per unit, totals over its subtree; surpluses and shortages are summed apart, never netted."""
    chains = _ancestry(units)
    totals: dict[str, list[int]] = {u.unit_id: [0, 0, 0, 0, 0] for u in units}
    problems = []
    for i, bal in enumerate(position_balances):
        if bal.need.unit_id not in chains:
            problems.append(FieldProblem(f"balances[{i}].unit_id", "unit tidak dikenal"))
            continue
        gap = bal.selisih
        row = (bal.need.required or 0, bal.present, max(gap or 0, 0), max(-(gap or 0), 0), int(gap is None))
        for unit_id in chains[bal.need.unit_id]:
            totals[unit_id] = [a + b for a, b in zip(totals[unit_id], row, strict=True)]
    if problems:
        raise InvalidInput(problems)
    return {unit_id: UnitBalance(unit_id, *t) for unit_id, t in totals.items()}


# --- departures and projection ---


def bup_for(kind: PositionKind, jenjang: str | None, rules: NeedsRules = DEFAULT_RULES) -> int:
    exact = [r.age for r in rules.bup if r.kind == kind and r.jenjang == jenjang]
    general = [r.age for r in rules.bup if r.kind == kind and r.jenjang is None]
    if not (exact or general):
        raise InvalidInput([FieldProblem("bup", f"BUP untuk jenis jabatan {kind} belum diatur")])
    return (exact or general)[0]


def retirement_date(birth_date: date, bup: int) -> date:
    """First day of the month after the month the employee reaches BUP."""
    months = (birth_date.year + bup) * 12 + birth_date.month  # month index of the next month, 0-based
    return date(months // 12, months % 12 + 1, 1)


def departure_of(occupant: Occupant, position: Position, rules: NeedsRules = DEFAULT_RULES) -> Departure:
    """Retirement, or for PPPK the end of the contract if that comes first."""
    retire = retirement_date(occupant.birth_date, bup_for(position.kind, position.jenjang, rules))
    end = occupant.contract_end
    if occupant.status == EmploymentStatus.PPPK and end is not None and end + timedelta(days=1) < retire:
        return Departure(
            occupant.employee_id,
            position.position_id,
            end + timedelta(days=1),
            DepartureReason.KONTRAK_BERAKHIR,
        )
    return Departure(occupant.employee_id, position.position_id, retire, DepartureReason.PENSIUN)


def departures(
    positions: Sequence[Position], occupants: Sequence[Occupant], rules: NeedsRules = DEFAULT_RULES
) -> tuple[Departure, ...]:
    by_id = {p.position_id: p for p in positions}
    problems = []
    for i, occ in enumerate(occupants):
        if occ.position_id not in by_id:
            problems.append(FieldProblem(f"occupants[{i}].position_id", "jabatan tidak dikenal"))
        elif occ.status == EmploymentStatus.PPPK and occ.contract_end is None:
            problems.append(FieldProblem(f"occupants[{i}].contract_end", "PPPK wajib memiliki akhir kontrak"))
    if problems:
        raise InvalidInput(problems)
    return tuple(departure_of(o, by_id[o.position_id], rules) for o in occupants)


def _departure_grid(
    leaving: Iterable[Departure], index: Mapping[str, int], first_year: int, shape: tuple[int, int]
) -> np.ndarray:
    """Count departures per (position, projection year); earlier ones count in the first year."""
    cells = [(index[d.position_id], max(d.on.year - first_year, 0)) for d in leaving]
    cells = [(row, col) for row, col in cells if col < shape[1]]
    grid = np.zeros(shape, dtype=np.int64)
    if cells:
        rows, cols = np.array(cells, dtype=np.int64).T
        np.add.at(grid, (rows, cols), 1)
    return grid


def project(
    position_balances: Sequence[Balance], leaving: Sequence[Departure], *, reference: date, years: int = 5
) -> tuple[PositionOutlook, ...]:
    """Year by year from the year after `reference`: bezetting minus retirements and contract ends so far."""
    index = {b.need.position_id: i for i, b in enumerate(position_balances)}
    shape, first = (len(position_balances), years), reference.year + 1
    retire = _departure_grid([d for d in leaving if d.reason is DepartureReason.PENSIUN], index, first, shape)
    ends = _departure_grid([d for d in leaving if d.reason != DepartureReason.PENSIUN], index, first, shape)
    now = np.array([b.present for b in position_balances], dtype=np.int64)
    present = now[:, None] - np.cumsum(retire + ends, axis=1)
    gap = present - np.array([b.need.required or 0 for b in position_balances], dtype=np.int64)[:, None]
    return tuple(
        PositionOutlook(
            bal.need.position_id,
            bal.need.unit_id,
            bal.need.required,
            tuple(
                YearOutlook(
                    first + col,
                    int(retire[row, col]),
                    int(ends[row, col]),
                    int(present[row, col]),
                    None if bal.need.required is None else int(gap[row, col]),
                )
                for col in range(years)
            ),
        )
        for row, bal in enumerate(position_balances)
    )


def priorities(outlooks: Sequence[PositionOutlook]) -> tuple[Priority, ...]:
    """Positions in shortage, earliest shortage first, then the deepest; these lead the proposals."""
    found = []
    for outlook in outlooks:
        short = [(y.year, -y.selisih) for y in outlook.years if y.selisih is not None and y.selisih < 0]
        if short:
            year, gap = short[0]
            deepest = max(g for _, g in short)
            found.append((year, -gap, -deepest, outlook.position_id, outlook.unit_id, gap, deepest))
    found.sort()
    return tuple(
        Priority(
            rank, pos, unit, year, gap, deepest, f"kekurangan {gap} pegawai mulai {year}, terbesar {deepest}"
        )
        for rank, (year, _, _, pos, unit, gap, deepest) in enumerate(found, start=1)
    )


# --- vacancy map ---


def vacancy_map(
    seats: Sequence[Seat],
    position_balances: Sequence[Balance],
    leaving: Sequence[Departure],
    *,
    as_of: date,
    horizon: date,
) -> VacancyMap:
    """Seats empty now or freed by `horizon` (inclusive), and the surplus left after those departures."""
    if horizon < as_of:
        raise InvalidInput([FieldProblem("horizon", "batas horizon tidak boleh sebelum tanggal acuan")])
    gone = {d.employee_id: d for d in leaving if d.on <= horizon}
    vacancies = sorted(
        (v for v in (_vacancy(seat, gone, as_of) for seat in seats) if v is not None),
        key=lambda v: (v.free_from, v.unit_id, v.position_id, v.seat_id),
    )
    releases = []
    for bal in position_balances:
        # A departure within the horizon already shrinks the surplus; releasing that person too leaves a gap.
        staying = tuple(e for e in bal.employee_ids if e not in gone)
        surplus = 0 if bal.need.required is None else len(staying) - bal.need.required
        if surplus > 0:
            releases.append(Release(bal.need.position_id, bal.need.unit_id, surplus, staying))
    return VacancyMap(tuple(vacancies), tuple(releases))


def _vacancy(seat: Seat, gone: Mapping[str, Departure], as_of: date) -> Vacancy | None:
    if seat.occupant_id is None:
        return Vacancy(seat.seat_id, seat.position_id, seat.unit_id, as_of, "kosong", None)
    leaving = gone.get(seat.occupant_id)
    if leaving is None:
        return None
    free_from = max(leaving.on, as_of)
    return Vacancy(seat.seat_id, seat.position_id, seat.unit_id, free_from, leaving.reason, seat.occupant_id)
