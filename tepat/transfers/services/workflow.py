"""The one place that writes `Move.status` (R-05): lock, ask the engine table, compare-and-set, record.

Every refused attempt leaves the move unchanged and writes a security event outside the failed transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from tepat.core.audit import audit_record, security_event
from tepat.engine.errors import ApplicationError, ConcurrentUpdate
from tepat.engine.workflow import (
    ACTION_DUTY,
    ACTOR_LABELS,
    STATE_LABELS,
    Duty,
    State,
    check_duties,
    transition,
)
from tepat.transfers.models import Move, MoveStep
from tepat.transfers.services.actors import engine_actor, engine_case
from tepat.transfers.services.events import events_record

T = TypeVar("T")

SEAT_PROMISED = "Formasi tujuan sudah dijanjikan kepada usulan lain yang telah disetujui."
ALREADY_ACTIVE = "Pegawai ini sudah memiliki usulan mutasi yang masih berjalan."


@contextmanager
def refusals_logged(*, actor: Any, action: str, move: Move | None) -> Iterator[None]:
    """Log a refused attempt as a security event after the failed transaction has rolled back."""
    try:
        yield
    except ApplicationError as error:
        if getattr(error, "logged", False):  # an inner service already recorded this refusal
            raise
        error.logged = True  # type: ignore[attr-defined]
        security_event(
            actor=actor,
            action="transition_refused",
            detail={
                "action": action,
                "move": str(move.public_id) if move else "",
                "reason": error.message,
            },
        )
        raise


def integrity_as_conflict(run: Callable[[], T]) -> T:
    """Map the database guards (R-08) to a clear message instead of a 500."""
    try:
        return run()
    except IntegrityError as error:
        text = str(error)
        message = SEAT_PROMISED if "one_promise_per_seat" in text else ALREADY_ACTIVE
        if "one_active_move_per_employee" not in text and "one_promise_per_seat" not in text:
            raise
        raise ConcurrentUpdate(message, field="employee") from error


def _check_duties(move: Move, actor: Any, action: str) -> None:
    if ACTION_DUTY[action] is Duty.SISTEM:  # type: ignore[index]
        return
    check_duties(engine_actor(actor), engine_case(move), action)


def move_transition(
    *,
    move: Move,
    action: str,
    actor: Any,
    role: str,
    reason: str = "",
    fields: dict[str, Any] | None = None,
) -> Move:
    """Apply one table transition to one move, or raise with the reason and change nothing."""
    with refusals_logged(actor=actor, action=action, move=move):
        return integrity_as_conflict(lambda: _apply(move, action, actor, role, reason, fields or {}))


@transaction.atomic
def _apply(move: Move, action: str, actor: Any, role: str, reason: str, fields: dict[str, Any]) -> Move:
    current = (
        Move.objects.select_for_update(of=("self",))
        .select_related("proposal", "target_seat__position__unit", "origin_unit")
        .get(pk=move.pk)
    )
    new_state = transition(current.status, action, role)
    _check_duties(current, actor, action)
    updated = Move.objects.filter(pk=current.pk, status=current.status, version=current.version).update(
        status=new_state, version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise ConcurrentUpdate("Usulan ini baru saja diproses orang lain; muat ulang halaman.")
    _record(current, action, actor, role, reason, new_state, fields)
    current.refresh_from_db()
    return current


def _record(
    move: Move, action: str, actor: Any, role: str, reason: str, new_state: State, fields: dict[str, Any]
) -> None:
    label = actor.get_username() if actor is not None else ""
    MoveStep.objects.create(
        move=move,
        action=action,
        from_state=move.status,
        to_state=new_state,
        actor=actor,
        actor_label=label,
        role=role,
        reason=reason,
    )
    changes = {"status": {"old": move.status, "new": str(new_state)}, "as_role": role}
    changes.update({key: _plain(value) for key, value in fields.items()})
    audit_record(actor=actor, action=f"move_{action}", obj=move, changes=changes, reason=reason)
    events_record(move=move, state=new_state)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(getattr(value, "pk", value))


def state_label(state: str) -> str:
    return STATE_LABELS[State(state)]


def role_label(role: str) -> str:
    return ACTOR_LABELS.get(role, role)
