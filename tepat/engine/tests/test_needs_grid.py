"""The projection as arrays (`outlook_grid`, `year_sums`, `grid_priorities`) agrees with the per-position
outlooks (`project`, `priorities`) it replaces on the page, including ties, positions without a need and
departures before the first projected year."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tepat.engine.needs import (
    NeedsRules,
    Occupant,
    Position,
    PositionOutlook,
    balances,
    departures,
    grid_priorities,
    needs_for,
    outlook_grid,
    priorities,
    project,
    year_sums,
)
from tepat.engine.reference import EmploymentStatus
from tepat.engine.tests.test_needs import occupant, position, task

REFERENCE = date(2025, 12, 31)


def totals_from_outlooks(outlooks: tuple[PositionOutlook, ...], years: int) -> list[tuple[int, ...]]:
    """Year totals the way the projection page summed the outlook objects before the grid."""
    totals: list[tuple[int, ...]] = []
    for col in range(years):
        cells = [(o.required, o.years[col]) for o in outlooks]
        gaps = [y.selisih for _, y in cells if y.selisih is not None]
        totals.append((
            cells[0][1].year if cells else 0, sum(r or 0 for r, _ in cells), sum(y.present for _, y in cells),
            sum(y.retirements for _, y in cells), sum(y.contract_ends for _, y in cells),
            sum(-g for g in gaps if g < 0), sum(g for g in gaps if g > 0),
        ))  # fmt: skip
    return totals


def city(seed: int, size: int) -> tuple[list[Position], list[Occupant]]:
    rng = random.Random(seed)
    posts = [
        position(
            task(1_000, 75 * rng.randint(0, 6)),
            pid=f"P{i}",
            unit=f"U{i % 7}",
            manual=rng.choice([None, None, 2]),
        )
        for i in range(size)
    ]
    people = []
    for i in range(size * 3):
        pppk = rng.random() < 0.2
        people.append(
            occupant(
                f"E{i}",
                f"P{rng.randrange(size)}",
                born=date(1960 + rng.randrange(35), 1 + rng.randrange(12), 1),
                status=EmploymentStatus.PPPK if pppk else EmploymentStatus.PNS,
                contract_end=date(2024 + rng.randrange(8), 1 + rng.randrange(12), 28) if pppk else None,
            )
        )
    return posts, people


@pytest.mark.parametrize(
    ("seed", "size", "years"), [(1, 40, 5), (2, 300, 5), (3, 120, 3), (4, 0, 5), (5, 10, 1)]
)
def test_grid_equals_the_outlook_objects(seed: int, size: int, years: int) -> None:
    posts, people = city(seed, size)
    rules = NeedsRules(projection_years=years)
    rows = balances(needs_for(posts, rules), people, rules)
    leaving = departures(posts, people, rules)
    outlooks = project(rows, leaving, reference=REFERENCE, rules=rules)
    grid = outlook_grid(rows, leaving, reference=REFERENCE, rules=rules)
    assert grid_priorities(grid) == priorities(outlooks)
    assert [tuple(vars(y).values()) for y in year_sums(grid)] == totals_from_outlooks(outlooks, years)
    if size and years:
        assert priorities(outlooks)  # the case has shortages to rank
