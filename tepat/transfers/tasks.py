"""Background tasks (django-tasks): the TMT job, SK and petikan rendering, pending event handling."""

from __future__ import annotations

from django_tasks import task

from tepat.core.scoping import today


@task()
def apply_due_tmt_task() -> str:
    from tepat.transfers.feedback_tasks import feedback_due_arm
    from tepat.transfers.services.tmt import apply_due_tmt

    line = apply_due_tmt(on=today()).line()
    feedback_due_arm()  # the same worker runs the daily feedback job (surveys at TMT + 90 days, escalations)
    return line


@task()
def render_decree_task(decree_id: int) -> str:
    from tepat.transfers.models import Decree
    from tepat.transfers.services.decree import decree_render_pdf

    return decree_render_pdf(decree=Decree.objects.get(pk=decree_id)).sha256


@task()
def render_petikan_task(move_id: int) -> str:
    from tepat.transfers.models import Move
    from tepat.transfers.services.petikan import petikan_render

    move = Move.objects.select_related("decree").get(pk=move_id)
    return petikan_render(move=move).sha256 if move.decree_id else ""


@task()
def dispatch_events_task() -> int:
    from tepat.transfers.services.events import dispatch_pending_events

    return dispatch_pending_events()
