"""Exactly once under real parallel requests on PostgreSQL (T09, T10, T11; R-08, R-09)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError
from tepat.engine.workflow import State
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.tests.factories import EmployeeFactory
from tepat.transfers.models import Decree, Move, Proposal
from tepat.transfers.services import decree as decree_service
from tepat.transfers.services.decisions import move_decide
from tepat.transfers.services.decree import decree_issue
from tepat.transfers.services.proposals import proposal_create
from tepat.transfers.tests.conftest import World

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    # `make test` deselects the marker on SQLite; a plain SQLite run skips here, a PostgreSQL run skips nothing.
    pytest.mark.skipif(connection.vendor != "postgresql", reason="perlu PostgreSQL (penguncian baris nyata)"),
]


def race(count: int, work: Callable[[int], Any]) -> tuple[list[Any], list[Exception]]:
    """Run `work(i)` in `count` threads released together; each thread closes its own connection."""
    assert connection.vendor == "postgresql"
    barrier = threading.Barrier(count)
    results: list[Any] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def run(index: int) -> None:
        try:
            barrier.wait()
            outcome = work(index)
            with lock:
                results.append(outcome)
        except Exception as error:  # noqa: BLE001 - collected and asserted by the test
            with lock:
                errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_twenty_parallel_decisions_on_one_move_give_exactly_one(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIPERTIMBANGKAN)
    ppk = world.cast.ppk

    def decide(i: int) -> Move:
        mine = Move.objects.get(pk=move.pk)  # each request loads its own row and user
        return move_decide(
            move=mine, actor=type(ppk).objects.get(pk=ppk.pk), approve=i % 2 == 0, reason=f"alasan {i}"
        )

    results, errors = race(20, decide)
    assert len(results) == 1
    assert len(errors) == 19
    messages = {getattr(e, "message", repr(e)) for e in errors}
    assert all(isinstance(e, ApplicationError) for e in errors), messages
    assert all("sudah diputuskan" in m for m in messages), messages
    decided = AuditEntry.objects.filter(
        action__in=["move_setujui", "move_tolak"], object_id=str(move.public_id)
    )
    assert decided.count() == 1


def test_twenty_parallel_issues_for_one_move_give_one_sk_number(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DISETUJUI)
    admin = world.cast.admin
    results, errors = race(
        20, lambda i: decree_issue(actor=type(admin).objects.get(pk=admin.pk), moves=[move], tmt=today())
    )
    assert len(results) == 1, errors
    assert Decree.objects.count() == 1
    assert Decree.objects.get().number == 1


def _approved_moves(world: World, count: int) -> list[Move]:
    position = PositionFactory.create(unit=world.gov.dinas, name="Pelaksana")
    proposal = Proposal.objects.create(title="Massal", created_by=world.cast.analyst)
    moves = []
    for n in range(count):
        employee = EmployeeFactory.create(unit=world.gov.dinas)
        seat = SeatFactory.create(position=position, number=n + 1)
        moves.append(
            Move(proposal=proposal, employee=employee, target_seat=seat, reason="uji", status=State.DISETUJUI)
        )
    return Move.objects.bulk_create(moves)  # test setup only: the states are given, not walked


def test_fifty_parallel_issues_give_fifty_gap_free_numbers_even_with_injected_failures(world: World) -> None:
    moves = _approved_moves(world, 50)
    admin = world.cast.admin
    real_attach = decree_service._attach

    def flaky_attach(move: Move, *args: Any) -> None:
        if move.pk % 10 == 3:
            raise RuntimeError("gangguan yang disengaja")
        real_attach(move, *args)

    decree_service._attach = flaky_attach  # type: ignore[assignment]
    try:
        _results, errors = race(
            50,
            lambda i: decree_issue(actor=type(admin).objects.get(pk=admin.pk), moves=[moves[i]], tmt=today()),
        )
    finally:
        decree_service._attach = real_attach
    failed = sum(1 for m in moves if m.pk % 10 == 3)
    assert len(errors) == failed
    numbers = sorted(Decree.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 51 - failed))


def test_one_employee_in_parallel_new_proposals_gets_one_active_move(world: World) -> None:
    employee, analyst = world.gov.staff_dinas, world.cast.analyst

    def propose(i: int) -> Proposal:
        actor = type(analyst).objects.get(pk=analyst.pk)
        return proposal_create(actor=actor, employee=employee, seat=world.seats[i % 4], reason="uji")

    results, errors = race(10, propose)
    assert len(results) == 1
    assert all(isinstance(e, ApplicationError) for e in errors), errors
    assert Move.objects.filter(employee=employee).count() == 1
