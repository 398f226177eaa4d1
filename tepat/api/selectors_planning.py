"""Reads behind the planning endpoints: candidates, scenarios with their runs and plans, needs.

Each reuses the planning app's own selector (scoped there); this module only narrows and translates: the stored
plan of a run keys people and seats by internal primary keys, which never leave the server (opaque ids only).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.organization.models import Unit
from tepat.planning.candidates.ranking import CandidateFilters, Ranking, candidate_ranking
from tepat.planning.candidates.selectors import seat_for_ranking
from tepat.planning.candidates.services import candidate_ranking_record
from tepat.planning.models import Scenario, ScenarioRun
from tepat.planning.needs.selectors import PositionNeed, UnitNeed, needs_report
from tepat.planning.scenarios import selectors as scenario_selectors

FIGURE_KEYS = (
    "before",
    "after",
    "greedy",
    "fit_vs_today_pct",
    "fit_vs_greedy_pct",
    "preferences",
    "fairness",
)


@dataclass(frozen=True)
class CandidateQuery:
    tab: str
    page: int
    unit: Unit | None
    rank: int | None
    order: str


def api_candidates(*, viewer: Viewer, public_id: str, query: CandidateQuery) -> Ranking:
    """One page of the ranking for a seat the viewer may rank (DoesNotExist outside scope); logged (R-31)."""
    seat = seat_for_ranking(viewer=viewer, public_id=public_id)
    filters = CandidateFilters(unit=query.unit, rank=query.rank, order=query.order)
    ranking = candidate_ranking(
        viewer=viewer, seat=seat, on=today(), filters=filters, tab=query.tab, page=query.page
    )
    candidate_ranking_record(actor=viewer, ranking=ranking)
    return ranking


def api_scenario_get(*, viewer: Viewer, public_id: str) -> Scenario:
    scenario = scenario_selectors.scenario_list(viewer=viewer).prefetch_related("scope_units")
    found = scenario.get(public_id=uuid.UUID(public_id))
    found.run_list = scenario_selectors.scenario_runs(scenario=found)  # type: ignore[attr-defined]
    return found


def api_scenario_for_run(*, viewer: Viewer, public_id: str) -> Scenario:
    return scenario_selectors.scenario_get(viewer=viewer, public_id=uuid.UUID(public_id))


def api_scenario_runs(*, viewer: Viewer, public_id: str) -> list[ScenarioRun]:
    scenario = scenario_selectors.scenario_get(viewer=viewer, public_id=uuid.UUID(public_id))
    return scenario_selectors.scenario_runs(scenario=scenario)


def api_scenario_run_get(*, viewer: Viewer, public_id: str) -> ScenarioRun:
    run = scenario_selectors.scenario_run_get(viewer=viewer, public_id=uuid.UUID(public_id))
    run.public_plan = public_plan(run.plan) if run.plan else None  # type: ignore[attr-defined]
    run.public_figures = {k: run.figures[k] for k in FIGURE_KEYS if k in run.figures}  # type: ignore[attr-defined]
    return run


def _place(place: dict[str, Any]) -> dict[str, Any]:
    return {
        "seat": place.get("seat_public_id"),
        "position": place.get("position", ""),
        "unit": place.get("unit", ""),
    }


def _move(move: dict[str, Any]) -> dict[str, Any]:
    keys = ("nip", "name", "score", "score_before", "jpm", "jpm_category", "sentence", "preferred", "notes",
            "missing", "group_kind", "group", "step", "locked")  # fmt: skip
    public = {key: move.get(key) for key in keys}
    public.update(employee=move["employee_public_id"], origin=_place(move["from"]), target=_place(move["to"]))
    return public


def _groups(groups: Iterable[list[int]], ids: dict[int, str]) -> list[list[str]]:
    return [[ids[pk] for pk in group if pk in ids] for group in groups]


def public_plan(plan: dict[str, Any]) -> dict[str, Any]:
    """The stored plan with opaque ids instead of primary keys, and without internal unit keys."""
    moves = plan.get("moves", [])
    ids = {m["employee"]: m["employee_public_id"] for m in moves}
    greedy = plan.get("greedy") or {}
    return {
        "moves": [_move(m) for m in moves],
        "chains": _groups(plan.get("chains", []), ids),
        "cycles": _groups(plan.get("cycles", []), ids),
        "unfilled": [
            {**_place(u), "priority": bool(u.get("priority")), "vacant_now": bool(u.get("vacant_now"))}
            for u in plan.get("unfilled", [])
        ],
        "unseated": list(plan.get("unseated", [])),
        "greedy_objective": greedy.get("objective"),
        "pool_size": plan.get("pool_size", 0),
        "seat_count": plan.get("seat_count", 0),
    }


def api_position_needs(*, viewer: Viewer, unit: Unit | None, status: str = "") -> list[PositionNeed]:
    report = needs_report(viewer=viewer, unit=unit)
    rows = list(report.positions)
    return [row for row in rows if str(row.balance.status) == status] if status else rows


def api_unit_needs(*, viewer: Viewer, unit: Unit | None) -> list[UnitNeed]:
    return list(needs_report(viewer=viewer, unit=unit).rows)
