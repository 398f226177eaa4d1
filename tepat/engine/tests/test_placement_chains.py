"""Vacancy chains and closed swaps, read off the final plan."""

from __future__ import annotations

import numpy as np
import pytest

from tepat.engine.placement import run_case
from tepat.engine.placement.plan import chains_and_cycles

# current seat and final seat per employee (-1 = none); seats 0..5
CHAIN_TABLE = [
    ("nobody moves", [0, 1], [0, 1], [], []),
    ("one person fills a vacancy", [0, 1], [0, 2], [[1]], []),
    ("A takes B's seat, B takes C's, C a vacant one", [0, 1, 2], [1, 2, 3], [[2, 1, 0]], []),
    ("chain ending in a seatless newcomer", [0, -1], [2, 0], [[0, 1]], []),
    ("two people swap", [0, 1], [1, 0], [], [[0, 1]]),
    ("a three-way rotation starts at the earliest", [0, 1, 2], [2, 0, 1], [], [[0, 1, 2]]),
    ("a chain and a swap side by side", [0, 1, 2, 3], [4, 0, 3, 2], [[0, 1]], [[2, 3]]),
    ("someone leaves their seat empty and takes none", [0, -1], [3, -1], [[0]], []),
]


@pytest.mark.parametrize(
    ("name", "current", "final", "chains", "cycles"), CHAIN_TABLE, ids=[r[0] for r in CHAIN_TABLE]
)
def test_chains_and_cycles(
    name: str, current: list[int], final: list[int], chains: list, cycles: list
) -> None:
    got = chains_and_cycles(np.array(current), np.array(final), 6)
    assert got == (chains, cycles)


def test_case_reports_a_chain_through_two_units_in_order() -> None:
    case = {
        "method": "placement",
        "employees": [
            {"id": "A", "current_seat": "S1", "movable": True},
            {"id": "B", "current_seat": "S2", "movable": True},
            {"id": "C", "current_seat": "S3", "movable": True},
        ],
        "seats": [
            {"id": "S1", "unit": "U1"},
            {"id": "S2", "unit": "U2"},
            {"id": "S3", "unit": "U2"},
            {"id": "V", "unit": "U1"},
        ],
        "scores": {"A": {"S2": 90}, "B": {"S3": 90}, "C": {"V": 90}},
        "vacancy_penalty": {"V": 50},
    }
    result = run_case(case)
    assert result["chains"] == [["C", "B", "A"]]
    assert result["cycles"] == []
    assert result["unfilled_seats"] == ["S1"]
    assert result["objective"] == 270


def test_case_reports_a_swap_as_a_cycle() -> None:
    case = {
        "method": "placement",
        "employees": [{"id": "A", "current_seat": "S1"}, {"id": "B", "current_seat": "S2"}],
        "seats": [{"id": "S1", "unit": "U"}, {"id": "S2", "unit": "U"}],
        "scores": {"A": {"S2": 10}, "B": {"S1": 10}},
    }
    result = run_case(case)
    assert result["cycles"] == [["A", "B"]]
    assert result["chains"] == []
    assert result["moves"] == 2
