"""Entry points: `solve` (optimal plan with a certified bound, greedy beside it) and `greedy` (baseline)."""

from __future__ import annotations

import time

import numpy as np

from tepat.engine.errors import Infeasible
from tepat.engine.placement.assign import max_weight_assignment
from tepat.engine.placement.exact import solve_constrained
from tepat.engine.placement.greedy import greedy_assignment
from tepat.engine.placement.model import IntArray, PlacementProblem
from tepat.engine.placement.plan import PlacementPlan, make_plan
from tepat.engine.placement.reduce import Reduced, reduce

OPTIMALITY_TOLERANCE = 1e-6  # relative; bound and objective closer than this count as equal


def solve(problem: PlacementProblem, *, time_limit: float = 50.0, with_greedy: bool = True) -> PlacementPlan:
    """Best plan for the whole round. Raises Infeasible when no plan meets the hard constraints.

    Without budgets the sparse assignment is exact. With `max_moves`/`unit_max_out` the unconstrained
    optimum is kept when it already fits the budgets; otherwise column generation + MIP (exact.py) runs
    until proven or `time_limit` seconds pass, and the plan carries the certified bound and its gap.
    """
    deadline = time.monotonic() + time_limit
    red = reduce(problem)
    chosen = max_weight_assignment(red)
    bound_free, proven = _value(red, chosen), True
    if red.has_side_constraints and not _within_budgets(red, chosen):
        outcome = solve_constrained(red, chosen, deadline)
        chosen, bound_free, proven = outcome.chosen, outcome.bound, outcome.proven
    slack = bound_free - _value(red, chosen)
    baseline = _greedy_or_none(red) if with_greedy else None
    plan = make_plan(problem, _seat_of(red, chosen), optimal=False, bound=None, greedy=baseline)
    bound = plan.objective + max(slack, 0.0)
    optimal = proven or slack <= OPTIMALITY_TOLERANCE * max(1.0, abs(bound))
    return make_plan(problem, plan.seat_of, optimal=optimal, bound=bound, greedy=baseline)


def greedy(problem: PlacementProblem) -> PlacementPlan:
    """What one-by-one filling gives under the same constraints (see greedy.py)."""
    red = reduce(problem)
    plan = _greedy_or_none(red)
    if plan is None:
        raise Infeasible(
            "pengisian satu per satu tidak dapat menempatkan semua pegawai berkursi", field="employees"
        )
    return plan


def _greedy_or_none(red: Reduced) -> PlacementPlan | None:
    chosen = greedy_assignment(red)
    if chosen is None:
        return None
    return make_plan(red.problem, _seat_of(red, chosen), optimal=False, bound=None)


def _value(red: Reduced, chosen: IntArray) -> float:
    return float(red.w[chosen[chosen >= 0]].sum())


def _within_budgets(red: Reduced, chosen: IntArray) -> bool:
    picked = chosen[chosen >= 0]
    if red.moves_left is not None and int(red.moved[picked].sum()) > red.moves_left:
        return False
    if red.unit_left is None:
        return True
    out = red.out_unit[picked]
    used = np.bincount(out[out >= 0], minlength=len(red.unit_left))
    return bool(((red.unit_left < 0) | (used <= red.unit_left)).all())


def _seat_of(red: Reduced, chosen: IntArray) -> IntArray:
    seat_of = red.preset.copy()
    seat_of[red.rows] = -1
    picked = chosen >= 0
    seat_of[red.rows[picked]] = red.cols[red.p_col[chosen[picked]]]
    return seat_of
