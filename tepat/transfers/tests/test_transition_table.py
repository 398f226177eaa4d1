"""Every (state, action, role) triple through the service, judged against the engine's own table (T06)."""

from __future__ import annotations

import itertools

import pytest

from tepat.core.models import AuditEntry
from tepat.engine.errors import IllegalTransition
from tepat.engine.roles import Role
from tepat.engine.workflow import ACTOR_LABELS, Action, State, SystemRole, transition
from tepat.transfers.models import Move, MoveStep
from tepat.transfers.services.workflow import move_transition
from tepat.transfers.tests.conftest import World

pytestmark = pytest.mark.django_db

ROLES = [*Role, SystemRole.TMT]


def expected(state: State, action: Action, role: str) -> State | None:
    try:
        return transition(state, action, role)
    except IllegalTransition:
        return None


def test_every_state_action_role_triple_behaves_as_the_engine_table_says(world: World) -> None:
    assert set(ROLES) == set(ACTOR_LABELS)
    move = world.propose(world.gov.staff_dinas).moves.get()
    actor = world.cast.admin2  # neither proposer, verifier nor the employee: only the table decides
    allowed = refused = 0
    events_before = AuditEntry.objects.filter(action="transition_refused").count()
    for state, action, role in itertools.product(State, Action, ROLES):
        Move.objects.filter(pk=move.pk).update(status=state)
        want = expected(state, action, role)
        if want is None:
            with pytest.raises(IllegalTransition):
                move_transition(move=move, action=action, actor=actor, role=role)
            refused += 1
            continue
        steps = MoveStep.objects.count()
        assert move_transition(move=move, action=action, actor=actor, role=role).status == want
        assert MoveStep.objects.count() == steps + 1
        allowed += 1
    # Refusals changed nothing but each left exactly one security event; successes each left one audit row.
    assert AuditEntry.objects.filter(action="transition_refused").count() == events_before + refused
    audited = AuditEntry.objects.filter(object_id=str(move.public_id), action__startswith="move_")
    assert (
        audited.exclude(action="move_create").count() == allowed == MoveStep.objects.filter(move=move).count()
    )
    assert allowed == sum(1 for s, a, r in itertools.product(State, Action, ROLES) if expected(s, a, r))
    assert refused > allowed > 10


def test_a_second_decision_is_refused_as_already_decided(world: World) -> None:
    move = world.propose(world.gov.staff_dinas).moves.get()
    Move.objects.filter(pk=move.pk).update(status=State.DISETUJUI)
    with pytest.raises(IllegalTransition, match="sudah diputuskan"):
        move_transition(move=move, action=Action.SETUJUI, actor=world.cast.ppk, role=Role.APPROVER)
