"""Background task: one scenario run (django-tasks; the test settings use the immediate backend)."""

from __future__ import annotations

from django_tasks import task

from tepat.planning.scenarios.runner import scenario_run_execute


@task()
def scenario_run_task(run_id: int) -> None:
    scenario_run_execute(run_id=run_id)
