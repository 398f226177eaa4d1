"""Side constraints (max moves, unit limits): column generation on the LP, then HiGHS MIP, with a certificate.

The LP is the assignment polytope plus a few budget rows. Any dual vector y (row duals free for employees
who must be seated, all others ≥ 0) certifies, for every feasible plan x,
    value(x) ≤ D(y) + Σ_rows rc_row(x),   D(y) = Σ y·b,   rc_p = w_p − y·A_p,
so with M_i the best reduced cost in row i (at least 0 when the row may stay empty) the bound
UB = D(y) + Σ M_i holds for the full problem whatever pairs the LP saw. Column generation drives UB down to
the LP value; a pair with M_i − rc_p > UB − LB cannot appear in any plan better than the incumbent LB
(reduced-cost fixing), so a MIP over the surviving pairs is exact for the full problem.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

from tepat.engine.errors import Infeasible
from tepat.engine.placement.assign import max_weight_assignment
from tepat.engine.placement.greedy import greedy_assignment
from tepat.engine.placement.model import BoolArray, FloatArray, IntArray
from tepat.engine.placement.reduce import Reduced

TOP_K = 6  # pairs per employee in the first restricted LP
ADD_K = 3  # priced-in pairs per employee per round
CG_GAP = 1e-9  # stop pricing once the bound is this close (relative) to the restricted LP
MAX_ROUNDS = 40
MIP_CAP = 400_000  # beyond this many pairs the MIP is not attempted on the fixed set
TOL = 1e-7
CG_SHARE = 0.5  # of the time left, for column generation; the MIP gets the rest


@dataclass(frozen=True)
class Outcome:
    chosen: IntArray  # pair index per row, -1 = none
    bound: float  # upper bound on the free problem's value
    proven: bool


@dataclass(frozen=True, eq=False)
class _Layout:
    """Constraint rows: one per employee, one per seat, then the move budget and each limited unit."""

    cons: IntArray  # COO over all pairs: constraint index
    pair: IntArray  # COO over all pairs: pair index
    upper: FloatArray  # right-hand side per constraint
    equality: BoolArray  # employee rows that must be covered exactly once
    move_row: int
    unit_row: IntArray  # per unit, -1 when unlimited


def _layout(red: Reduced) -> _Layout:
    n, m, n_pairs = len(red.rows), len(red.cols), len(red.w)
    units = red.unit_left if red.unit_left is not None else np.zeros(0, dtype=np.int64)
    limited = np.flatnonzero(units >= 0)
    move_row = n + m if red.moves_left is not None else -1
    unit_row = np.full(len(units), -1, dtype=np.int64)
    unit_row[limited] = n + m + (move_row >= 0) + np.arange(len(limited))
    pairs = np.arange(n_pairs)
    cons = [
        red.p_row,
        n + red.p_col,
        np.full(int(red.moved.sum()), move_row),
        unit_row[red.out_unit[red.out_unit >= 0]],
    ]
    owner = [pairs, pairs, pairs[red.moved], pairs[red.out_unit >= 0]]
    if move_row < 0:
        cons, owner = [cons[0], cons[1], cons[3]], [owner[0], owner[1], owner[3]]
    budget = [] if red.moves_left is None else [float(red.moves_left)]
    upper = np.concatenate([np.ones(n + m), budget, units[limited].astype(float)])
    equality = np.zeros(len(upper), dtype=bool)
    equality[:n] = red.mandatory
    return _Layout(np.concatenate(cons), np.concatenate(owner), upper, equality, move_row, unit_row)


def _matrix(red: Reduced, lay: _Layout, subset: IntArray) -> csr_matrix:
    """Constraint matrix over `subset` pairs, then one slack column per employee who must be seated."""
    position = np.full(len(red.w), -1, dtype=np.int64)
    position[subset] = np.arange(len(subset))
    keep = position[lay.pair] >= 0
    mand = np.flatnonzero(red.mandatory)
    rows = np.concatenate([lay.cons[keep], mand])
    cols = np.concatenate([position[lay.pair[keep]], len(subset) + np.arange(len(mand))])
    shape = (len(lay.upper), len(subset) + len(mand))
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)


def _big(red: Reduced) -> float:
    # A slack (an employee left seatless) costs more than any plan can gain, so slack means infeasible.
    return 1.0 + 2.0 * len(red.rows) * float(np.abs(red.w).max(initial=1.0))


def _lp_duals(red: Reduced, lay: _Layout, subset: IntArray) -> tuple[FloatArray, float] | None:
    a = _matrix(red, lay, subset)
    cost = np.concatenate([-red.w[subset], np.full(int(red.mandatory.sum()), _big(red))])
    eq, ub = np.flatnonzero(lay.equality), np.flatnonzero(~lay.equality)
    res = linprog(
        cost,
        A_ub=a[ub],
        b_ub=lay.upper[ub],
        A_eq=a[eq] if len(eq) else None,
        b_eq=lay.upper[eq] if len(eq) else None,
        bounds=(0, None),
        method="highs-ipm",
    )
    if res.status != 0:
        return None
    y = np.zeros(len(lay.upper))
    y[ub] = np.maximum(-res.ineqlin.marginals, 0.0)  # clipping keeps the certificate valid
    if len(eq):
        y[eq] = -res.eqlin.marginals
    return y, -float(res.fun)


def _pricing(red: Reduced, lay: _Layout, y: FloatArray) -> tuple[FloatArray, FloatArray, float]:
    """Reduced cost per pair, best reduced cost per row, and the certified upper bound UB(y)."""
    n = len(red.rows)
    rc = red.w - y[red.p_row] - y[n + red.p_col]
    if lay.move_row >= 0:
        rc -= y[lay.move_row] * red.moved
    out = red.out_unit >= 0
    rc[out] -= y[lay.unit_row[red.out_unit[out]]]
    row_max = np.full(n, -np.inf)
    np.maximum.at(row_max, red.p_row, rc)
    row_max[~red.mandatory] = np.maximum(row_max[~red.mandatory], 0.0)
    dual = float(y[lay.equality].sum() + (y[~lay.equality] * lay.upper[~lay.equality]).sum())
    return rc, row_max, dual + float(row_max.sum())


def _top_per_row(red: Reduced, score: FloatArray, mask: BoolArray, k: int) -> IntArray:
    """Up to k pairs per row among `mask`, highest score first, ties by seat."""
    idx = np.flatnonzero(mask)
    order = idx[np.lexsort((red.p_col[idx], -score[idx], red.p_row[idx]))]
    rows = red.p_row[order]
    first = np.searchsorted(rows, rows)  # rows are grouped, so this is each group's start
    return order[np.arange(len(order)) - first < k]


def _mip(red: Reduced, lay: _Layout, subset: IntArray, seconds: float) -> tuple[IntArray | None, float, bool]:
    """HiGHS branch and bound over `subset`: chosen pairs per row (None if none found), dual bound, proven."""
    a = _matrix(red, lay, subset)
    cost = np.concatenate([-red.w[subset], np.full(int(red.mandatory.sum()), _big(red))])
    lower = np.where(lay.equality, lay.upper, -np.inf)
    res = milp(
        cost,
        integrality=np.ones(len(cost)),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(a, lower, lay.upper),
        options={"time_limit": max(seconds, 1.0), "mip_rel_gap": 1e-9, "disp": False},
    )
    dual = getattr(res, "mip_dual_bound", None)
    bound = -float(dual) if dual is not None and np.isfinite(dual) else np.inf
    if res.x is None or (res.x[len(subset) :] > 0.5).any():
        return None, bound, res.status == 0
    chosen = np.full(len(red.rows), -1, dtype=np.int64)
    picked = subset[res.x[: len(subset)] > 0.5]
    chosen[red.p_row[picked]] = picked
    return chosen, bound, res.status == 0


def _value(red: Reduced, chosen: IntArray | None) -> float:
    return -np.inf if chosen is None else float(red.w[chosen[chosen >= 0]].sum())


def solve_constrained(red: Reduced, start: IntArray, deadline: float) -> Outcome:
    """Best plan under the budgets with a certified bound; `start` is the unconstrained optimum."""
    lay = _layout(red)
    in_s = np.zeros(len(red.w), dtype=bool)
    in_s[_top_per_row(red, red.w, np.ones(len(red.w), dtype=bool), TOP_K)] = True
    in_s[~red.moved] = True  # staying put is always a candidate
    in_s[start[start >= 0]] = True
    now = time.monotonic()
    (rc, row_max, ub_price), ub_lagr = _column_generation(red, lay, in_s, now + CG_SHARE * (deadline - now))
    chosen, mip_bound, proven = _mip(red, lay, np.flatnonzero(in_s), deadline - time.monotonic())
    lb, ub = _value(red, chosen), min(ub_price, ub_lagr)
    tolerance = TOL * max(1.0, abs(ub))
    covered = lb >= ub - tolerance  # the incumbent meets a full-problem bound: nothing left to search
    if not covered:
        # Reduced-cost fixing: only pairs that could still beat the incumbent need the MIP.
        keep = row_max[red.p_row] - rc <= (ub_price - lb) + tolerance
        covered = not (keep & ~in_s).any()
        if not covered and int((keep | in_s).sum()) <= MIP_CAP:
            wider = np.flatnonzero(keep | in_s)
            second, mip_bound, proven = _mip(red, lay, wider, deadline - time.monotonic())
            covered = True
            if _value(red, second) >= lb:
                chosen, lb = second, _value(red, second)
    if chosen is None and not (covered and proven):
        # Out of time before the MIP found a plan: one-by-one filling respects the same budgets, so it is a
        # feasible plan to show beside the certified bound (optimal stays False; the gap says how far).
        chosen = greedy_assignment(red)
        lb = _value(red, chosen)
    if chosen is None:
        # Proven only when the MIP saw every pair that matters; otherwise say no plan was found in time.
        reason = (
            "tidak dapat dipenuhi"
            if covered and proven
            else "tidak terpenuhi rencana mana pun dalam batas waktu"
        )
        raise Infeasible(f"batasan max_moves/unit_max_out {reason} bersama kursi wajib", field="max_moves")
    bound = min(ub, max(lb, mip_bound)) if covered else ub
    return Outcome(chosen=chosen, bound=max(bound, lb), proven=covered and (proven or lb >= ub - tolerance))


def _lagrangian(red: Reduced, lay: _Layout, y: FloatArray) -> tuple[float, IntArray]:
    """Exact Lagrangian bound: budgets priced by the LP's side duals, the assignment solved in full."""
    price = np.zeros(len(red.w))
    if lay.move_row >= 0:
        price += y[lay.move_row] * red.moved
    out = red.out_unit >= 0
    price[out] += y[lay.unit_row[red.out_unit[out]]]
    chosen = max_weight_assignment(red, red.w - price)
    picked = chosen[chosen >= 0]
    budgets = ~lay.equality
    budgets[: len(red.rows) + len(red.cols)] = False
    value = float((red.w - price)[picked].sum() + (y[budgets] * lay.upper[budgets]).sum())
    return value, picked


def _column_generation(
    red: Reduced, lay: _Layout, in_s: BoolArray, deadline: float
) -> tuple[tuple[FloatArray, FloatArray, float], float]:
    """Grow `in_s` (in place) until the restricted LP meets a full-problem bound.

    Returns the pricing with the lowest pricing bound, and the lowest Lagrangian bound.
    """
    best: tuple[FloatArray, FloatArray, float] | None = None
    best_lagr = np.inf
    for _ in range(MAX_ROUNDS):
        solved = _lp_duals(red, lay, np.flatnonzero(in_s))
        if solved is None:
            break
        priced = _pricing(red, lay, solved[0])
        if best is None or priced[2] < best[2]:
            best = priced
        lagr, picked = _lagrangian(red, lay, solved[0])
        best_lagr = min(best_lagr, lagr)
        in_s[picked] = True
        violating = (priced[0] > TOL) & ~in_s
        bound = min(best[2], best_lagr)
        if bound - solved[1] <= CG_GAP * max(1.0, abs(bound)) or time.monotonic() > deadline:
            break
        in_s[_top_per_row(red, priced[0], violating, ADD_K)] = True
    if best is None:
        raise Infeasible("program linear penempatan tidak dapat diselesaikan", field="max_moves")
    return best, best_lagr
