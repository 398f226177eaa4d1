"""History records of existing employees, written in bulk (jabatan, pendidikan, asesmen, SKP, pelatihan).

Callers (the exchange importer) decide which rows are new and which change a stored record; this module writes
them: every row checked field by field first (nothing is half-saved: one bad row writes nothing), new rows with
`bulk_create` and one audit row each, written in bulk; changed rows one by one with their old and new values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from tepat.core.audit import audit_record, audit_record_many, diff
from tepat.organization.bulk import BATCH_SIZE
from tepat.people.models import (
    CompetencyAssessment,
    EducationHistory,
    PerformanceRecord,
    PositionHistory,
    TrainingRecord,
)

# Relations arrive as ids (`employee_id`, `position_id`, …) already resolved by the caller.
RELATIONS = ["employee", "position", "unit", "seat", "competency", "field"]


class RecordKind(StrEnum):
    POSITION_HISTORY = "riwayat_jabatan"
    EDUCATION = "riwayat_pendidikan"
    ASSESSMENT = "asesmen"
    PERFORMANCE = "skp"
    TRAINING = "pelatihan"


RECORD_MODELS: dict[str, type[models.Model]] = {
    RecordKind.POSITION_HISTORY: PositionHistory,
    RecordKind.EDUCATION: EducationHistory,
    RecordKind.ASSESSMENT: CompetencyAssessment,
    RecordKind.PERFORMANCE: PerformanceRecord,
    RecordKind.TRAINING: TrainingRecord,
}


@dataclass(frozen=True)
class RecordChange:
    record: models.Model
    data: Mapping[str, Any]  # field -> new value


def record_model(kind: str) -> type[models.Model]:
    try:
        return RECORD_MODELS[kind]
    except KeyError:
        raise ValidationError({"kind": [f"Jenis riwayat tidak dikenal: {kind}."]}) from None


def _checked(model: type[models.Model], rows: Sequence[Mapping[str, Any]]) -> list[models.Model]:
    objects, errors = [], {}
    for index, row in enumerate(rows):
        obj = model(**row)
        try:
            obj.clean_fields(exclude=RELATIONS)
        except ValidationError as error:
            errors.update(
                {f"rows[{index}].{name}": messages for name, messages in error.message_dict.items()}
            )
        objects.append(obj)
    if errors:
        raise ValidationError(errors)
    return objects


@transaction.atomic
def records_bulk_add(
    *, actor: Any, kind: str, rows: Sequence[Mapping[str, Any]], reason: str = ""
) -> list[models.Model]:
    """Create the rows (field values with relations as ids); one `<model>_create` audit row each, in bulk."""
    model = record_model(kind)
    created = model._default_manager.bulk_create(_checked(model, rows), batch_size=BATCH_SIZE)
    audit_record_many(actor=actor, action=f"{model._meta.model_name}_create", objects=created, reason=reason)
    return created


@transaction.atomic
def records_bulk_update(
    *, actor: Any, kind: str, changes: Sequence[RecordChange], reason: str = ""
) -> dict[int, dict[str, Any]]:
    """Apply each change (audited with old and new values); returns the old values per primary key."""
    model = record_model(kind)
    old: dict[int, dict[str, Any]] = {}
    for change in changes:
        record = change.record
        if not isinstance(record, model):
            raise ValidationError({"record": [f"Rekaman bukan {model._meta.verbose_name}."]})
        changed = diff(record, change.data)
        old[record.pk] = {name: getattr(record, name) for name in change.data}
        for name, value in change.data.items():
            setattr(record, name, value)
        record.clean_fields(exclude=RELATIONS)
        record.save(update_fields=list(change.data))
        audit_record(
            actor=actor, action=f"{model._meta.model_name}_update", obj=record, changes=changed, reason=reason
        )
    return old
