"""The one-by-one baseline: fill whichever open seat has the best available pair, again and again.

It starts from everyone in their current seat (the settled pairs applied) and repeatedly takes the best
pair (score + seat penalty; ties by employee then seat, in input order) whose seat is open now, whose
employee has not been placed yet, that improves the total, and that the budgets allow. Taking it opens the
employee's old seat, which is how a spreadsheet round produces chains. Employees displaced by a fixed pair
or a forbidden current seat are seated first, each on their best open seat.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import numpy as np

from tepat.engine.placement.model import IntArray
from tepat.engine.placement.reduce import Reduced


@dataclass
class _State:
    red: Reduced
    holder: IntArray  # per column: row sitting there, -1 open
    chosen: IntArray  # per row: pair index, -1 none
    placed: np.ndarray  # per row: already moved once
    moves_left: float
    unit_left: IntArray
    heap: list[tuple[float, int, int, int]] = field(default_factory=list)

    def allowed(self, p: int) -> bool:
        red = self.red
        if red.moved[p] and self.moves_left <= 0:
            return False
        unit = int(red.out_unit[p])
        return unit < 0 or self.unit_left[unit] > 0

    def take(self, p: int) -> int:
        """Seat the pair's employee; return the column they left (-1 if none)."""
        red = self.red
        row, col = int(red.p_row[p]), int(red.p_col[p])
        old = int(self.chosen[row])
        left = int(red.p_col[old]) if old >= 0 else -1
        if left >= 0:
            self.holder[left] = -1
        self.holder[col], self.chosen[row], self.placed[row] = row, p, True
        self.moves_left -= bool(red.moved[p])
        if red.out_unit[p] >= 0:
            self.unit_left[red.out_unit[p]] -= 1
        return left


def greedy_assignment(red: Reduced) -> IntArray | None:
    """Chosen pair per row, or None when one-by-one filling cannot seat everyone who must be seated."""
    state = _initial_state(red)
    if not _seat_displaced(state):
        return None
    by_col = _candidates_by_column(red, state)
    pointer = np.zeros(len(red.cols), dtype=np.int64)
    for open_col in np.flatnonzero(state.holder < 0).tolist():
        _push_next(state, by_col, pointer, open_col)
    while state.heap and state.moves_left > 0:  # every candidate is a move
        _, _, _, p = heapq.heappop(state.heap)
        col = int(red.p_col[p])
        if state.holder[col] >= 0:
            continue
        row = int(red.p_row[p])
        if state.placed[row] or not state.allowed(p):
            _push_next(state, by_col, pointer, col)
            continue
        left = state.take(p)
        if left >= 0:
            _push_next(state, by_col, pointer, left)
    return state.chosen


def _initial_state(red: Reduced) -> _State:
    n, m = len(red.rows), len(red.cols)
    chosen = np.full(n, -1, dtype=np.int64)
    stays = np.flatnonzero(~red.moved)
    chosen[red.p_row[stays]] = stays
    holder = np.full(m, -1, dtype=np.int64)
    holder[red.p_col[stays]] = red.p_row[stays]
    units = red.unit_left.copy() if red.unit_left is not None else np.zeros(0, dtype=np.int64)
    moves = float(red.moves_left) if red.moves_left is not None else np.inf
    return _State(red, holder, chosen, np.zeros(n, dtype=bool), moves, units)


def _seat_displaced(state: _State) -> bool:
    red = state.red
    for row in np.flatnonzero(red.mandatory & (state.chosen < 0)):
        pairs = np.flatnonzero(red.p_row == row)
        open_pairs = [int(p) for p in pairs if state.holder[red.p_col[p]] < 0 and state.allowed(int(p))]
        if not open_pairs:
            return False
        state.take(max(open_pairs, key=lambda p: (red.w[p], -red.p_col[p])))
    return True


def _candidates_by_column(red: Reduced, state: _State) -> list[IntArray]:
    """Per column, the improving moves in greedy order: value descending, then employee, then seat."""
    base = np.zeros(len(red.rows))
    held = state.chosen >= 0
    base[held] = red.w[state.chosen[held]]
    useful = np.flatnonzero(red.moved & (red.w > base[red.p_row]))
    order = useful[np.lexsort((red.p_row[useful], -red.w[useful], red.p_col[useful]))]
    starts = np.searchsorted(red.p_col[order], np.arange(len(red.cols) + 1))
    return [order[starts[c] : starts[c + 1]] for c in range(len(red.cols))]


def _push_next(state: _State, by_col: list[IntArray], pointer: IntArray, col: int) -> None:
    """Offer the column's next candidate whose employee is still unplaced."""
    cands, red = by_col[col], state.red
    k = int(pointer[col])
    while k < len(cands) and state.placed[red.p_row[cands[k]]]:
        k += 1
    pointer[col] = k + 1
    if k < len(cands):
        p = int(cands[k])
        heapq.heappush(state.heap, (-float(red.w[p]), int(red.p_row[p]), col, p))
