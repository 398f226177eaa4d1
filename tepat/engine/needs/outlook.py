"""Departures (BUP, PPPK contract ends), the five-year projection, priorities and the vacancy map."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

import numpy as np

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


def project(
    position_balances: Sequence[Balance],
    leaving: Sequence[Departure],
    *,
    reference: date,
    rules: NeedsRules = DEFAULT_RULES,
) -> tuple[PositionOutlook, ...]:
    """Year by year from the year after `reference`: bezetting minus retirements and contract ends so far."""
    index = {b.need.position_id: i for i, b in enumerate(position_balances)}
    years, first = rules.projection_years, reference.year + 1
    shape = (len(position_balances), years)
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
