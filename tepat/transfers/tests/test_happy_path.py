"""One move from draf to selesai through the services, and what each step leaves behind."""

from __future__ import annotations

import pytest

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.workflow import State
from tepat.people.models import PositionHistory
from tepat.transfers.models import ClosingItem, MoveStep, Notice
from tepat.transfers.services.closing import closing_item_complete, move_finish
from tepat.transfers.services.tmt import apply_due_tmt
from tepat.transfers.tests.conftest import World, committed

pytestmark = pytest.mark.django_db


def test_a_move_walks_from_draft_to_finished_and_lands_in_the_position_history(world: World) -> None:
    employee = world.gov.staff_kelurahan
    move = world.propose(employee).moves.get()
    assert move.proposed_snapshot["rules"]

    move = world.to_state(move, State.SK_TERBIT)
    assert move.decree is not None
    assert move.decree.sha256
    assert Notice.objects.filter(move=move, kind=State.SK_TERBIT).exists()

    with committed():
        report = apply_due_tmt(on=today())
    move.refresh_from_db()
    assert move.status == State.BERLAKU, report
    current = PositionHistory.objects.get(employee=employee, end__isnull=True)
    assert current.seat == world.seats[0]
    assert current.sk_number == move.decree.number_text

    for item in ClosingItem.objects.filter(move=move):
        closing_item_complete(item=item, actor=world.cast.admin, done_on=today(), reference="No. 800/1")
    with committed():
        move = move_finish(move=move, actor=world.cast.admin)
    assert move.status == State.SELESAI

    steps = list(MoveStep.objects.filter(move=move).values_list("to_state", flat=True))
    assert steps == [
        "diajukan",
        "diverifikasi",
        "dipertimbangkan",
        "disetujui",
        "sk_terbit",
        "berlaku",
        "selesai",
    ]
    transitions = AuditEntry.objects.filter(object_id=str(move.public_id), action__startswith="move_")
    assert transitions.exclude(action="move_create").count() == len(steps)
