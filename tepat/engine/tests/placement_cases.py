"""Shared helpers for the placement tests: a seeded random case generator and an exhaustive solver.

The exhaustive solver reads the JSON case directly and shares no code with the engine, so agreement
between the two is evidence, not tautology.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

Case = dict[str, Any]


def random_case(seed: int, *, n_emp: int = 5, n_seat: int = 5, budgets: bool = False) -> Case:
    rng = random.Random(seed)
    seats = [{"id": f"S{j}", "unit": f"U{j % 2}"} for j in range(n_seat)]
    holders = rng.sample(range(n_seat), k=min(n_emp - 1, n_seat - 1))  # one seatless, one vacancy at least
    employees = [
        {
            "id": f"E{i}",
            "current_seat": f"S{holders[i]}" if i < len(holders) else None,
            "movable": rng.random() > 0.1,
        }
        for i in range(n_emp)
    ]
    scores = {e["id"]: {s["id"]: rng.randint(0, 100) for s in seats if rng.random() < 0.6} for e in employees}
    case: Case = {
        "method": "placement",
        "employees": employees,
        "seats": seats,
        "scores": scores,
        "stay_bonus": rng.choice([0, 10, 25.5]),
        "vacancy_penalty": rng.choice([0, 15, {s["id"]: rng.randint(0, 40) for s in seats}]),
        "forbidden": [[f"E{rng.randrange(n_emp)}", f"S{rng.randrange(n_seat)}"]]
        if rng.random() < 0.5
        else [],
    }
    if budgets:
        case["max_moves"] = rng.randint(0, 3)
        case["unit_max_out"] = {"U0": rng.randint(0, 1), "U1": rng.randint(0, 2)}
    return case


def options(case: Case, employee: dict[str, Any]) -> list[str | None]:
    """Seats this employee may end on (None = no seat), by the issue's rules."""
    eid, current = employee["id"], employee.get("current_seat")
    forbidden = {s for e, s in case.get("forbidden", []) if e == eid}
    fixed = [s for e, s in case.get("fixed", []) if e == eid]
    allowed = (set(case["scores"].get(eid, {})) | ({current} if current else set())) - forbidden
    if not employee.get("movable", True):
        choices = [current] if current is None or current in allowed else []
    else:
        choices = [*sorted(allowed), *([None] if current is None else [])]
    if fixed:
        return [fixed[0]] if fixed[0] in choices else []
    return choices


def plans(case: Case) -> Iterator[dict[str, str | None]]:
    """Every plan that respects seats, budgets, fixed and forbidden pairs."""
    employees = case["employees"]
    choices = [options(case, e) for e in employees]

    def extend(i: int, used: set[str], plan: dict[str, str | None]) -> Iterator[dict[str, str | None]]:
        if i == len(employees):
            if within_budgets(case, plan):
                yield dict(plan)
            return
        for seat in choices[i]:
            if seat is not None and seat in used:
                continue
            plan[employees[i]["id"]] = seat
            yield from extend(i + 1, used | ({seat} if seat else set()), plan)
        plan.pop(employees[i]["id"], None)

    yield from extend(0, set(), {})


def within_budgets(case: Case, plan: dict[str, str | None]) -> bool:
    unit = {s["id"]: s["unit"] for s in case["seats"]}
    current = {e["id"]: e.get("current_seat") for e in case["employees"]}
    moved = [e for e, s in plan.items() if s != current[e]]
    if case.get("max_moves") is not None and len(moved) > case["max_moves"]:
        return False
    out: dict[str, int] = {}
    for e in moved:
        origin = current[e]
        if origin and plan[e] is not None and unit[plan[e]] != unit[origin]:
            out[unit[origin]] = out.get(unit[origin], 0) + 1
    limits = case.get("unit_max_out") or {}
    return all(count <= limits.get(u, count) for u, count in out.items())


def objective(case: Case, plan: dict[str, str | None]) -> float:
    current = {e["id"]: e.get("current_seat") for e in case["employees"]}
    total = 0.0
    for e, seat in plan.items():
        if seat is not None:
            total += case["scores"].get(e, {}).get(seat, 0) + (
                case.get("stay_bonus", 0) if seat == current[e] else 0
            )
    penalty = case.get("vacancy_penalty", 0)
    filled = set(plan.values())
    for s in case["seats"]:
        if s["id"] not in filled:
            total -= penalty.get(s["id"], 0) if isinstance(penalty, dict) else penalty
    return total


def best_objective(case: Case) -> float | None:
    return max((objective(case, p) for p in plans(case)), default=None)


def plan_of(result: dict[str, Any]) -> dict[str, str | None]:
    return {a["employee"]: a["seat"] for a in result["assignment"]}


def assert_valid(case: Case, result: dict[str, Any]) -> None:
    """Every rule of the issue, checked on a JSON result without trusting the engine."""
    plan = plan_of(result)
    by_id = {e["id"]: e for e in case["employees"]}
    assert set(plan) == set(by_id)
    seats = [s for s in plan.values() if s is not None]
    assert len(seats) == len(set(seats)), "a seat holds at most one person"
    for eid, seat in plan.items():
        assert seat in options(case, by_id[eid]), f"{eid} -> {seat} is not allowed"
    assert within_budgets(case, plan)
    assert result["objective"] == pytest.approx(objective(case, plan))
    current = {e["id"]: e.get("current_seat") for e in case["employees"]}
    moved = {e for e, s in plan.items() if s != current[e]}
    assert result["moves"] == len(moved)
    assert {a["employee"] for a in result["assignment"] if a["moved"]} == moved
    in_paths = [e for path in result["chains"] + result["cycles"] for e in path]
    assert sorted(in_paths) == sorted(e for e in moved if plan[e] is not None)
    assert set(result["unfilled_seats"]) == {s["id"] for s in case["seats"]} - set(seats)
