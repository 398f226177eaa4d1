"""The TMT job: idempotent, applies through the people service, holds a move whose hard rule now fails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.workflow import SYSTEM_ACTOR, State
from tepat.people.models import DisciplinaryRecord, PositionHistory
from tepat.transfers.models import Move
from tepat.transfers.services.tmt import apply_due_tmt
from tepat.transfers.tests.conftest import World, committed

pytestmark = pytest.mark.django_db


def test_running_twice_moves_once(world: World) -> None:
    employee = world.gov.staff_dinas
    move = world.to_state(world.propose(employee).moves.get(), State.SK_TERBIT)
    with committed():
        call_command("apply_due_tmt", verbosity=0)
        call_command("apply_due_tmt", verbosity=0)
    assert PositionHistory.objects.filter(employee=employee).count() == 2
    assert Move.objects.get(pk=move.pk).status == State.BERLAKU
    rows = AuditEntry.objects.filter(action="move_berlakukan")
    assert rows.count() == 1
    assert rows.get().actor_label == SYSTEM_ACTOR


def test_a_future_tmt_waits(world: World) -> None:
    move = world.propose(world.gov.staff_dinas).moves.get()
    move = world.to_state(move, State.DISETUJUI)
    from tepat.transfers.tests.conftest import issue

    issue(world, [move], tmt=today() + dt.timedelta(days=10))
    assert apply_due_tmt(on=today()).applied == []
    assert Move.objects.get(pk=move.pk).status == State.SK_TERBIT


def test_a_hard_rule_failing_at_tmt_holds_the_move_with_the_reason(world: World) -> None:
    employee = world.gov.staff_dinas
    move = world.to_state(world.propose(employee).moves.get(), State.SK_TERBIT)
    DisciplinaryRecord.objects.create(employee=employee, level="berat", stage="proses", start=today())
    report = apply_due_tmt(on=today())
    move.refresh_from_db()
    assert move.status == State.DITAHAN
    assert "disiplin" in move.hold_reason.lower()
    assert report.held
    assert PositionHistory.objects.filter(employee=employee).count() == 1


def test_a_chain_applies_in_order_when_one_moves_into_the_seat_another_leaves(world: World) -> None:
    leaving, arriving = world.gov.staff_kelurahan, world.gov.staff_dinas
    from tepat.transfers.services.proposals import proposal_create_batch

    proposal = proposal_create_batch(
        actor=world.cast.analyst,
        moves=[(arriving, leaving.seat, "Rantai"), (leaving, world.seats[2], "Rantai")],  # type: ignore[list-item]
    )
    moves = [world.to_state(m, State.SK_TERBIT) for m in proposal.moves.order_by("pk")]
    report = apply_due_tmt(on=today())
    assert len(report.applied) == 2, report
    assert {Move.objects.get(pk=m.pk).status for m in moves} == {State.BERLAKU}
