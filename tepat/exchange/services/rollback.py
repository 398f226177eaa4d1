"""Rolling an import batch back while nothing newer depends on it.

Refused when a later import is still committed, when an employee the batch created or updated has changed
since, when records were added to employees it created, or when seats of positions it created are taken.
Everything is restored in one transaction; audit rows record the rollback (the audit trail itself stays).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from tepat.core.audit import audit_record, audit_record_many
from tepat.engine.errors import ApplicationError
from tepat.exchange.models import ImportBatch
from tepat.exchange.processors.base import Changes
from tepat.organization.bulk import chunks
from tepat.people.models import Employee
from tepat.people.services.employees import employee_update

# Deletion order: records and seats before the employees and positions they hang on.
DELETE_ORDER = (
    "people.rankhistory",
    "people.positionhistory",
    "people.educationhistory",
    "people.competencyassessment",
    "people.performancerecord",
    "people.trainingrecord",
    "organization.positioncompetency",
    "organization.seat",
    "people.employee",
    "organization.position",
)
EMPLOYEE_RECORDS = DELETE_ORDER[:6]
DATE_FIELDS = {"birth_date", "tmt_cpns", "contract_end", "rank_tmt", "start", "end", "assessed_on"}


def _blocked(message: str) -> ApplicationError:
    return ApplicationError(f"Impor tidak dapat dibatalkan: {message}")


def _count(model_label: str, field: str, ids: list[int]) -> int:
    model = apps.get_model(model_label)
    return sum(model._default_manager.filter(**{f"{field}__in": part}).count() for part in chunks(ids))


def _check_created_employees(batch: ImportBatch, changes: Changes) -> None:
    ids = changes.created.get("people.employee", [])
    if not ids or batch.committed_at is None:
        return
    for part in chunks(ids):
        if Employee.objects.filter(pk__in=part, updated_at__gt=batch.committed_at).exists():
            raise _blocked("data pegawai hasil impor ini sudah diubah sesudahnya.")
    for label in EMPLOYEE_RECORDS:
        if _count(label, "employee_id", ids) > len(changes.created.get(label, [])):
            raise _blocked("pegawai hasil impor ini sudah punya riwayat baru.")


def _check_created_positions(changes: Changes) -> None:
    ids = changes.created.get("organization.position", [])
    if _count("people.employee", "seat__position_id", ids) or _count(
        "people.positionhistory", "position_id", ids
    ):
        raise _blocked("jabatan hasil impor ini sudah diisi pegawai.")


def _check_updated_employees(changes: Changes) -> None:
    for pk, old in changes.updated.get("people.employee", {}).items():
        if Employee.objects.filter(pk=pk).values_list("version", flat=True).first() != old["version"]:
            raise _blocked("pegawai yang diperbarui impor ini sudah diubah lagi sesudahnya.")


def _value(field: str, raw: Any) -> Any:
    return date.fromisoformat(raw) if field in DATE_FIELDS and raw else raw


def _restore_employees(changes: Changes, actor: Any, reason: str) -> None:
    for pk, old in changes.updated.get("people.employee", {}).items():
        employee = Employee.objects.get(pk=pk)
        data = {k: _value(k, v) for k, v in old.items() if k not in ("version", "rank", "rank_tmt")}
        if data:
            employee = employee_update(actor=actor, employee=employee, data=data, identity_exception=reason)
        if "rank" in old:
            employee.rank, employee.rank_tmt = old["rank"], _value("rank_tmt", old["rank_tmt"])
            employee.version += 1
            employee.save(update_fields=["rank", "rank_tmt", "version", "updated_at"])
            audit_record(actor=actor, action="employee_set_rank", obj=employee, reason=reason)


def _restore_records(changes: Changes, actor: Any, reason: str) -> None:
    for label, rows in changes.updated.items():
        if label == "people.employee":
            continue
        model = apps.get_model(label)
        for pk, old in rows.items():
            obj = model._default_manager.get(pk=pk)
            for name, value in old.items():
                setattr(obj, name, _value(name, value))
            obj.save(update_fields=list(old))
            audit_record(actor=actor, action=f"{model._meta.model_name}_update", obj=obj, reason=reason)


def _delete_created(changes: Changes, actor: Any, reason: str) -> None:
    for label in DELETE_ORDER:
        ids = changes.created.get(label, [])
        model = apps.get_model(label)
        if label in ("people.employee", "organization.position"):
            for part in chunks(ids):
                objects = model._default_manager.filter(pk__in=part)
                audit_record_many(
                    actor=actor, action=f"{model._meta.model_name}_delete", objects=objects, reason=reason
                )
        for part in chunks(ids):
            model._default_manager.filter(pk__in=part).delete()


def import_batch_rollback(*, batch: ImportBatch, actor: Any) -> ImportBatch:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status != ImportBatch.Status.COMMITTED or locked.committed_at is None:
            raise ApplicationError("Hanya impor yang sudah tersimpan yang dapat dibatalkan.")
        newer = ImportBatch.objects.filter(
            status=ImportBatch.Status.COMMITTED, committed_at__gt=locked.committed_at
        )
        if newer.exists():
            raise _blocked("ada impor yang lebih baru; batalkan impor itu dulu.")
        changes = Changes.from_json(locked.changes)
        _check_created_employees(locked, changes)
        _check_created_positions(changes)
        _check_updated_employees(changes)
        reason = f"rollback impor {locked.public_id}"
        _restore_employees(changes, actor, reason)
        _restore_records(changes, actor, reason)
        try:
            _delete_created(changes, actor, reason)
        except ProtectedError as error:
            raise _blocked("data hasil impor ini sudah dipakai di bagian lain.") from error
        locked.status, locked.rolled_back_by, locked.rolled_back_at = (
            ImportBatch.Status.ROLLED_BACK,
            actor,
            timezone.now(),
        )
        locked.save(update_fields=["status", "rolled_back_by", "rolled_back_at"])
        audit_record(actor=actor, action="import_rollback", obj=locked, reason=reason)
    return locked
