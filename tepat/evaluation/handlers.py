"""The evaluation app's handler of the workflow's follow-up events (registry in transfers.services.events)."""

from __future__ import annotations

from tepat.engine.workflow import Event
from tepat.evaluation.services.reviews import review_schedules_create
from tepat.transfers.models import MoveEvent
from tepat.transfers.services.events import handles


@handles(Event.SCHEDULE_REVIEWS)
def schedule_reviews(event: MoveEvent) -> None:
    """A move took effect (berlaku): its newcomer reviews are due from the TMT; running twice adds nothing."""
    review_schedules_create(move=event.move)
