"""The integer fast paths of the needs formulas equal the exact Fraction arithmetic they replace."""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.needs import (
    DEFAULT_EJ_BANDS,
    Occupant,
    Position,
    Rounding,
    Task,
    balances,
    balances_from_counts,
    needs_for,
    round_headcount,
)
from tepat.engine.reference import EmploymentStatus, PositionKind

WKE = 75_000
MINUTES = [
    "0",
    "0.0001",
    "37499.9999",
    "37500",
    "37500.0001",
    "52500",
    "67500",
    "74999.99",
    "75000",
    "75000.01",
]


def _grade(ej: Fraction) -> str:
    """The band by Fraction comparison, as the formula reads."""
    for band in DEFAULT_EJ_BANDS:
        lower = Fraction(band.lower)
        if ej > lower or (band.inclusive and ej == lower):
            return band.grade
    return DEFAULT_EJ_BANDS[-1].grade


def _exact(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.0001"), ROUND_HALF_UP)


@pytest.mark.parametrize("minutes", MINUTES)
def test_rounding_equals_fraction_arithmetic(minutes: str) -> None:
    ratio = Fraction(Decimal(minutes)) / WKE
    m = [Decimal(minutes)]
    assert round_headcount(m, WKE, Rounding.CEIL_PER_POSITION) == math.ceil(ratio)
    assert round_headcount(m, WKE, Rounding.CEIL_PER_TASK) == math.ceil(ratio)
    assert round_headcount(m, WKE, Rounding.HALF_UP) == math.floor(ratio + Fraction(1, 2))


@pytest.mark.parametrize("minutes", MINUTES)
@pytest.mark.parametrize("people", [1, 2, 3, 7])
def test_ej_and_its_band_equal_fraction_arithmetic(minutes: str, people: int) -> None:
    position = Position("p", "u", PositionKind.PELAKSANA, tasks=(Task("t", "x", Decimal(minutes), 1),))
    occupants = [Occupant(str(i), "p", EmploymentStatus.PNS, dt.date(1980, 1, 1)) for i in range(people)]
    [balance] = balances(needs_for([position]), occupants)
    ej = Fraction(Decimal(minutes)) / (people * WKE)
    assert balance.ej == _exact(ej)
    assert balance.pj_grade == _grade(ej)
    assert balance.need.exact_headcount == _exact(Fraction(Decimal(minutes)) / WKE)


def test_balances_from_counts_equal_balances_from_the_people() -> None:
    positions = [
        Position(str(i), "u", PositionKind.PELAKSANA, tasks=(Task("t", "x", Decimal(m), 1),))
        for i, m in enumerate(MINUTES)
    ]
    needs = needs_for(positions)
    occupants = [
        Occupant(f"{i}-{k}", str(i), EmploymentStatus.PNS, dt.date(1980, 1, 1))
        for i in range(10)
        for k in range(i % 4)
    ]
    counts = {str(i): i % 4 for i in range(10) if i % 4}
    by_ids, by_counts = balances(needs, occupants), balances_from_counts(needs, counts)
    assert [(b.present, b.ej, b.pj_grade, b.status) for b in by_ids] == [
        (b.present, b.ej, b.pj_grade, b.status) for b in by_counts
    ]
    assert all(b.employee_ids == () for b in by_counts)


def test_counts_for_an_unknown_position_are_an_input_error() -> None:
    with pytest.raises(InvalidInput, match="jabatan tidak dikenal"):
        balances_from_counts(needs_for([]), {"x": 1})
