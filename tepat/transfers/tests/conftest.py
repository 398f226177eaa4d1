"""A small government with one user per workflow role and helpers that walk a move through the table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import TestCase

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.organization.models import Seat
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.models import Employee
from tepat.transfers.models import BoardSession, Decree, Move, Proposal
from tepat.transfers.services.board import (
    board_agenda_add,
    board_attend,
    board_session_close,
    board_session_create,
    board_vote,
)
from tepat.transfers.services.decisions import move_decide
from tepat.transfers.services.decree import decree_issue
from tepat.transfers.services.proposals import proposal_create_batch, proposal_submit
from tepat.transfers.services.verification import move_verify


@dataclass
class Cast:
    analyst: User
    camat: User
    admin: User
    admin2: User
    members: list[User]
    ppk: User
    auditor: User
    employee_user: User


@dataclass
class World:
    gov: SmallGovernment
    cast: Cast
    seats: list[Seat]  # vacant seats in the kelurahan and the dinas

    def propose(self, *employees: Employee, actor: User | None = None) -> Proposal:
        specs = [(e, self.seats[i], "Penyegaran organisasi") for i, e in enumerate(employees)]
        return proposal_create_batch(actor=actor or self.cast.analyst, moves=specs, title="Uji")

    def to_state(self, move: Move, state: State) -> Move:
        return walk(self, move, state)


ORDER = [
    State.DRAF,
    State.DIAJUKAN,
    State.DIVERIFIKASI,
    State.DIPERTIMBANGKAN,
    State.DISETUJUI,
    State.SK_TERBIT,
]


def walk(world: World, move: Move, target: State) -> Move:
    """Take the happy path step by step until `target` (one of ORDER)."""
    cast = world.cast
    steps: dict[State, Callable[[Move], Move]] = {
        State.DRAF: lambda m: proposal_submit(proposal=m.proposal, actor=cast.analyst)[0],
        State.DIAJUKAN: lambda m: move_verify(move=m, actor=cast.admin),
        State.DIVERIFIKASI: lambda m: consider(world, [m])[0],
        State.DIPERTIMBANGKAN: lambda m: move_decide(
            move=m, actor=cast.ppk, approve=True, reason="Sesuai kebutuhan"
        ),
        State.DISETUJUI: lambda m: issue(world, [m]).moves.get(),
    }
    move.refresh_from_db()
    while move.status != target:
        with committed():
            move = steps[State(move.status)](move)
        move.refresh_from_db()
    return move


def committed() -> Any:
    """Run on_commit callbacks (event handlers, PDF rendering) as a real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


_sessions = iter(range(1, 10_000))


def consider(world: World, moves: list[Move], votes: int = 2) -> list[Move]:
    cast = world.cast
    session = board_session_create(
        actor=cast.admin,
        number=f"BA-{next(_sessions):04d}/TPK/2026",
        held_on=today(),
        place="Ruang Rapat BKPP",
    )
    board_agenda_add(session=session, moves=moves, actor=cast.admin)
    for member in cast.members[:votes]:
        board_attend(session=session, member=member)
        for move in moves:
            board_vote(session=session, move=move, member=member, recommends=True)
    board_session_close(session=session, actor=cast.members[0])
    return [Move.objects.get(pk=m.pk) for m in moves]


def issue(world: World, moves: list[Move], tmt: dt.date | None = None) -> Decree:
    return decree_issue(actor=world.cast.admin, moves=moves, tmt=tmt or today())


def session_of(move: Move) -> BoardSession | None:
    return move.board_session


@pytest.fixture
def world(gov: SmallGovernment, make_user: Callable[..., User]) -> World:
    employee_user = make_user(Role.EMPLOYEE, username="pegawai.uji")
    Employee.objects.filter(pk=gov.staff_kelurahan.pk).update(user=employee_user)
    gov.staff_kelurahan.refresh_from_db()
    cast = Cast(
        analyst=make_user(Role.ANALYST, username="analis.uji"),
        camat=make_user(Role.UNIT_HEAD, gov.kecamatan, username="camat.uji"),
        admin=make_user(Role.HR_ADMIN, username="admin.uji"),
        admin2=make_user(Role.HR_ADMIN, username="admin2.uji"),
        members=[make_user(Role.BOARD_MEMBER, username=f"tim.{i}") for i in range(1, 4)],
        ppk=make_user(Role.APPROVER, username="ppk.uji"),
        auditor=make_user(Role.AUDITOR, username="auditor.uji"),
        employee_user=employee_user,
    )
    target_kel = PositionFactory.create(unit=gov.kelurahan, name="Pengadministrasi Umum")
    target_din = PositionFactory.create(unit=gov.dinas, name="Pengelola Data")
    seats = [SeatFactory.create(position=target_kel, number=n) for n in (1, 2)]
    seats += [SeatFactory.create(position=target_din, number=n) for n in (1, 2)]
    return World(gov=gov, cast=cast, seats=seats)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")
