"""The plan is optimal: seeded random cases against exhaustive search, with and without budgets."""

from __future__ import annotations

import pytest

from tepat.engine.errors import Infeasible
from tepat.engine.placement import exact, run_case
from tepat.engine.tests.placement_cases import (
    assert_valid,
    best_objective,
    plan_of,
    random_case,
    within_budgets,
)

SIZES = [(4, 4), (5, 5), (5, 6), (6, 5), (6, 6)]


def solve_or_none(case: dict) -> dict | None:
    try:
        return run_case(case)
    except Infeasible:
        return None


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("budgets", [False, True], ids=["free", "budgets"])
def test_plan_matches_exhaustive_search(seed: int, budgets: bool) -> None:
    n_emp, n_seat = SIZES[seed % len(SIZES)]
    case = random_case(seed, n_emp=n_emp, n_seat=n_seat, budgets=budgets)
    if seed % 4 == 0:
        case["fixed"] = [[f"E{seed % n_emp}", f"S{seed % n_seat}"]]
    best = best_objective(case)
    result = solve_or_none(case)
    if best is None:
        assert result is None, "the engine found a plan where none exists"
        return
    assert result is not None, "the engine called a feasible case infeasible"
    assert result["objective"] == pytest.approx(best)
    assert result["optimal"] is True
    assert result["bound"] == pytest.approx(best)
    assert result["gap"] == pytest.approx(0.0, abs=1e-6)
    assert_valid(case, result)


@pytest.mark.parametrize("seed", range(25))
def test_column_generation_from_one_pair_per_employee_is_still_exact(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A tiny starting pool forces pricing rounds and reduced-cost fixing, the paths large cases take.
    monkeypatch.setattr(exact, "TOP_K", 1)
    monkeypatch.setattr(exact, "ADD_K", 1)
    case = random_case(1000 + seed, n_emp=7, n_seat=7, budgets=True)
    best = best_objective(case)
    result = solve_or_none(case)
    assert (result is None) == (best is None)
    if result is not None:
        assert result["objective"] == pytest.approx(best)
        assert result["optimal"] is True
        assert_valid(case, result)


@pytest.mark.parametrize("seed", range(40))
def test_greedy_respects_the_budgets_and_never_beats_the_optimum(seed: int) -> None:
    case = random_case(2000 + seed, n_emp=6, n_seat=6, budgets=seed % 2 == 1)
    result = solve_or_none(case)
    if result is None or result["greedy_objective"] is None:
        return
    assert result["greedy_objective"] <= result["objective"] + 1e-9
    assert within_budgets(case, plan_of(result))


def test_budgets_bind_and_the_optimum_changes() -> None:
    # Three people would all move to better seats; one move allowed keeps the best single move.
    case = {
        "method": "placement",
        "employees": [{"id": f"E{i}", "current_seat": f"S{i}", "movable": True} for i in range(3)]
        + [{"id": "N", "current_seat": None, "movable": True}],
        "seats": [{"id": f"S{i}", "unit": "A" if i < 2 else "B"} for i in range(4)],
        "scores": {"E0": {"S3": 90}, "E1": {"S0": 80}, "E2": {"S1": 70}, "N": {"S2": 50, "S3": 60}},
    }
    free = run_case(case)
    limited = run_case({**case, "max_moves": 1})
    assert free["moves"] == 4
    assert limited["moves"] == 1
    assert limited["objective"] == 90
    assert limited["optimal"] is True
    assert_valid({**case, "max_moves": 1}, limited)
    unit_limited = run_case({**case, "unit_max_out": {"A": 0}})
    assert_valid({**case, "unit_max_out": {"A": 0}}, unit_limited)
    assert plan_of(unit_limited)["E0"] == "S0"
