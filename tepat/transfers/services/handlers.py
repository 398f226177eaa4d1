"""The registered handlers of the workflow's follow-up events (see `services.events`).

Registered here: notices and e-mail, the closing checklist, the seat release, the petikan render (queued as a
background task). Not registered (left pending for their own apps): development plans and review schedules.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from tepat.accounts.models import RoleGrant
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.engine.workflow import STATE_LABELS, Event, State
from tepat.transfers.models import MoveEvent
from tepat.transfers.services.closing import closing_open
from tepat.transfers.services.events import handles
from tepat.transfers.services.notices import notice_create

ROLE_OF_EVENT = {
    Event.NOTIFY_VERIFIERS: Role.HR_ADMIN,
    Event.NOTIFY_HR_ADMIN: Role.HR_ADMIN,
    Event.NOTIFY_BOARD: Role.BOARD_MEMBER,
    Event.NOTIFY_APPROVER: Role.APPROVER,
}


def _mail(recipients: list[str], event: MoveEvent) -> None:
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return
    move = event.move
    label = STATE_LABELS[State(event.state)]
    send_mail(
        subject=f"[Tepat] Usulan mutasi: {label}",
        message=f"Status usulan mutasi kini: {label}.\nBuka Tepat untuk rinciannya: {move.get_absolute_url()}",
        from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
        recipient_list=addresses,
    )


@handles(Event.NOTIFY_VERIFIERS, Event.NOTIFY_HR_ADMIN, Event.NOTIFY_BOARD, Event.NOTIFY_APPROVER)
def notify_role(event: MoveEvent) -> None:
    role = ROLE_OF_EVENT[Event(event.kind)]
    grants = RoleGrant.objects.active_on(today()).filter(role=role).select_related("user")
    _mail([grant.user.email for grant in grants], event)


@handles(Event.NOTIFY_PROPOSER)
def notify_proposer(event: MoveEvent) -> None:
    _mail([event.move.proposal.created_by.email], event)


@handles(Event.NOTIFY_UNITS)
def notify_units(event: MoveEvent) -> None:
    move = event.move
    paths = [
        p
        for p in (move.origin_unit.path if move.origin_unit else "", move.target_seat.position.unit.path)
        if p
    ]
    grants = RoleGrant.objects.active_on(today()).filter(role=Role.UNIT_HEAD, unit__path__in=paths)
    _mail([grant.user.email for grant in grants.select_related("user")], event)


@handles(Event.NOTIFY_EMPLOYEE)
def notify_employee(event: MoveEvent) -> None:
    notice = notice_create(move=event.move, state=event.state)
    user = event.move.employee.user
    if notice is not None and user is not None:
        _mail([user.email], event)


@handles(Event.OPEN_CLOSING_CHECKLIST)
def open_closing_checklist(event: MoveEvent) -> None:
    closing_open(move=event.move)


@handles(Event.RELEASE_SEAT)
def release_seat(event: MoveEvent) -> None:
    """Nothing to write: a seat is promised only while its move is approved (partial unique constraint)."""


@handles(Event.RENDER_PETIKAN)
def render_petikan(event: MoveEvent) -> None:
    """Queue the employee's petikan; the download renders it on demand if the worker has not yet."""
    from tepat.transfers.tasks import render_petikan_task

    transaction.on_commit(lambda: render_petikan_task.enqueue(move_id=event.move_id))
