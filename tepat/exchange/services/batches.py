"""Import batches: upload → preview → commit (all or nothing) → rollback.

Small files are read at once; larger ones (above TEPAT_IMPORT_INLINE_BYTES, default 512 KB) go to the task
worker and the page shows their progress. The commit re-checks every row inside the one transaction that writes,
so data changed since the preview can never be half-saved; it reuses the table parsed at preview (signed, bound
to the file's SHA-256: `exchange.parsed`) instead of parsing the workbook a second time.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError
from tepat.exchange.columns import COLUMNS, ImportKind
from tepat.exchange.models import ImportBatch
from tepat.exchange.parsed import parsed_table_discard, parsed_table_load, parsed_table_store
from tepat.exchange.processors import Plan, processor_for
from tepat.exchange.reading import ImportFileError, Table, read_table
from tepat.exchange.safety import check_upload

MAX_STORED_PROBLEMS = 1000


def _inline_limit() -> int:
    return int(getattr(settings, "TEPAT_IMPORT_INLINE_BYTES", 512 * 1024))


def import_batch_create(*, actor: Any, upload: Any, kind: str) -> ImportBatch:
    """Gate the file (R-14), store it by a server-chosen name and start its preview."""
    if kind not in ImportKind.values:
        raise ApplicationError("Jenis data impor tidak dikenal.", field="kind")
    check_upload(upload, kinds=("xlsx", "csv"), actor=actor)
    content = upload.read()
    extension = PurePosixPath(str(upload.name).lower()).suffix
    batch = ImportBatch(
        kind=kind,
        file_name=str(upload.name)[-200:],
        file_sha256=hashlib.sha256(content).hexdigest(),
        file_size=len(content),
        created_by=actor,
    )
    batch.upload.save(f"{batch.public_id}{extension}", ContentFile(content), save=False)
    batch.save()
    audit_record(
        actor=actor, action="import_upload", obj=batch, changes={"kind": kind, "sha256": batch.file_sha256}
    )
    from tepat.exchange.tasks import import_preview_task

    if batch.file_size <= _inline_limit():
        import_batch_preview(batch=batch)
    else:
        import_preview_task.enqueue(batch.pk)
    return batch


def _read(batch: ImportBatch, *, reuse: bool = False) -> Table:
    """The uploaded sheet as a table; at commit, the one parsed at preview when it is still genuine."""
    stored = parsed_table_load(batch=batch) if reuse else None
    if stored is not None:
        return stored
    extension = PurePosixPath(batch.upload.name or "").suffix.lstrip(".")
    with batch.upload.open("rb") as stream:
        return read_table(stream, extension=extension, columns=COLUMNS[batch.kind])


def _plan(batch: ImportBatch, table: Table) -> Plan:
    ImportBatch.objects.filter(pk=batch.pk).update(progress=40)
    return processor_for(batch.kind).plan(table, today=today())


def _store_plan(batch: ImportBatch, plan: Plan, unknown: list[str]) -> None:
    batch.rows_total = plan.rows_total
    batch.created_count, batch.updated_count = plan.created, plan.updated
    batch.unchanged_count = plan.unchanged
    batch.error_count, batch.warning_count = len(plan.errors), len(plan.warnings)
    ordered = sorted(plan.problems, key=lambda p: (p.row, p.column))
    batch.problems = [p.as_dict() for p in ordered[:MAX_STORED_PROBLEMS]]
    batch.unknown_columns = unknown
    batch.status = ImportBatch.Status.INVALID if plan.errors else ImportBatch.Status.PREVIEW


def import_batch_preview(*, batch: ImportBatch) -> ImportBatch:
    """Read and check every row; store counts and problems; write nothing else."""
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.READING, progress=5)
    try:
        table = _read(batch)
    except ImportFileError as error:
        batch.status, batch.error_count = ImportBatch.Status.INVALID, 1
        batch.problems = [{"row": 1, "column": "berkas", "message": error.message, "severity": "error"}]
    else:
        plan = _plan(batch, table)
        _store_plan(batch, plan, table.unknown_headers)
        if not plan.errors:
            parsed_table_store(batch=batch, table=table)
    batch.progress = 100
    batch.save()
    return batch


def _check_ready(batch: ImportBatch, reason: str) -> None:
    if batch.status not in (ImportBatch.Status.PREVIEW, ImportBatch.Status.COMMITTING):
        raise ApplicationError("Impor ini tidak dalam keadaan siap disimpan.")
    if batch.warning_count and not reason:
        raise ApplicationError(
            f"{batch.warning_count} baris perlu keputusan: isi alasan menerima ketidaksesuaian data.",
            field="reason",
        )


def import_batch_request_commit(*, batch: ImportBatch, actor: Any, reason: str = "") -> ImportBatch:
    """Commit now, or hand a large file to the task worker (the page then shows progress)."""
    reason = reason.strip()
    _check_ready(batch, reason)
    if batch.status != ImportBatch.Status.PREVIEW:
        raise ApplicationError("Impor ini sedang disimpan.")
    if batch.file_size <= _inline_limit():
        return import_batch_commit(batch=batch, actor=actor, reason=reason)
    from tepat.exchange.tasks import import_commit_task

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.COMMITTING, progress=0)
    import_commit_task.enqueue(batch.pk, actor.pk, reason)
    batch.refresh_from_db()
    return batch


def import_batch_commit(*, batch: ImportBatch, actor: Any, reason: str = "") -> ImportBatch:
    """Write every row or none: one transaction, through the bulk services; record what changed."""
    reason = reason.strip()
    _check_ready(batch, reason)
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        if locked.status not in (ImportBatch.Status.PREVIEW, ImportBatch.Status.COMMITTING):
            raise ApplicationError("Impor ini sedang atau sudah diproses.")
        table = _read(locked, reuse=True)
        plan, unknown = _plan(locked, table), table.unknown_headers
        if not plan.errors:
            _apply(locked, plan, unknown, actor=actor, reason=reason)
            transaction.on_commit(lambda: parsed_table_discard(batch=locked))
            return locked
    _store_plan(locked, plan, unknown)  # outside the rolled-back block: the refreshed preview is kept
    locked.save()
    raise ApplicationError("Data berubah sejak pratinjau: periksa kembali kesalahan per baris.")


def _apply(batch: ImportBatch, plan: Plan, unknown: list[str], *, actor: Any, reason: str) -> None:
    label = f"impor {batch.public_id}"
    changes = processor_for(batch.kind).apply(plan, actor=actor, reason=reason, label=label)
    _store_plan(batch, plan, unknown)
    batch.status, batch.changes = ImportBatch.Status.COMMITTED, changes.as_json()
    batch.decision_reason, batch.committed_by = reason, actor
    batch.committed_at, batch.progress = timezone.now(), 100
    batch.save()
    audit_record(
        actor=actor,
        action="import_commit",
        obj=batch,
        changes={"created": plan.created, "updated": plan.updated, "unchanged": plan.unchanged},
        reason=reason,
    )
