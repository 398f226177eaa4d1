"""The workflow's `development.create_plan` event (recorded when a move enters `berlaku`) opens the plan."""

from __future__ import annotations

from tepat.development.services.plans import plan_open_for_move
from tepat.engine.workflow import Event
from tepat.transfers.models import MoveEvent
from tepat.transfers.services.events import handles


@handles(Event.CREATE_DEVELOPMENT_PLAN)
def create_development_plan(event: MoveEvent) -> None:
    # Idempotent: a second delivery (or a replay of old events) finds the plan of this move and stops.
    plan_open_for_move(move=event.move)
