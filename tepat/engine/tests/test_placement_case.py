"""The JSON case through the CLI runner: result shape, every input problem named, conflicts exit 2."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tepat.engine.cases import main
from tepat.engine.placement import Employee, Seat, build_problem, greedy, solve

BASE: dict[str, Any] = {
    "method": "placement",
    "employees": [
        {"id": "E1", "current_seat": "S1", "movable": True},
        {"id": "E2", "current_seat": "S2", "movable": True},
        {"id": "E3", "current_seat": None, "movable": True},
    ],
    "seats": [{"id": "S1", "unit": "U1"}, {"id": "S2", "unit": "U2"}, {"id": "S3", "unit": "U2"}],
    "scores": {"E1": {"S2": 80, "S1": 40}, "E2": {"S3": 70}, "E3": {"S1": 60, "S3": 65}},
    "stay_bonus": 5,
    "vacancy_penalty": {"S3": 10},
}


def run_cli(case: Any) -> tuple[int, str, str]:
    out: list[str] = []
    err: list[str] = []
    code = main(["-"], lambda: json.dumps(case), out.append, err.append)
    return code, "\n".join(out), "\n".join(err)


def test_result_has_the_documented_keys_and_no_nan() -> None:
    code, out, err = run_cli(BASE)
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert set(result) == {
        "method", "assignment", "objective", "moves", "chains", "cycles", "unfilled_seats",
        "optimal", "bound", "gap", "greedy_objective",
    }  # fmt: skip
    assert result["method"] == "placement"
    assert set(result["assignment"][0]) == {"employee", "seat", "moved", "score"}
    assert result["objective"] == 80 + 70 + 60
    assert result["chains"] == [["E2", "E1", "E3"]]
    assert result["optimal"] is True


def test_current_seat_counts_as_allowed_without_a_score() -> None:
    case = {**BASE, "scores": {}, "stay_bonus": 7, "vacancy_penalty": 0}
    code, out, _ = run_cli(case)
    result = json.loads(out)
    assert code == 0
    assert result["moves"] == 0
    assert result["objective"] == 14
    assert [a["score"] for a in result["assignment"]] == [0, 0, 0]


def with_(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


BAD_INPUT = [
    ("unknown current seat", with_(employees=[{"id": "E1", "current_seat": "S9"}]), "employees[0].current_seat"),
    ("unknown seat in scores", with_(scores={"E1": {"S9": 1}}), "scores.E1.S9"),
    ("unknown employee in scores", with_(scores={"E7": {"S1": 1}}), "scores.E7"),
    ("score not a number", with_(scores={"E1": {"S1": "tinggi"}}), "scores.E1.S1"),
    ("duplicate employee", with_(employees=[{"id": "E1"}, {"id": "E1"}]), "employees[1].id"),
    ("seat held twice", with_(employees=[{"id": "A", "current_seat": "S1"}, {"id": "B", "current_seat": "S1"}]),
     "employees[1].current_seat"),
    ("negative max_moves", with_(max_moves=-1), "max_moves"),
    ("unknown unit", with_(unit_max_out={"U9": 1}), "unit_max_out.U9"),
    ("fixed pair malformed", with_(fixed=[["E1"]]), "fixed[0]"),
    ("forbidden unknown seat", with_(forbidden=[["E1", "S9"]]), "forbidden[0][1]"),
    ("penalty unknown seat", with_(vacancy_penalty={"S9": 3}), "vacancy_penalty.S9"),
    ("movable not a bool", with_(employees=[{"id": "E1", "movable": "ya"}]), "employees[0].movable"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "case", "path"), BAD_INPUT, ids=[row[0] for row in BAD_INPUT])
def test_invalid_input_exits_2_naming_the_path(name: str, case: dict, path: str) -> None:
    code, out, err = run_cli(case)
    assert code == 2
    assert out == ""
    assert f"error: {path}: " in err


def test_every_problem_is_reported_at_once() -> None:
    case = with_(scores={"E1": {"S9": 1}, "E8": {}}, max_moves="dua", forbidden=[["X", "S1"]])
    _, _, err = run_cli(case)
    assert {line.split(": ")[1] for line in err.splitlines()} >= {
        "scores.E1.S9",
        "scores.E8",
        "max_moves",
        "forbidden[0][0]",
    }


CONFLICTS = [
    ("fixed pair also forbidden", with_(fixed=[["E1", "S2"]], forbidden=[["E1", "S2"]]), "fixed[0]", "terlarang"),
    ("fixed pair without a score", with_(fixed=[["E2", "S1"]]), "fixed[0]", "tidak memiliki skor"),
    ("fixed seat used twice", with_(fixed=[["E1", "S3"], ["E2", "S3"], ["E2", "S3"]],
                                    scores={"E1": {"S3": 1}, "E2": {"S3": 1}}), "fixed[1]", "S3"),
    ("more fixed moves than max_moves", with_(fixed=[["E1", "S2"], ["E2", "S3"]], max_moves=1), "max_moves", "melebihi"),
    ("fixed moves overrun a unit limit", with_(fixed=[["E1", "S2"]], unit_max_out={"U1": 0}), "unit_max_out.U1",
     "melebihi"),
    ("immovable employee on a forbidden seat",
     with_(employees=[{"id": "E1", "current_seat": "S1", "movable": False}], forbidden=[["E1", "S1"]], scores={}),
     "employees[0].movable", "terlarang"),
    ("fixed onto an immovable colleague's seat",
     with_(employees=[{"id": "E1", "current_seat": "S1", "movable": False}, {"id": "E3"}], scores={"E3": {"S1": 5}},
           fixed=[["E3", "S1"]]), "fixed[0]", "tidak dapat dipindah"),
    ("a seated employee with nowhere to go",
     with_(employees=[{"id": "E1", "current_seat": "S1"}], forbidden=[["E1", "S1"]], scores={}), "employees",
     "E1"),
    ("forced move beyond max_moves",
     with_(employees=[{"id": "E1", "current_seat": "S1"}], forbidden=[["E1", "S1"]], scores={"E1": {"S2": 1}},
           max_moves=0), "max_moves", "tidak dapat dipenuhi"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "case", "path", "words"), CONFLICTS, ids=[row[0] for row in CONFLICTS])
def test_conflicting_constraints_exit_2_naming_the_conflict(
    name: str, case: dict, path: str, words: str
) -> None:
    code, out, err = run_cli(case)
    assert code == 2
    assert out == ""
    assert err.startswith(f"error: {path}: ")
    assert words in err


def test_python_api_returns_plan_with_greedy_beside_it() -> None:
    problem = build_problem(
        [Employee("A", "S1"), Employee("B", "S2"), Employee("N")],
        [Seat("S1", "U1"), Seat("S2", "U1"), Seat("V", "U2")],
        {"A": {"V": 50, "S2": 60}, "B": {"S1": 55, "V": 58}, "N": {"S1": 20}},
    )
    plan = solve(problem)
    baseline = greedy(problem)
    assert plan.optimal
    assert plan.gap == 0
    assert plan.greedy is not None
    assert plan.greedy.objective == baseline.objective
    assert baseline.objective <= plan.objective
    assert plan.objective == 60 + 58 + 20
    assert baseline.bound is None
