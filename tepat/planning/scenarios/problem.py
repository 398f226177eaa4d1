"""From scenario data to the engine's `PlacementProblem`: fit (with preferences), screening, allowed pairs.

Pairs are built as arrays (never a dict per pair) so a city-wide pool stays in memory budget: an employee
keeps at most `PAIRS_PER_EMPLOYEE` best-fitting allowed seats plus their own seat and any locked seat.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from tepat.engine.fit import FitMatrix, FitWeights, fit_matrix
from tepat.engine.placement.model import PlacementProblem, check_fixed, check_immovable
from tepat.engine.rules import RuleBook, screen
from tepat.planning.inputs import FitContext, build_fit_context
from tepat.planning.scenarios.loading import PreferenceRow, ScenarioData, SeatInfo

PAIRS_PER_EMPLOYEE = 300
PREFERENCE_VALUE = {1: 1.0, 2: 0.75, 3: 0.5}  # first choice counts fully; an unchosen seat is 0
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Constraints:
    stay_bonus: float
    rotation_bonus: float  # added to every move of an employee past the maximum tenure (R2, wajib rotasi)
    vacancy_penalty: float
    priority_vacancy_penalty: float
    max_moves: int | None
    unit_max_out: int | None


@dataclass(frozen=True, eq=False)
class ScenarioProblem:
    data: ScenarioData
    context: FitContext  # preference already set on context.inputs
    fit: FitMatrix
    seat_pos: IntArray  # (S,) row of each seat's position in the fit arrays
    current_seat: IntArray  # (E,) seat index of each pool member, -1 = none in the problem
    problem: PlacementProblem
    rule_versions: tuple[str, ...]

    def seat_score(self, e: int, s: int) -> float:
        value = float(self.fit.score[e, self.seat_pos[s]])
        return 0.0 if np.isnan(value) else value


def preference_matrix(
    employee_ids: list[int], positions: list[tuple[int, str]], rows: list[PreferenceRow]
) -> FloatArray | None:
    """(E, P): the stated value of each position (0 = stated, but not this one); NaN where nothing stated."""
    if not rows:
        return None
    row_of = {pk: i for i, pk in enumerate(employee_ids)}
    pref = np.full((len(employee_ids), len(positions)), np.nan)
    for row in rows:
        e = row_of[row.employee_id]
        if np.isnan(pref[e, 0]):
            pref[e] = 0.0
        value = PREFERENCE_VALUE[row.rank]
        for p, (position_id, unit_path) in enumerate(positions):
            if position_id == row.position_id or (row.unit_path and unit_path.startswith(row.unit_path)):
                pref[e, p] = max(pref[e, p], value)
    return pref


def _positions(seats: list[SeatInfo]) -> list[tuple[int, str]]:
    return sorted({(s.position_id, s.unit_path) for s in seats})


def _top_pairs(
    score: npt.NDArray[np.float32], allowed: npt.NDArray[np.bool_], k: int
) -> tuple[IntArray, IntArray]:
    """(employee, seat) of each employee's best `k` allowed seats."""
    masked = np.where(allowed, score, -np.inf)
    if masked.shape[1] > k:
        top = np.argpartition(-masked, k - 1, axis=1)[:, :k]
        keep = np.zeros_like(allowed)
        np.put_along_axis(keep, top, values=True, axis=1)
        allowed = allowed & keep
    rows, cols = np.nonzero(allowed)
    return rows.astype(np.int64), cols.astype(np.int64)


def _pairs(sp_score: npt.NDArray[np.float32], allowed: npt.NDArray[np.bool_], current: IntArray,
           extra: list[tuple[int, int]], banned: list[tuple[int, int]]) -> tuple[IntArray, IntArray, FloatArray]:  # fmt: skip
    """Allowed pairs plus own seats and locked pairs, minus forbidden; sorted by (employee, seat), unique."""
    rows, cols = _top_pairs(sp_score, allowed, PAIRS_PER_EMPLOYEE)
    seated = np.flatnonzero(current >= 0)
    rows = np.concatenate([rows, seated, np.array([e for e, _ in extra], dtype=np.int64)])
    cols = np.concatenate([cols, current[seated], np.array([s for _, s in extra], dtype=np.int64)])
    n_seats = sp_score.shape[1]
    keys = np.unique(rows * n_seats + cols)
    if banned:
        keys = keys[~np.isin(keys, np.array([e * n_seats + s for e, s in banned], dtype=np.int64))]
    pe, ps = keys // n_seats, keys % n_seats
    values = np.nan_to_num(sp_score[pe, ps].astype(np.float64), nan=0.0)
    return pe, ps, values


def _indices(data: ScenarioData, pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    emp = {m.pk: i for i, m in enumerate(data.pool)}
    seat = {s.pk: j for j, s in enumerate(data.seats)}
    return [(emp[e], seat[s]) for e, s in pairs if e in emp and s in seat]


def _same_post(pe: IntArray, ps: IntArray, current: IntArray, seat_position: IntArray,
               kept: list[tuple[int, int]]) -> npt.NDArray[np.bool_]:  # fmt: skip
    """Pairs that put someone in another seat of the post they hold: no transfer at all (same position, same unit),
    so it must neither use the move budget nor earn the rotation bonus. A lock the analyst set is kept."""
    own = current[pe]
    same = (own >= 0) & (ps != own) & (seat_position[ps] == seat_position[np.maximum(own, 0)])
    if kept:
        locked = np.isin(
            pe * len(seat_position) + ps, np.array([e * len(seat_position) + s for e, s in kept])
        )
        same &= ~locked
    return same


def _placement_problem(data: ScenarioData, sp_score: npt.NDArray[np.float32], allowed: npt.NDArray[np.bool_],
                       current: IntArray, due: npt.NDArray[np.bool_], c: Constraints) -> PlacementProblem:  # fmt: skip
    fixed = _indices(data, data.locked)
    banned = _indices(data, data.forbidden)
    kept = [pair for pair in fixed if allowed[pair]]  # a lock survives pruning, never a failed hard rule
    pe, ps, values = _pairs(sp_score, allowed, current, kept, banned)
    keep = ~_same_post(pe, ps, current, np.array([s.position_id for s in data.seats], dtype=np.int64), kept)
    pe, ps, values = pe[keep], ps[keep], values[keep]
    values = values + c.rotation_bonus * (due[pe] & (current[pe] != ps))
    unit_ids = tuple(dict.fromkeys(f"u{s.unit_id}" for s in data.seats))
    unit = {u: k for k, u in enumerate(unit_ids)}
    penalty = np.array([c.priority_vacancy_penalty if s.priority else c.vacancy_penalty for s in data.seats])
    limits = None
    if c.unit_max_out is not None:
        limits = np.full(len(unit_ids), c.unit_max_out, dtype=np.int64)
    problem = PlacementProblem(
        employee_ids=tuple(f"e{m.pk}" for m in data.pool),
        seat_ids=tuple(f"s{s.pk}" for s in data.seats),
        unit_ids=unit_ids,
        seat_unit=np.array([unit[f"u{s.unit_id}"] for s in data.seats], dtype=np.int64),
        current=current,
        movable=np.ones(len(data.pool), dtype=bool),
        pair_employee=pe,
        pair_seat=ps,
        pair_score=values,
        vacancy_penalty=penalty.astype(np.float64),
        stay_bonus=c.stay_bonus,
        max_moves=c.max_moves,
        unit_max_out=limits,
        fixed=tuple(fixed),
    )
    check_immovable(problem)
    check_fixed(problem, set(banned))
    return problem


def scenario_problem_build(
    *, data: ScenarioData, weights: FitWeights, constraints: Constraints, rule_book: RuleBook
) -> ScenarioProblem:
    positions = _positions(data.seats)
    position_ids = [p for p, _ in positions]
    employee_ids = [m.pk for m in data.pool]
    context = build_fit_context(position_ids=position_ids, on=data.on, employee_ids=employee_ids)
    pref = preference_matrix(employee_ids, positions, data.preferences)
    context = replace(context, inputs=replace(context.inputs, preference=pref))
    fit = fit_matrix(context.inputs, weights)
    screening = screen(context.screening, data.on, rule_book)
    row_of = {pk: i for i, pk in enumerate(position_ids)}
    seat_pos = np.array([row_of[s.position_id] for s in data.seats], dtype=np.int64)
    seat_index = {s.pk: j for j, s in enumerate(data.seats)}
    current = np.array(
        [seat_index.get(m.seat_id, -1) if m.seat_id else -1 for m in data.pool], dtype=np.int64
    )
    sp_score = fit.score[:, seat_pos]
    allowed = ~screening.fails[:, seat_pos] & ~np.isnan(sp_score)
    problem = _placement_problem(data, sp_score, allowed, current, screening.rotation_due, constraints)
    return ScenarioProblem(data, context, fit, seat_pos, current, problem, screening.versions)


def inputs_hash(sp: ScenarioProblem, weights: FitWeights, constraints: Constraints, on: date) -> str:
    """SHA-256 over everything that decides the plan: pairs and scores, seats, constraints, weights, rules."""
    p = sp.problem
    digest = hashlib.sha256()
    header = {
        "on": on.isoformat(),
        "employees": p.employee_ids,
        "seats": p.seat_ids,
        "weights": weights.__dict__,
        "constraints": constraints.__dict__,
        "fixed": p.fixed,
        "rules": sp.rule_versions,
    }
    digest.update(json.dumps(header, sort_keys=True, default=str).encode())
    for array in (
        p.current,
        p.seat_unit,
        p.pair_employee,
        p.pair_seat,
        np.round(p.pair_score, 4),
        p.vacancy_penalty,
    ):
        digest.update(np.ascontiguousarray(array).tobytes())
    return digest.hexdigest()
