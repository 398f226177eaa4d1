"""Separation of duties (R-06, T07): proposer, verifier, the employee and relatives, conflicted members, quorum."""

from __future__ import annotations

import datetime as dt

import pytest

from tepat.accounts.tests.factories import RoleGrantFactory
from tepat.core.scoping import today
from tepat.engine.errors import IllegalTransition, InvalidInput
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.people.models import FamilyRelation
from tepat.transfers.models import Move
from tepat.transfers.services.board import (
    board_agenda_add,
    board_attend,
    board_declare_conflict,
    board_session_close,
    board_session_create,
    board_vote,
)
from tepat.transfers.services.decisions import delegation_grant, move_decide
from tepat.transfers.services.verification import move_verify
from tepat.transfers.tests.conftest import World, consider

pytestmark = pytest.mark.django_db


def test_the_proposer_cannot_verify_their_own_proposal(world: World) -> None:
    RoleGrantFactory.create(user=world.cast.analyst, role=Role.HR_ADMIN)
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIAJUKAN)
    with pytest.raises(IllegalTransition, match="pengusul tidak boleh"):
        move_verify(move=move, actor=world.cast.analyst)
    assert Move.objects.get(pk=move.pk).status == State.DIAJUKAN


def test_the_verifier_cannot_decide(world: World) -> None:
    RoleGrantFactory.create(user=world.cast.admin, role=Role.APPROVER)
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIPERTIMBANGKAN)
    with pytest.raises(IllegalTransition, match="verifikator tidak boleh"):
        move_decide(move=move, actor=world.cast.admin, approve=True, reason="ok")


def test_nobody_acts_on_a_relatives_case(world: World) -> None:
    approver_employee = world.gov.staff_kecamatan
    type(approver_employee).objects.filter(pk=approver_employee.pk).update(user=world.cast.ppk)
    FamilyRelation.objects.create(
        employee=approver_employee,
        relative=world.gov.staff_dinas,
        kind="saudara",
        declared_on=dt.date(2020, 1, 1),
    )
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIPERTIMBANGKAN)
    with pytest.raises(IllegalTransition, match="keluarga"):
        move_decide(move=move, actor=world.cast.ppk, approve=True, reason="ok")


def test_a_decision_needs_a_reason_and_the_board_recommendation(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIPERTIMBANGKAN)
    with pytest.raises(InvalidInput) as error:
        move_decide(move=move, actor=world.cast.ppk, approve=True, reason="  ")
    assert error.value.field == "reason"


def test_a_conflicted_member_does_not_count_and_quorum_needs_two_distinct_members(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIVERIFIKASI)
    one, two, three = world.cast.members
    session = board_session_create(actor=world.cast.admin, number="BA-Q/2026", held_on=today(), place="BKPP")
    board_agenda_add(session=session, moves=[move], actor=world.cast.admin)
    for member in (one, two, three):
        board_attend(session=session, member=member)
    board_declare_conflict(session=session, move=move, member=two, reason="Atasan langsung")
    board_vote(session=session, move=move, member=one, recommends=True)
    with pytest.raises(IllegalTransition, match="konflik"):
        board_vote(session=session, move=move, member=two, recommends=True)
    with pytest.raises(IllegalTransition, match="sudah memberi"):
        board_vote(session=session, move=move, member=one, recommends=False)
    outcome = board_session_close(session=session, actor=one)
    assert outcome["no_quorum"] == [move]
    assert Move.objects.get(pk=move.pk).status == State.DIVERIFIKASI


def test_a_delegate_decides_only_inside_the_delegated_period_and_unit(world: World) -> None:
    delegate = world.cast.members[2]  # a Sekda-like official, not otherwise on this case
    move = world.to_state(world.propose(world.gov.staff_kelurahan).moves.get(), State.DIPERTIMBANGKAN)
    delegation_grant(
        actor=world.cast.ppk,
        delegate=delegate,
        valid_from=today() - dt.timedelta(days=30),
        valid_to=today() - dt.timedelta(days=1),
        unit=world.gov.kecamatan,
        basis="ND 800/1",
    )
    with pytest.raises(IllegalTransition, match="tidak berwenang"):  # expired: no approver grant today
        move_decide(move=move, actor=delegate, approve=True, reason="ok")
    delegation_grant(
        actor=world.cast.ppk,
        delegate=delegate,
        valid_from=today(),
        valid_to=today() + dt.timedelta(days=30),
        unit=world.gov.dinas,
        basis="ND 800/2",
    )
    delegate = type(delegate).objects.get(
        pk=delegate.pk
    )  # a new request: role scope is cached per user object
    with pytest.raises(IllegalTransition, match="pelimpahan"):  # in force, but for another unit
        move_decide(move=move, actor=delegate, approve=True, reason="ok")
    delegation_grant(
        actor=world.cast.ppk,
        delegate=delegate,
        valid_from=today(),
        valid_to=today() + dt.timedelta(days=30),
        unit=world.gov.kecamatan,
        basis="ND 800/3",
    )
    delegate = type(delegate).objects.get(pk=delegate.pk)
    assert move_decide(move=move, actor=delegate, approve=True, reason="ok").status == State.DISETUJUI


def test_part_of_a_batch_can_be_approved_and_the_rest_rejected(world: World) -> None:
    proposal = world.propose(world.gov.staff_dinas, world.gov.staff_kecamatan)
    moves = [world.to_state(m, State.DIVERIFIKASI) for m in proposal.moves.order_by("pk")]
    first, second = consider(world, moves)
    move_decide(move=first, actor=world.cast.ppk, approve=True, reason="Sesuai kebutuhan")
    move_decide(move=second, actor=world.cast.ppk, approve=False, reason="Belum mendesak")
    states = list(proposal.moves.order_by("pk").values_list("status", flat=True))
    assert states == [State.DISETUJUI, State.DITOLAK]
