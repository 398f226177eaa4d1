"""Steps after a state change: recorded in the transition's transaction, handled after commit.

The registry is explicit (no Django signals): `HANDLERS[event] -> function(event_row)`. An event kind with no
handler here stays unhandled in the table, so a later app (development plans, review schedules) can register
one and pick up every event recorded before it existed. `dispatch_pending_events` is idempotent and safe to run
from several processes: each row is claimed with `select_for_update(skip_locked=True)` and marked handled once.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tepat.engine.workflow import EVENTS_ON_ENTER, Event, State
from tepat.transfers.models import Move, MoveEvent

logger = logging.getLogger(__name__)

Handler = Callable[[MoveEvent], None]
HANDLERS: dict[str, Handler] = {}
MAX_ATTEMPTS = 5


def handles(*events: Event) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for event in events:
            HANDLERS[event.value] = handler
        return handler

    return register


def events_record(*, move: Move, state: State) -> list[MoveEvent]:
    """Write the engine's follow-up events for entering `state`; dispatch once the transaction commits."""
    rows = [MoveEvent(move=move, kind=event.value, state=state.value) for event in EVENTS_ON_ENTER[state]]
    MoveEvent.objects.bulk_create(rows)
    if rows:
        transaction.on_commit(dispatch_pending_events)
    return rows


def dispatch_pending_events(limit: int = 500) -> int:
    """Run the registered handler of each pending event; returns how many were handled."""
    _load_handlers()
    pending = list(
        MoveEvent.objects.filter(handled_at__isnull=True, kind__in=list(HANDLERS), attempts__lt=MAX_ATTEMPTS)
        .order_by("id")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in pending if _handle_one(pk))


def _handle_one(pk: int) -> bool:
    try:
        with transaction.atomic():
            event = (
                MoveEvent.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, handled_at__isnull=True)
                .select_related("move")
                .first()
            )
            if event is None:
                return False
            HANDLERS[event.kind](event)
            MoveEvent.objects.filter(pk=pk).update(handled_at=timezone.now(), attempts=event.attempts + 1)
            return True
    except Exception as error:
        logger.exception("Penanganan peristiwa %s gagal", pk)
        MoveEvent.objects.filter(pk=pk).update(attempts=F("attempts") + 1, error=str(error)[:500])
        return False


def _load_handlers() -> None:
    # The handler modules register themselves on import; importing here keeps the registry explicit and complete.
    importlib.import_module("tepat.transfers.services.handlers")
    importlib.import_module("tepat.development.handlers")
    importlib.import_module("tepat.evaluation.handlers")
