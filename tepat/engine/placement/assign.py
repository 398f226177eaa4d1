"""Exact maximum-weight assignment on the sparse pair list (LAPJVsp via scipy's csgraph).

Rows are the free employees; columns are the free seats plus one private "no seat" column per seatless
employee, so a matching that covers every row gives employees with a seat exactly one seat, and seatless
employees a seat or nothing. Seats need no dummy: a rectangular matching leaves columns free, and the
vacancy penalty already sits in the pair weights (see reduce.py).
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_bipartite_matching, min_weight_full_bipartite_matching

from tepat.engine.errors import Infeasible
from tepat.engine.placement.model import FloatArray, IntArray
from tepat.engine.placement.reduce import Reduced


def max_weight_assignment(red: Reduced, weights: FloatArray | None = None) -> IntArray:
    """Chosen pair index per row (-1: seatless employee left without a seat). Infeasible if none exists."""
    w = red.w if weights is None else weights
    n, m = len(red.rows), len(red.cols)
    chosen = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return chosen
    optional = np.flatnonzero(~red.mandatory)
    if len(w) == 0:
        if red.mandatory.any():
            raise _no_seat_for(red)
        return chosen
    # Costs must be strictly positive: the sparse solver reads stored zeros as missing edges.
    shift = max(float(w.max()), 0.0) + 1.0
    data = np.concatenate([shift - w, np.full(len(optional), shift)])
    r = np.concatenate([red.p_row, optional])
    c = np.concatenate([red.p_col, m + np.arange(len(optional))])
    graph = csr_matrix((data, (r, c)), shape=(n, m + len(optional)))
    try:
        row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    except ValueError as exc:
        raise _no_seat_for(red) from exc
    real = col_ind < m
    chosen[row_ind[real]] = pair_lookup(red, row_ind[real], col_ind[real])
    return chosen


def pair_lookup(red: Reduced, rows: IntArray, cols: IntArray) -> IntArray:
    """Pair index of each (row, col); the pair list is sorted by (row, col)."""
    m = len(red.cols)
    keys = red.p_row * m + red.p_col
    return np.searchsorted(keys, rows * m + cols).astype(np.int64)


def _no_seat_for(red: Reduced) -> Infeasible:
    """Name one employee with a seat whom no assignment can seat (from a maximum-cardinality matching)."""
    mand = np.flatnonzero(red.mandatory)
    index = np.full(len(red.rows), -1, dtype=np.int64)
    index[mand] = np.arange(len(mand))
    keep = index[red.p_row] >= 0
    graph = csr_matrix(
        (np.ones(int(keep.sum())), (index[red.p_row[keep]], red.p_col[keep])),
        shape=(len(mand), len(red.cols)),
    )
    match = maximum_bipartite_matching(graph, perm_type="column") if len(mand) else np.array([], dtype=int)
    lost = mand[np.flatnonzero(match < 0)] if len(match) else mand
    who = red.problem.employee_ids[int(red.rows[lost[0]])] if len(lost) else "?"
    return Infeasible(
        f"tidak ada penempatan yang memberi setiap pegawai berkursi sebuah kursi (misalnya {who})",
        field="employees",
    )
