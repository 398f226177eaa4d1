"""The daily feedback job on the task worker (django-tasks): surveys due 90 days after the TMT, escalations.

The worker that applies TMTs (`apply_due_tmt_task`) runs this one too. After each run it re-arms itself for
tomorrow 00:10 local time when the backend can defer tasks (the database backend of `make run`); the
immediate backend of the tests cannot, so there it runs once per call. `feedback_due_arm()` starts the loop
(idempotent: nothing is queued when a run is already waiting); `manage.py feedback_due` runs it on demand.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

TASK_PATH = "tepat.transfers.feedback_tasks.feedback_due_task"


def _waiting() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it cannot tell, so assume nothing waits
        return False
    return DBTaskResult.objects.filter(task_path=TASK_PATH, status="READY").exists()


def feedback_due_arm() -> bool:
    """Queue the next daily run (tomorrow 00:10) unless one is already waiting; False when not possible."""
    if not default_task_backend.supports_defer or _waiting():
        return False
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = timezone.make_aware(datetime.combine(tomorrow, time(0, 10)))
    feedback_due_task.using(run_after=start).enqueue()
    return True


@task()
def feedback_due_task() -> str:
    from tepat.transfers.services.surveys import feedback_due_run

    line = feedback_due_run().line()
    feedback_due_arm()
    return line
