"""Writes of the needs analysis: workload task rows and hand-set formasi, always audited, never half-saved."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record, audit_record_many
from tepat.organization.models import ManualRequirement, Position, WorkloadTask


@transaction.atomic
def workloads_bulk_create(
    *,
    actor: Any,
    tasks: Sequence[WorkloadTask],
    manual: Sequence[ManualRequirement] = (),
    actor_label: str = "",
) -> tuple[int, int]:
    """Insert many task rows and formasi rows (seeders, imports); one audit row per object."""
    for row in (*tasks, *manual):
        row.full_clean(exclude=["position"], validate_unique=False, validate_constraints=False)
    created_tasks = WorkloadTask.objects.bulk_create(tasks, batch_size=1000)
    created_manual = ManualRequirement.objects.bulk_create(manual, batch_size=1000)
    audit_record_many(
        actor=actor, action="workload_task_create", objects=created_tasks, actor_label=actor_label
    )
    audit_record_many(
        actor=actor, action="manual_requirement_create", objects=created_manual, actor_label=actor_label
    )
    return len(created_tasks), len(created_manual)


@transaction.atomic
def workload_replace(
    *, actor: Any, position: Position, tasks: Sequence[WorkloadTask], source: str = "", reason: str = ""
) -> int:
    """Replace every task of one position (a new ANJAB/ABK version); old and new totals go to the audit."""
    old = list(position.workload_tasks.values_list("name", "volume", "norm_minutes"))
    position.workload_tasks.all().delete()
    for order, task in enumerate(tasks, start=1):
        task.position, task.order, task.source = position, order, task.source or source
        task.full_clean(exclude=["position"], validate_constraints=False)
    WorkloadTask.objects.bulk_create(tasks)
    audit_record(
        actor=actor,
        action="workload_replace",
        obj=position,
        changes={
            "old": {"tasks": len(old), "minutes": str(sum(v * n for _, v, n in old))},
            "new": {"tasks": len(tasks), "minutes": str(sum(t.volume * t.norm_minutes for t in tasks))},
        },
        reason=reason,
    )
    return len(tasks)
