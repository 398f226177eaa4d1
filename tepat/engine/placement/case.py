"""The JSON case for `python -m tepat.engine` (method "placement"): parse, solve, serialise.

Every shape problem and every dangling reference is collected before raising, so one run lists them all.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.placement.model import Employee, Seat, build_problem, reference_problems
from tepat.engine.placement.plan import PlacementPlan
from tepat.engine.placement.solve import solve

Problems = list[FieldProblem]


def run_case(case: Mapping[str, Any]) -> dict[str, Any]:
    problems: Problems = []
    employees = _employees(case.get("employees"), problems)
    seats = _seats(case.get("seats"), problems)
    scores = _scores(case.get("scores", {}), problems)
    stay_bonus = _number(case.get("stay_bonus", 0), "stay_bonus", problems)
    penalty = _penalty(case.get("vacancy_penalty", 0), problems)
    max_moves = (
        _count(case["max_moves"], "max_moves", problems) if case.get("max_moves") is not None else None
    )
    unit_max_out = _unit_limits(case.get("unit_max_out", {}), problems)
    fixed = _pairs(case.get("fixed", []), "fixed", problems)
    forbidden = _pairs(case.get("forbidden", []), "forbidden", problems)
    problems += reference_problems(employees, seats, scores, penalty, unit_max_out, fixed, forbidden)
    if problems:
        raise InvalidInput(problems)
    problem = build_problem(
        employees,
        seats,
        scores,
        stay_bonus=stay_bonus,
        vacancy_penalty=penalty,
        max_moves=max_moves,
        unit_max_out=unit_max_out,
        fixed=fixed,
        forbidden=forbidden,
    )
    return plan_to_dict(solve(problem))


def plan_to_dict(plan: PlacementPlan) -> dict[str, Any]:
    return {
        "method": "placement",
        "assignment": [
            {"employee": a.employee, "seat": a.seat, "moved": a.moved, "score": a.score}
            for a in plan.assignment
        ],
        "objective": plan.objective,
        "moves": plan.moves,
        "chains": [list(chain) for chain in plan.chains],
        "cycles": [list(cycle) for cycle in plan.cycles],
        "unfilled_seats": list(plan.unfilled_seats),
        "optimal": plan.optimal,
        "bound": plan.bound,
        "gap": plan.gap,
        "greedy_objective": plan.greedy.objective if plan.greedy else None,
    }


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and value != ""


def _list(value: Any, path: str, problems: Problems) -> list[Any]:
    if isinstance(value, list):
        return value
    problems.append(FieldProblem(path, "harus berupa daftar"))
    return []


def _employees(value: Any, problems: Problems) -> list[Employee]:
    result = []
    for i, item in enumerate(_list(value, "employees", problems)):
        path = f"employees[{i}]"
        if not isinstance(item, Mapping) or not _is_id(item.get("id")):
            problems.append(FieldProblem(f"{path}.id", "id pegawai harus berupa teks tidak kosong"))
            continue
        current, movable = item.get("current_seat"), item.get("movable", True)
        if current is not None and not _is_id(current):
            problems.append(FieldProblem(f"{path}.current_seat", "harus berupa id kursi atau null"))
            continue
        if not isinstance(movable, bool):
            problems.append(FieldProblem(f"{path}.movable", "harus true atau false"))
            continue
        result.append(Employee(item["id"], current, movable))
    return result


def _seats(value: Any, problems: Problems) -> list[Seat]:
    result = []
    for j, item in enumerate(_list(value, "seats", problems)):
        path = f"seats[{j}]"
        if not isinstance(item, Mapping) or not _is_id(item.get("id")):
            problems.append(FieldProblem(f"{path}.id", "id kursi harus berupa teks tidak kosong"))
        elif not _is_id(item.get("unit")):
            problems.append(FieldProblem(f"{path}.unit", "unit harus berupa teks tidak kosong"))
        else:
            result.append(Seat(item["id"], item["unit"]))
    return result


def _number(value: Any, path: str, problems: Problems) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(FieldProblem(path, "harus berupa angka"))
        return 0.0
    return float(value)


def _count(value: Any, path: str, problems: Problems) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        problems.append(FieldProblem(path, "harus berupa bilangan bulat tidak negatif"))
        return 0
    return value


def _mapping(value: Any, path: str, problems: Problems) -> Mapping[str, Any]:
    if isinstance(value, Mapping):
        return value
    problems.append(FieldProblem(path, "harus berupa objek"))
    return {}


def _scores(value: Any, problems: Problems) -> dict[str, dict[str, float]]:
    result: dict[str, dict[str, float]] = {}
    for eid, row in _mapping(value, "scores", problems).items():
        entries = _mapping(row, f"scores.{eid}", problems)
        result[eid] = {sid: _number(v, f"scores.{eid}.{sid}", problems) for sid, v in entries.items()}
    return result


def _penalty(value: Any, problems: Problems) -> float | dict[str, float]:
    if isinstance(value, Mapping):
        return {sid: _number(v, f"vacancy_penalty.{sid}", problems) for sid, v in value.items()}
    return _number(value, "vacancy_penalty", problems)


def _unit_limits(value: Any, problems: Problems) -> dict[str, int]:
    items = _mapping(value, "unit_max_out", problems).items()
    return {unit: _count(limit, f"unit_max_out.{unit}", problems) for unit, limit in items}


def _pairs(value: Any, section: str, problems: Problems) -> list[tuple[str, str]]:
    result = []
    for k, item in enumerate(_list(value, section, problems)):
        if isinstance(item, list) and len(item) == 2 and all(_is_id(x) for x in item):
            result.append((item[0], item[1]))
        else:
            problems.append(FieldProblem(f"{section}[{k}]", "harus berupa pasangan [id pegawai, id kursi]"))
    return result
