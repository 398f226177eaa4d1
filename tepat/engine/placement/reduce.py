"""The free subproblem: fixed pairs and immovable employees are settled first; the solvers see the rest.

Objective bookkeeping: total = Σ taken (score + stay bonus) − Σ empty seats' penalty
                             = Σ taken (score + stay bonus + seat penalty) − Σ all penalties,
so a vacancy penalty is just a bonus on every pair that fills the seat plus a constant. That keeps the
assignment a plain maximum-weight matching with no dummy columns for seats.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tepat.engine.errors import Infeasible
from tepat.engine.placement.model import BoolArray, FloatArray, IntArray, PlacementProblem


@dataclass(frozen=True, eq=False)
class Reduced:
    problem: PlacementProblem
    preset: IntArray  # per employee: settled seat, -1 settled without seat, -2 free
    rows: IntArray  # free employees
    mandatory: BoolArray  # per row: had a seat, so must end with one
    cols: IntArray  # free seats
    p_row: IntArray  # free pairs, sorted by (row, col)
    p_col: IntArray
    p_index: IntArray  # index into the problem's pair arrays
    w: FloatArray  # pair value (score + stay bonus + seat penalty)
    moved: BoolArray
    out_unit: IntArray  # origin unit when the pair leaves it and that unit is limited, else -1
    moves_left: int | None
    unit_left: IntArray | None  # per unit, -1 = no limit

    @property
    def has_side_constraints(self) -> bool:
        return self.moves_left is not None or bool(self.out_unit.max(initial=-1) >= 0)


def reduce(problem: PlacementProblem) -> Reduced:
    n = len(problem.employee_ids)
    preset = np.full(n, -2, dtype=np.int64)
    stay = ~problem.movable
    preset[stay] = problem.current[stay]
    for e, s in problem.fixed:
        preset[e] = s
    taken = np.zeros(len(problem.seat_ids), dtype=bool)
    taken[preset[preset >= 0]] = True
    rows = np.flatnonzero(preset == -2)
    cols = np.flatnonzero(~taken)
    row_of = np.full(n, -1, dtype=np.int64)
    row_of[rows] = np.arange(len(rows))
    col_of = np.full(len(taken), -1, dtype=np.int64)
    col_of[cols] = np.arange(len(cols))
    pe, ps = problem.pair_employee, problem.pair_seat
    keep = np.flatnonzero((row_of[pe] >= 0) & (col_of[ps] >= 0))
    moved = problem.current[pe[keep]] != ps[keep]
    out_unit = _out_unit(problem, pe[keep], ps[keep])
    moves_left, unit_left = _budgets_left(problem, preset)
    if unit_left is not None:
        out_unit = np.where((out_unit >= 0) & (unit_left[np.maximum(out_unit, 0)] >= 0), out_unit, -1)
    else:
        out_unit[:] = -1
    return Reduced(
        problem=problem,
        preset=preset,
        rows=rows,
        mandatory=problem.current[rows] >= 0,
        cols=cols,
        p_row=row_of[pe[keep]],
        p_col=col_of[ps[keep]],
        p_index=keep,
        w=problem.pair_value()[keep],
        moved=moved,
        out_unit=out_unit,
        moves_left=moves_left,
        unit_left=unit_left,
    )


def _out_unit(problem: PlacementProblem, emp: IntArray, seat: IntArray) -> IntArray:
    """Origin unit of each pair whose seat lies in another unit; -1 for seatless or same-unit pairs."""
    cur = problem.current[emp]
    origin = np.where(cur >= 0, problem.seat_unit[np.maximum(cur, 0)], -1)
    leaves = (cur >= 0) & (problem.seat_unit[seat] != origin)
    return np.where(leaves, origin, -1)


def _budgets_left(problem: PlacementProblem, preset: IntArray) -> tuple[int | None, IntArray | None]:
    """What the settled employees leave of `max_moves` and `unit_max_out`; Infeasible when overspent."""
    settled = np.flatnonzero(preset != -2)
    moved = settled[problem.current[settled] != preset[settled]]
    moves_left = None
    if problem.max_moves is not None:
        moves_left = problem.max_moves - len(moved)
        if moves_left < 0:
            raise Infeasible(
                f"{len(moved)} pemindahan tetap melebihi max_moves = {problem.max_moves}", field="max_moves"
            )
    limits = problem.unit_max_out
    if limits is None or not (limits >= 0).any():
        return moves_left, None
    out = _out_unit(problem, moved, preset[moved])
    used = np.bincount(out[out >= 0], minlength=len(limits))
    left = np.where(limits >= 0, limits - used, -1)
    over = np.flatnonzero((limits >= 0) & (left < 0))
    if len(over):
        u = problem.unit_ids[over[0]]
        raise Infeasible(
            f"{used[over[0]]} pemindahan tetap keluar unit {u} melebihi batas {limits[over[0]]}",
            field=f"unit_max_out.{u}",
        )
    return moves_left, left
