"""Writes of the needs analysis: workload task rows and hand-set formasi, always audited, never half-saved."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record, audit_record_many
from tepat.engine.errors import ApplicationError
from tepat.organization.models import ManualRequirement, Position, WorkloadTask
from tepat.planning.needs.anjab import TaskRow


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


@dataclass(frozen=True)
class ImportResult:
    batch: uuid.UUID
    positions: int
    tasks: int


def _minutes(rows: Sequence[tuple[Decimal, Decimal]]) -> str:
    return str(sum((v * n for v, n in rows), Decimal(0)))


@transaction.atomic
def anjab_import_commit(*, actor: Any, tasks: Sequence[TaskRow], filename: str) -> ImportResult:
    """Replace the tasks of every position in the workbook with the workbook's rows, all or nothing.

    One audit row per position (old and new task count and minutes) and one for the batch.
    """
    batch = uuid.uuid4()
    by_position: dict[int, list[TaskRow]] = defaultdict(list)
    for task in tasks:
        by_position[task.position_id].append(task)
    positions = Position.objects.select_for_update().in_bulk(list(by_position))
    missing = sorted(set(by_position) - set(positions))
    if missing:
        raise ApplicationError(
            "Sebagian jabatan sudah dihapus sejak pratinjau; unggah ulang berkas.", field="berkas"
        )
    old: dict[int, list[tuple[Decimal, Decimal]]] = defaultdict(list)
    existing = WorkloadTask.objects.filter(position_id__in=list(by_position))
    for position_id, volume, norm in existing.values_list("position_id", "volume", "norm_minutes"):
        old[position_id].append((volume, norm))
    existing.delete()
    rows = [
        WorkloadTask(position_id=t.position_id, name=t.name, output_unit=t.output_unit, volume=t.volume,
                     norm_minutes=t.norm_minutes, source=t.source or f"impor {filename}"[:200],
                     import_batch=batch, order=i)
        for i, t in enumerate(tasks, start=1)
    ]  # fmt: skip
    for row in rows:
        row.full_clean(exclude=["position"], validate_unique=False, validate_constraints=False)
    WorkloadTask.objects.bulk_create(rows, batch_size=1000)
    for position_id, new in by_position.items():
        audit_record(
            actor=actor,
            action="workload_replace",
            obj=positions[position_id],
            changes={
                "old": {"tasks": len(old[position_id]), "minutes": _minutes(old[position_id])},
                "new": {"tasks": len(new), "minutes": _minutes([(t.volume, t.norm_minutes) for t in new])},
                "batch": str(batch),
            },
        )
    audit_record(
        actor=actor,
        action="anjab_import",
        object_type="organization.workloadtask",
        object_id=str(batch),
        changes={"filename": filename[-100:], "positions": len(by_position), "tasks": len(rows)},
    )
    return ImportResult(batch, len(by_position), len(rows))
