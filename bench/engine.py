"""Engine at city scale: the full fit matrix and the screening for every active employee × every open seat.

Inputs come once from the planning app's loader (`build_fit_context`, timed on its own), one column per open
seat; reference: one plain numpy product of the same (E×C)·(C×P) shape.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from bench.stats import Result, Target
from tepat.engine.fit import FitInputs
from tepat.engine.rules.screening import ScreeningInput

SCORING_TARGET = Target("< 2 s", 2.0, "median")


def timed(func: Callable[[], Any], runs: int) -> tuple[list[float], float]:
    """Times of `runs` calls after one warm-up, and the tracemalloc peak of one more call (numpy is traced)."""
    func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    tracemalloc.start()
    try:
        func()
        return samples, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


@dataclass(frozen=True, eq=False)
class CityInputs:
    fit: FitInputs
    screening: ScreeningInput
    on: date


def by_seat(screening: ScreeningInput, rows: npt.NDArray[np.int64]) -> ScreeningInput:
    return replace(
        screening,
        rank_min=screening.rank_min[rows],
        rank_max=screening.rank_max[rows],
        min_education_order=screening.min_education_order[rows],
    )


def load() -> tuple[CityInputs, float]:
    """Every active employee × every open seat (a seat's column is its position's), and the load time."""
    from tepat.core.scoping import today
    from tepat.organization.models import Seat
    from tepat.planning.inputs import build_fit_context

    on = today()
    seats = Seat.objects.filter(is_active=True, occupant__isnull=True).order_by("pk")
    seat_positions = list(seats.values_list("position_id", flat=True))
    start = time.perf_counter()
    context = build_fit_context(position_ids=sorted(set(seat_positions)), on=on)
    seconds = time.perf_counter() - start
    rows = np.array([context.position_row(pk) for pk in seat_positions], dtype=np.int64)
    return CityInputs(
        context.inputs.select(None, rows.tolist()), by_seat(context.screening, rows), on
    ), seconds


def specs(city: CityInputs) -> list[tuple[str, Callable[[], Any], Target | None]]:
    from tepat.engine.fit import fit_matrix
    from tepat.engine.rules.screening import screen

    e, p = city.fit.shape
    shape = f"{e:,} × {p:,}"
    achieved = np.nan_to_num(city.fit.achieved.astype(np.float32))
    required = city.fit.required.astype(np.float32).T.copy()

    def both() -> None:
        fit_matrix(city.fit)
        screen(city.screening, city.on)

    return [
        (f"numpy (E×C)·(C×P) matmul {shape}", lambda: achieved @ required, None),
        (f"fit_matrix {shape}", lambda: fit_matrix(city.fit), SCORING_TARGET),
        (f"screen {shape}", lambda: screen(city.screening, city.on), None),
        (f"fit_matrix + screen {shape}", both, SCORING_TARGET),
    ]


def run(runs: int = 5) -> list[Result]:
    city, loading = load()
    results: list[Result] = []
    for name, func, target in specs(city):
        samples, peak = timed(func, runs)
        result = Result("engine", name, samples, peak, target=target)
        if results:
            result.reference, result.reference_median = results[0].name, results[0].median
        results.append(result)
    loader = Result(
        "engine", "build_fit_context (planning inputs, once)", [loading], note="all active employees"
    )
    return [loader, *results]
