"""Placement input: plain records in, one frozen `PlacementProblem` of index arrays out.

Ids become indices once here, so every solver works on numpy arrays. Allowed pairs are a sparse list
(employee, seat, score) sorted by (employee, seat): pairs that fail a hard rule or are forbidden are absent,
and an employee's current seat is always present (score 0 when the case gives none) unless forbidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tepat.engine.errors import FieldProblem, Infeasible, InvalidInput

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]


@dataclass(frozen=True)
class Employee:
    id: str
    current_seat: str | None = None
    movable: bool = True  # False: the employee stays where they are (seat or no seat)


@dataclass(frozen=True)
class Seat:
    id: str
    unit: str


@dataclass(frozen=True, eq=False)
class PlacementProblem:
    """Everything a solver needs, as indices. Build it with `build_problem` unless you already hold arrays."""

    employee_ids: tuple[str, ...]
    seat_ids: tuple[str, ...]
    unit_ids: tuple[str, ...]
    seat_unit: IntArray  # unit index per seat
    current: IntArray  # seat index per employee, -1 = no seat
    movable: BoolArray
    pair_employee: IntArray  # allowed pairs, sorted by (employee, seat), unique
    pair_seat: IntArray
    pair_score: FloatArray
    vacancy_penalty: FloatArray  # per seat, paid when the seat ends empty
    stay_bonus: float = 0.0
    max_moves: int | None = None
    unit_max_out: IntArray | None = None  # per unit, -1 = no limit
    fixed: tuple[tuple[int, int], ...] = ()  # (employee index, seat index)

    @property
    def has_side_constraints(self) -> bool:
        limited = self.unit_max_out is not None and bool((self.unit_max_out >= 0).any())
        return self.max_moves is not None or limited

    def pair_value(self) -> FloatArray:
        """Objective contribution of each pair when taken: fit, stay bonus, and the vacancy penalty avoided."""
        stays = self.current[self.pair_employee] == self.pair_seat
        return self.pair_score + self.stay_bonus * stays + self.vacancy_penalty[self.pair_seat]


def build_problem(
    employees: Sequence[Employee],
    seats: Sequence[Seat],
    scores: Mapping[str, Mapping[str, float]],
    *,
    stay_bonus: float = 0.0,
    vacancy_penalty: float | Mapping[str, float] = 0.0,
    max_moves: int | None = None,
    unit_max_out: Mapping[str, int] | None = None,
    fixed: Sequence[tuple[str, str]] = (),
    forbidden: Sequence[tuple[str, str]] = (),
) -> PlacementProblem:
    """Check references (InvalidInput with every problem) and plain conflicts (Infeasible), then index."""
    problems = reference_problems(employees, seats, scores, vacancy_penalty, unit_max_out, fixed, forbidden)
    if problems:
        raise InvalidInput(problems)
    emp = {e.id: i for i, e in enumerate(employees)}
    seat = {s.id: j for j, s in enumerate(seats)}
    unit_ids = tuple(dict.fromkeys(s.unit for s in seats))
    unit = {u: k for k, u in enumerate(unit_ids)}
    current = np.array([seat[e.current_seat] if e.current_seat else -1 for e in employees], dtype=np.int64)
    forbidden_idx = [(emp[e], seat[s]) for e, s in forbidden]
    pe, ps, sc = _allowed_pairs(len(seats), current, _score_triples(scores, emp, seat), forbidden_idx)
    penalty = np.zeros(len(seats))
    if isinstance(vacancy_penalty, Mapping):
        for sid, value in vacancy_penalty.items():
            penalty[seat[sid]] = float(value)
    else:
        penalty[:] = float(vacancy_penalty)
    limits = None
    if unit_max_out:
        limits = np.full(len(unit_ids), -1, dtype=np.int64)
        for uid, limit in unit_max_out.items():
            limits[unit[uid]] = int(limit)
    problem = PlacementProblem(
        employee_ids=tuple(e.id for e in employees),
        seat_ids=tuple(s.id for s in seats),
        unit_ids=unit_ids,
        seat_unit=np.array([unit[s.unit] for s in seats], dtype=np.int64),
        current=current,
        movable=np.array([e.movable for e in employees], dtype=bool),
        pair_employee=pe,
        pair_seat=ps,
        pair_score=sc,
        vacancy_penalty=penalty,
        stay_bonus=float(stay_bonus),
        max_moves=max_moves,
        unit_max_out=limits,
        fixed=tuple((emp[e], seat[s]) for e, s in fixed),
    )
    check_immovable(problem)
    check_fixed(problem, set(forbidden_idx))
    return problem


def _score_triples(
    scores: Mapping[str, Mapping[str, float]], emp: Mapping[str, int], seat: Mapping[str, int]
) -> tuple[IntArray, IntArray, FloatArray]:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for eid, row in scores.items():
        i = emp[eid]
        for sid, value in row.items():
            rows.append(i)
            cols.append(seat[sid])
            vals.append(float(value))
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64)


def _allowed_pairs(
    n_seats: int,
    current: IntArray,
    triples: tuple[IntArray, IntArray, FloatArray],
    forbidden: Iterable[tuple[int, int]],
) -> tuple[IntArray, IntArray, FloatArray]:
    """Scored pairs plus every current seat (score 0 unless scored), minus forbidden; sorted and unique."""
    rows, cols, vals = triples
    seated = np.flatnonzero(current >= 0)
    keys = np.concatenate([rows * n_seats + cols, seated * n_seats + current[seated]])
    values = np.concatenate([vals, np.zeros(len(seated))])
    # Stable unique keeps the first occurrence: a scored current seat keeps its score.
    keys, first = np.unique(keys, return_index=True)
    values = values[first]
    banned = np.array([e * n_seats + s for e, s in forbidden], dtype=np.int64)
    keep = ~np.isin(keys, banned)
    keys, values = keys[keep], values[keep]
    return keys // n_seats, keys % n_seats, values


def reference_problems(
    employees: Sequence[Employee],
    seats: Sequence[Seat],
    scores: Mapping[str, Mapping[str, float]],
    vacancy_penalty: float | Mapping[str, float],
    unit_max_out: Mapping[str, int] | None,
    fixed: Sequence[tuple[str, str]],
    forbidden: Sequence[tuple[str, str]],
) -> list[FieldProblem]:
    """Every dangling or duplicated id, with the path where it appears."""
    problems = _duplicates("employees", [e.id for e in employees], "id pegawai")
    problems += _duplicates("seats", [s.id for s in seats], "id kursi")
    emp_ids = {e.id for e in employees}
    seat_ids = {s.id for s in seats}
    holder: dict[str, str] = {}
    for i, e in enumerate(employees):
        path = f"employees[{i}].current_seat"
        if e.current_seat is None:
            continue
        if e.current_seat not in seat_ids:
            problems.append(FieldProblem(path, f"kursi tidak dikenal: {e.current_seat}"))
        elif e.current_seat in holder:
            problems.append(
                FieldProblem(path, f"kursi {e.current_seat} sudah ditempati {holder[e.current_seat]}")
            )
        else:
            holder[e.current_seat] = e.id
    for eid, row in scores.items():
        if eid not in emp_ids:
            problems.append(FieldProblem(f"scores.{eid}", "pegawai tidak dikenal"))
        problems += [
            FieldProblem(f"scores.{eid}.{s}", "kursi tidak dikenal") for s in row if s not in seat_ids
        ]
    if isinstance(vacancy_penalty, Mapping):
        problems += [
            FieldProblem(f"vacancy_penalty.{s}", "kursi tidak dikenal")
            for s in vacancy_penalty
            if s not in seat_ids
        ]
    units = {s.unit for s in seats}
    problems += [
        FieldProblem(f"unit_max_out.{u}", "unit tidak dikenal") for u in unit_max_out or {} if u not in units
    ]
    problems += _pair_problems("fixed", fixed, emp_ids, seat_ids)
    problems += _pair_problems("forbidden", forbidden, emp_ids, seat_ids)
    return problems


def _duplicates(section: str, ids: list[str], label: str) -> list[FieldProblem]:
    seen: set[str] = set()
    problems = []
    for i, value in enumerate(ids):
        if value in seen:
            problems.append(FieldProblem(f"{section}[{i}].id", f"{label} ganda: {value}"))
        seen.add(value)
    return problems


def _pair_problems(
    section: str, pairs: Sequence[tuple[str, str]], emp_ids: set[str], seat_ids: set[str]
) -> list[FieldProblem]:
    problems = []
    for k, (e, s) in enumerate(pairs):
        if e not in emp_ids:
            problems.append(FieldProblem(f"{section}[{k}][0]", f"pegawai tidak dikenal: {e}"))
        if s not in seat_ids:
            problems.append(FieldProblem(f"{section}[{k}][1]", f"kursi tidak dikenal: {s}"))
    return problems


def check_immovable(problem: PlacementProblem) -> None:
    """An employee who cannot move must be allowed on their own seat."""
    m = len(problem.seat_ids)
    stuck = np.flatnonzero(~problem.movable & (problem.current >= 0))
    allowed = np.isin(stuck * m + problem.current[stuck], problem.pair_employee * m + problem.pair_seat)
    if not allowed.all():
        i = int(stuck[np.flatnonzero(~allowed)[0]])
        seat = problem.seat_ids[problem.current[i]]
        raise Infeasible(
            f"pegawai {problem.employee_ids[i]} tidak dapat dipindah, tetapi kursinya {seat} terlarang",
            field=f"employees[{i}].movable",
        )


def check_fixed(problem: PlacementProblem, forbidden: set[tuple[int, int]]) -> None:
    """Raise Infeasible for the first fixed pair that contradicts another rule, naming both sides."""
    allowed = set(zip(problem.pair_employee.tolist(), problem.pair_seat.tolist(), strict=True))
    by_emp: dict[int, int] = {}
    by_seat: dict[int, int] = {}
    holders = {int(s): i for i, s in enumerate(problem.current.tolist()) if s >= 0}
    ids, seats = problem.employee_ids, problem.seat_ids
    for k, (e, s) in enumerate(problem.fixed):
        path, pair = f"fixed[{k}]", f"({ids[e]}, {seats[s]})"
        if (e, s) in forbidden:
            raise Infeasible(f"pasangan tetap {pair} juga terlarang", field=path)
        if (e, s) not in allowed:
            raise Infeasible(f"pasangan tetap {pair} tidak memiliki skor (gagal syarat wajib)", field=path)
        if e in by_emp and by_emp[e] != s:
            raise Infeasible(f"pegawai {ids[e]} ditetapkan ke dua kursi", field=path)
        if s in by_seat and by_seat[s] != e:
            raise Infeasible(f"kursi {seats[s]} ditetapkan untuk {ids[by_seat[s]]} dan {ids[e]}", field=path)
        holder = holders.get(s, e)
        if not problem.movable[e] and problem.current[e] != s:
            raise Infeasible(
                f"pegawai {ids[e]} tidak dapat dipindah, tetapi ditetapkan ke {seats[s]}", field=path
            )
        if holder != e and not problem.movable[holder]:
            raise Infeasible(
                f"kursi {seats[s]} ditempati {ids[holder]} yang tidak dapat dipindah", field=path
            )
        by_emp[e], by_seat[s] = s, e
