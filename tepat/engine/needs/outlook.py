"""Departures (BUP, PPPK contract ends), the five-year projection, priorities and the vacancy map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import numpy.typing as npt

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.needs.model import (
    DEFAULT_RULES,
    Balance,
    Departure,
    DepartureReason,
    NeedsRules,
    Occupant,
    Position,
    PositionOutlook,
    Priority,
    Release,
    Seat,
    Vacancy,
    VacancyMap,
    YearOutlook,
)
from tepat.engine.reference import EmploymentStatus, PositionKind


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
    return _departure(occupant, position, bup_for(position.kind, position.jenjang, rules))


def _departure(occupant: Occupant, position: Position, bup: int) -> Departure:
    retire = retirement_date(occupant.birth_date, bup)
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
    kinds = {(p.kind, p.jenjang) for p in (by_id[i] for i in {o.position_id for o in occupants})}
    bups = {key: bup_for(*key, rules) for key in kinds}  # BUP per kind and jenjang, looked up once
    return tuple(
        _departure(o, p, bups[(p.kind, p.jenjang)]) for o in occupants for p in (by_id[o.position_id],)
    )


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


@dataclass(frozen=True)
class OutlookGrid:
    """The projection as (positions × years) arrays, in the order of the balances given: what a page
    needs (year totals, priorities) without one object per position and year."""

    position_ids: tuple[str, ...]
    unit_ids: tuple[str, ...]
    required: tuple[int | None, ...]
    first_year: int
    retirements: npt.NDArray[np.int64]
    contract_ends: npt.NDArray[np.int64]
    present: npt.NDArray[np.int64]  # at the end of each year
    gap: npt.NDArray[np.int64]  # present - required (required None counts as 0: see `has_need`)
    has_need: npt.NDArray[np.bool_]  # per position: a kebutuhan exists (else selisih is None)


@dataclass(frozen=True)
class YearSum:
    year: int
    required: int
    present: int
    retirements: int
    contract_ends: int
    shortage: int  # people missing, summed over positions in shortage that year
    surplus: int


def outlook_grid(
    position_balances: Sequence[Balance],
    leaving: Sequence[Departure],
    *,
    reference: date,
    rules: NeedsRules = DEFAULT_RULES,
) -> OutlookGrid:
    """Year by year from the year after `reference`: bezetting minus retirements and contract ends so far."""
    index = {b.need.position_id: i for i, b in enumerate(position_balances)}
    years, first = rules.projection_years, reference.year + 1
    shape = (len(position_balances), years)
    retire = _departure_grid([d for d in leaving if d.reason is DepartureReason.PENSIUN], index, first, shape)
    ends = _departure_grid([d for d in leaving if d.reason != DepartureReason.PENSIUN], index, first, shape)
    now = np.array([b.present for b in position_balances], dtype=np.int64)
    present = now[:, None] - np.cumsum(retire + ends, axis=1)
    required = tuple(b.need.required for b in position_balances)
    gap = present - np.array([r or 0 for r in required], dtype=np.int64)[:, None]
    return OutlookGrid(
        tuple(b.need.position_id for b in position_balances),
        tuple(b.need.unit_id for b in position_balances),
        required,
        first,
        retire,
        ends,
        present,
        gap,
        np.array([r is not None for r in required], dtype=bool),
    )


def project(
    position_balances: Sequence[Balance],
    leaving: Sequence[Departure],
    *,
    reference: date,
    rules: NeedsRules = DEFAULT_RULES,
) -> tuple[PositionOutlook, ...]:
    """`outlook_grid` as one `PositionOutlook` (a `YearOutlook` per year) per position."""
    grid = outlook_grid(position_balances, leaving, reference=reference, rules=rules)
    # Python ints read once per array (`tolist`), not one numpy scalar per cell: 3,000 positions × 5 years.
    cells = zip(
        grid.retirements.tolist(),
        grid.contract_ends.tolist(),
        grid.present.tolist(),
        grid.gap.tolist(),
        strict=True,
    )
    year_numbers = range(grid.first_year, grid.first_year + rules.projection_years)
    return tuple(
        PositionOutlook(
            position,
            unit,
            required,
            tuple(
                YearOutlook(year, r, e, p, None if required is None else g)
                for year, r, e, p, g in zip(year_numbers, *row_cells, strict=True)
            ),
        )
        for position, unit, required, row_cells in zip(
            grid.position_ids, grid.unit_ids, grid.required, cells, strict=True
        )
    )


def year_sums(grid: OutlookGrid) -> tuple[YearSum, ...]:
    """Totals per projected year; shortage and surplus only over positions with a kebutuhan."""
    gap = np.where(grid.has_need[:, None], grid.gap, 0)
    required = sum(r or 0 for r in grid.required)
    columns = zip(
        grid.present.sum(axis=0).tolist(),
        grid.retirements.sum(axis=0).tolist(),
        grid.contract_ends.sum(axis=0).tolist(),
        (-np.minimum(gap, 0)).sum(axis=0).tolist(),
        np.maximum(gap, 0).sum(axis=0).tolist(),
        strict=True,
    )
    return tuple(
        YearSum(grid.first_year + col if grid.position_ids else 0, required, *sums)
        for col, sums in enumerate(columns)
    )


def grid_priorities(grid: OutlookGrid) -> tuple[Priority, ...]:
    """`priorities` over the grid: only the positions in shortage are read out of the arrays."""
    short = grid.has_need[:, None] & (grid.gap < 0)
    found = []
    for row in np.flatnonzero(short.any(axis=1)).tolist():
        col = int(np.argmax(short[row]))
        gap, deepest = -int(grid.gap[row, col]), -int(grid.gap[row][short[row]].min())
        year = grid.first_year + col
        found.append((year, -gap, -deepest, grid.position_ids[row], grid.unit_ids[row], gap, deepest))
    return _ranked(found)


def priorities(outlooks: Sequence[PositionOutlook]) -> tuple[Priority, ...]:
    """Positions in shortage, earliest shortage first, then the deepest; these lead the proposals."""
    found = []
    for outlook in outlooks:
        short = [(y.year, -y.selisih) for y in outlook.years if y.selisih is not None and y.selisih < 0]
        if short:
            year, gap = short[0]
            deepest = max(g for _, g in short)
            found.append((year, -gap, -deepest, outlook.position_id, outlook.unit_id, gap, deepest))
    return _ranked(found)


def _ranked(found: list[tuple[int, int, int, str, str, int, int]]) -> tuple[Priority, ...]:
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
