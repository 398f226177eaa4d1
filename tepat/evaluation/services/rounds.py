"""Writes for post-transfer evaluation: compute one round and store it (EvaluationRun), audited.

Runs in the request: the whole city (15,000 employees, five SKP years) reads and computes in well under the
3-second target (bench/evaluation.py), so no background task is needed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.engine.errors import FieldProblem
from tepat.engine.evaluation import ENGINE_VERSION, Params, evaluate
from tepat.engine.evaluation.case import read_params
from tepat.engine.ranking import Problems
from tepat.evaluation.models import EvaluationRun, EvaluationStatus
from tepat.evaluation.selectors.panel import evaluation_panel
from tepat.organization.models import Unit

GOVERNMENT_LABEL = "Seluruh Pemerintah Kota"
MIN_YEAR, MAX_YEAR = 2000, 2100


def evaluation_params(parameters: Mapping[str, Any] | None) -> Params:
    """Parameters over the defaults; a bad one is a ValidationError naming it (Bahasa Indonesia)."""
    problems = Problems()
    params = read_params(parameters or {}, problems)
    if problems.items:
        raise ValidationError({"parameters": [_line(p) for p in problems.items]})
    return params


def _line(problem: FieldProblem) -> str:
    return f"{problem.path.removeprefix('parameters.')}: {problem.message}"


def evaluation_compute(
    *, round_year: int, scope_unit: Unit | None = None, params: Params | None = None
) -> tuple[dict[str, Any], str]:
    """(result, inputs hash) of one round, nothing stored: reads the panel and runs the engine."""
    p = params or Params()
    data = evaluation_panel(round_year=round_year, params=p, scope_path=scope_unit.path if scope_unit else "")
    result = evaluate(data.panel, data.covariates, data.movers, p, refs=data.employee_ids)
    return result, data.inputs_hash


def evaluation_run(
    *,
    actor: Any,
    round_year: int,
    scope_unit: Unit | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> EvaluationRun:
    """Evaluate the movers of `round_year` (whose new unit is inside `scope_unit`, or all) and store the run."""
    if not isinstance(round_year, int) or not MIN_YEAR <= round_year <= MAX_YEAR:
        raise ValidationError({"round_year": [f"Tahun putaran harus {MIN_YEAR}–{MAX_YEAR}."]})
    params = evaluation_params(parameters)
    started = time.perf_counter()
    result, inputs_hash = evaluation_compute(round_year=round_year, scope_unit=scope_unit, params=params)
    summary = result["summary"]
    run = EvaluationRun(
        round_year=round_year,
        scope_unit=scope_unit,
        scope_path=scope_unit.path if scope_unit else "",
        scope_label=scope_unit.name if scope_unit else GOVERNMENT_LABEL,
        parameters=params.as_dict(),
        result=result,
        inputs_hash=inputs_hash,
        engine_version=ENGINE_VERSION,
        status=EvaluationStatus.DONE,
        effect=summary["effect"],
        ci_low=summary["ci_low"],
        ci_high=summary["ci_high"],
        movers=summary["movers"],
        comparisons=summary["comparisons"],
        unmatched=summary["unmatched"],
        needs_support=summary["needs_support"],
        seconds=round(time.perf_counter() - started, 3),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        finished_at=timezone.now(),
    )
    with transaction.atomic():
        run.save()
        audit_record(
            actor=actor,
            action="evaluation_run",
            obj=run,
            changes={
                "round_year": round_year,
                "scope": run.scope_label,
                "parameters": run.parameters,
                "inputs_hash": inputs_hash,
                "engine_version": ENGINE_VERSION,
                "effect": run.effect,
                "movers": run.movers,
                "comparisons": run.comparisons,
            },
        )
    return run
