"""A plan as people read it: who sits where, the total, the moves, and the chains and swaps they form."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from tepat.engine.placement.model import IntArray, PlacementProblem


@dataclass(frozen=True)
class Placement:
    employee: str
    seat: str | None
    moved: bool
    score: float  # fit score of the final pair (0 without a seat); bonuses are in the objective only


@dataclass(frozen=True, eq=False)
class PlacementPlan:
    seat_of: IntArray  # final seat index per employee, -1 = none
    assignment: tuple[Placement, ...]
    objective: float
    moves: int
    chains: tuple[tuple[str, ...], ...]  # starts at whoever fills an originally vacant seat
    cycles: tuple[tuple[str, ...], ...]  # closed swaps, starting at the earliest employee
    unfilled_seats: tuple[str, ...]
    optimal: bool
    bound: float | None  # upper bound on the objective of any feasible plan; None for the greedy baseline
    greedy: PlacementPlan | None = None

    @property
    def gap(self) -> float | None:
        return None if self.bound is None else max(self.bound - self.objective, 0.0)


def make_plan(
    problem: PlacementProblem,
    seat_of: IntArray,
    *,
    optimal: bool,
    bound: float | None,
    greedy: PlacementPlan | None = None,
) -> PlacementPlan:
    scores = _final_scores(problem, seat_of)
    seated = seat_of >= 0
    stays = seated & (seat_of == problem.current)
    filled = np.zeros(len(problem.seat_ids), dtype=bool)
    filled[seat_of[seated]] = True
    objective = math.fsum(scores[seated].tolist()) + problem.stay_bonus * int(stays.sum())
    objective -= math.fsum(problem.vacancy_penalty[~filled].tolist())
    moved = seat_of != problem.current
    chains, cycles = chains_and_cycles(problem.current, seat_of, len(problem.seat_ids))
    ids, seat_ids = problem.employee_ids, problem.seat_ids
    return PlacementPlan(
        seat_of=seat_of,
        assignment=tuple(
            Placement(ids[i], seat_ids[s] if s >= 0 else None, bool(moved[i]), float(scores[i]))
            for i, s in enumerate(seat_of.tolist())
        ),
        objective=objective,
        moves=int(moved.sum()),
        chains=tuple(tuple(ids[i] for i in chain) for chain in chains),
        cycles=tuple(tuple(ids[i] for i in cycle) for cycle in cycles),
        unfilled_seats=tuple(seat_ids[s] for s in np.flatnonzero(~filled)),
        optimal=optimal,
        bound=None if bound is None else max(bound, objective),
        greedy=greedy,
    )


def _final_scores(problem: PlacementProblem, seat_of: IntArray) -> np.ndarray:
    m = len(problem.seat_ids)
    keys = problem.pair_employee * m + problem.pair_seat
    seated = np.flatnonzero(seat_of >= 0)
    at = np.searchsorted(keys, seated * m + seat_of[seated])
    scores = np.zeros(len(seat_of))
    scores[seated] = problem.pair_score[at]
    return scores


def chains_and_cycles(
    current: IntArray, seat_of: IntArray, n_seats: int
) -> tuple[list[list[int]], list[list[int]]]:
    """Chains follow "who took the seat I left" from each filler of an originally vacant seat; the rest loop."""
    holder = np.full(n_seats, -1, dtype=np.int64)
    holder[current[current >= 0]] = np.flatnonzero(current >= 0)
    taker = np.full(n_seats, -1, dtype=np.int64)
    taker[seat_of[seat_of >= 0]] = np.flatnonzero(seat_of >= 0)
    movers = np.flatnonzero((seat_of >= 0) & (seat_of != current)).tolist()
    visited: set[int] = set()
    chains = [_follow(start, current, taker, visited) for start in movers if holder[seat_of[start]] < 0]
    cycles = [_follow(start, current, taker, visited) for start in movers if start not in visited]
    return chains, cycles


def _follow(start: int, current: IntArray, taker: IntArray, visited: set[int]) -> list[int]:
    path, person = [], start
    while person >= 0 and person not in visited:
        path.append(person)
        visited.add(person)
        seat = int(current[person])
        person = int(taker[seat]) if seat >= 0 else -1
    return path
