"""Background work for large imports (Django's tasks API via django-tasks; the worker runs the database backend)."""

from __future__ import annotations

from django_tasks import task

from tepat.exchange.models import ImportBatch


@task()
def import_preview_task(batch_id: int) -> None:
    from tepat.exchange.services.batches import import_batch_preview

    batch = ImportBatch.objects.get(pk=batch_id)
    try:
        import_batch_preview(batch=batch)
    except Exception:
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportBatch.Status.FAILED)
        raise


@task()
def import_commit_task(batch_id: int, actor_id: int, reason: str) -> None:
    from django.contrib.auth import get_user_model

    from tepat.exchange.services.batches import import_batch_commit

    batch = ImportBatch.objects.get(pk=batch_id)
    actor = get_user_model().objects.get(pk=actor_id)
    try:
        import_batch_commit(batch=batch, actor=actor, reason=reason)
    except Exception:
        ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.COMMITTING).update(
            status=ImportBatch.Status.PREVIEW
        )
        raise
