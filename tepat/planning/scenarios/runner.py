"""One scenario run, start to end: load, score, screen, solve, re-check every move, explain, store.

Runs as a background task (`tasks.scenario_run_task`); progress is written to the run row so the page can
poll it. Advisory only (R-31): the run writes its own row and one audit row, and nothing else.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.core.rules import load_rule_book
from tepat.engine.errors import ApplicationError
from tepat.engine.fit import FitWeights
from tepat.engine.placement import PlacementPlan, solve
from tepat.engine.rules import Eligibility, RuleBook
from tepat.planning.models import RunStatus, Scenario, ScenarioRun
from tepat.planning.scenarios.checks import moved_pairs, moves_eligibility, without_pairs
from tepat.planning.scenarios.fairness import plan_fairness
from tepat.planning.scenarios.figures import plan_figures
from tepat.planning.scenarios.loading import scenario_data_load
from tepat.planning.scenarios.problem import Constraints, ScenarioProblem, inputs_hash, scenario_problem_build
from tepat.planning.scenarios.report import plan_payload

TIME_LIMIT_SECONDS = 60.0
MAX_RECHECKS = 3  # rounds of "forbid the moves a full rule blocks, solve again"
ENGINE_VERSIONS = {
    "placement": "tepat.engine.placement/1",
    "fit": "tepat.engine.fit/1",
    "planner": "scenarios/1",
}


def scenario_weights(scenario: Scenario) -> FitWeights:
    return FitWeights(
        competency=scenario.w_competency,
        education=scenario.w_education,
        experience=scenario.w_experience,
        performance=scenario.w_performance,
        preference=scenario.w_preference,
    )


def scenario_constraints(scenario: Scenario) -> Constraints:
    return Constraints(
        stay_bonus=scenario.stay_bonus,
        rotation_bonus=scenario.rotation_bonus,
        vacancy_penalty=scenario.vacancy_penalty,
        priority_vacancy_penalty=scenario.priority_vacancy_penalty,
        max_moves=scenario.max_moves,
        unit_max_out=scenario.unit_max_out,
    )


@dataclass
class _Outcome:
    sp: ScenarioProblem
    plan: PlacementPlan
    eligibility: dict[tuple[int, int], Eligibility]
    blocked: list[dict[str, Any]]


def _progress(run: ScenarioRun, percent: int, stage: str, **fields: Any) -> None:
    ScenarioRun.objects.filter(pk=run.pk).update(progress=percent, stage=stage, **fields)


def _blocking(sp: ScenarioProblem, checked: dict[tuple[int, int], Eligibility]) -> list[tuple[int, int]]:
    fixed = set(sp.problem.fixed)
    return [pair for pair, result in checked.items() if not result.eligible and pair not in fixed]


def _blocked_rows(sp: ScenarioProblem, pairs: list[tuple[int, int]], checked: dict) -> list[dict[str, Any]]:
    return [
        {
            "name": sp.data.pool[e].name,
            "to": f"{sp.data.seats[s].position_name} – {sp.data.seats[s].unit_name}",
            "rules": [r.message for r in checked[(e, s)].failures],
        }
        for e, s in pairs
    ]


def _solve_checked(run: ScenarioRun, sp: ScenarioProblem, rule_book: RuleBook) -> _Outcome:
    """Solve; forbid moves that fail a full hard rule and solve again, a few rounds at most."""
    blocked: list[dict[str, Any]] = []
    problem = sp.problem
    for round_no in range(MAX_RECHECKS + 1):
        _progress(run, 45 + 10 * round_no, "Mencari rencana terbaik")
        plan = solve(problem, time_limit=TIME_LIMIT_SECONDS)
        _progress(run, 50 + 10 * round_no, "Memeriksa semua syarat setiap mutasi")
        checked = moves_eligibility(sp=sp, pairs=moved_pairs(plan, problem), rule_book=rule_book)
        bad = _blocking(sp, checked)
        if not bad or round_no == MAX_RECHECKS:
            break
        blocked += _blocked_rows(sp, bad, checked)
        problem = without_pairs(problem, bad)
    return _Outcome(replace(sp, problem=problem), plan, checked, blocked)


def _rule_versions(outcome: _Outcome) -> list[str]:
    versions = set(outcome.sp.rule_versions)
    for result in outcome.eligibility.values():
        versions.update(r.version for r in result.results if r.version)
    return sorted(versions)


def _store(run: ScenarioRun, outcome: _Outcome, weights: FitWeights, seconds: float) -> None:
    plan, sp = outcome.plan, outcome.sp
    payload = plan_payload(
        sp=sp, plan=plan, weights=weights, eligibility=outcome.eligibility, blocked=outcome.blocked
    )
    figures = plan_figures(sp=sp, plan=plan)
    figures["fairness"] = plan_fairness(sp=sp, seat_of=plan.seat_of)
    constraints = scenario_constraints(run.scenario)
    run.inputs_hash = inputs_hash(sp, weights, constraints, sp.data.on)
    run.engine_versions = {**ENGINE_VERSIONS, "rules": _rule_versions(outcome)}
    run.plan, run.figures = payload, figures
    run.objective, run.bound, run.optimal, run.gap = plan.objective, plan.bound, plan.optimal, plan.gap
    run.greedy_objective = plan.greedy.objective if plan.greedy else None
    run.moves, run.chains = plan.moves, len(plan.chains)
    run.status, run.progress, run.stage = RunStatus.DONE, 100, "Selesai"
    run.seconds, run.finished_at = round(seconds, 2), timezone.now()
    with transaction.atomic():
        run.save()
        audit_record(
            actor=run.created_by,
            action="scenario_run",
            obj=run,
            changes={
                "inputs_hash": run.inputs_hash,
                "versions": run.engine_versions,
                "moves": run.moves,
                "objective": run.objective,
                "optimal": run.optimal,
            },
        )


def _readable(message: str, names: dict[str, str]) -> str:
    """Engine messages name employees ("e12") and seats ("s34") by id; put names in their place."""
    return re.sub(r"\b[es]\d+\b", lambda m: names.get(m.group(0), m.group(0)), message)


def _fail(run: ScenarioRun, message: str) -> None:
    _progress(run, 100, "Gagal", status=RunStatus.FAILED, error=message, finished_at=timezone.now())
    audit_record(actor=run.created_by, action="scenario_run_failed", obj=run, changes={"error": message})


def scenario_run_execute(*, run_id: int) -> None:
    run = ScenarioRun.objects.select_related("scenario", "created_by").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return  # already taken by another worker
    started = time.perf_counter()
    _progress(run, 5, "Memuat pegawai dan formasi", status=RunStatus.RUNNING, started_at=timezone.now())
    scenario, names = run.scenario, {}
    try:
        weights, rule_book = scenario_weights(scenario), load_rule_book()
        data = scenario_data_load(scenario=scenario, viewer=run.created_by)
        names = {f"e{m.pk}": m.name for m in data.pool} | {f"s{s.pk}": s.position_name for s in data.seats}
        _progress(run, 20, f"Menghitung kecocokan {len(data.pool)} pegawai × {len(data.seats)} formasi")
        sp = scenario_problem_build(
            data=data, weights=weights, constraints=scenario_constraints(scenario), rule_book=rule_book
        )
        outcome = _solve_checked(run, sp, rule_book)
        _progress(run, 90, "Menyusun penjelasan dan angka")
        _store(run, outcome, weights, time.perf_counter() - started)
    except ApplicationError as error:
        _fail(run, _readable(error.message, names))
