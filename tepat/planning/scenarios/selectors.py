"""Reads for scenarios. Scenarios are BKPP work: government-wide roles see them all, nobody else any."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Count, Max, QuerySet

from tepat.core.scoping import user_scope
from tepat.people.models import Employee, EmployeePreference
from tepat.planning.models import Scenario, ScenarioPair, ScenarioRun


def _scenarios(viewer: Any) -> QuerySet[Scenario]:
    if not user_scope(viewer).government_wide:
        return Scenario.objects.none()
    return Scenario.objects.all()


def scenario_list(*, viewer: Any) -> QuerySet[Scenario]:
    return (
        _scenarios(viewer)
        .select_related("created_by")
        .annotate(run_count=Count("runs"), last_run=Max("runs__created_at"))
        .order_by("-created_at")
    )


def scenario_get(*, viewer: Any, public_id: uuid.UUID) -> Scenario:
    return _scenarios(viewer).select_related("created_by", "profile").get(public_id=public_id)


def scenario_runs(*, scenario: Scenario) -> list[ScenarioRun]:
    return list(scenario.runs.defer("plan", "figures").select_related("created_by").order_by("-number"))


def scenario_pairs(*, scenario: Scenario) -> list[ScenarioPair]:
    return list(scenario.pairs.select_related("employee", "seat__position__unit", "created_by"))


def scenario_run_get(*, viewer: Any, public_id: uuid.UUID) -> ScenarioRun:
    return ScenarioRun.objects.select_related("scenario", "created_by").get(
        public_id=public_id, scenario__in=_scenarios(viewer)
    )


def scenario_run_status(*, viewer: Any, public_id: uuid.UUID) -> ScenarioRun:
    """The progress fields only (the poll must stay cheap while a big plan is stored)."""
    return ScenarioRun.objects.only("public_id", "status", "progress", "stage", "error", "scenario_id").get(
        public_id=public_id, scenario__in=_scenarios(viewer)
    )


def preferences_of(*, employee: Employee) -> list[EmployeePreference]:
    return list(employee.preferences.select_related("unit", "position__unit").order_by("rank"))
