"""Rows for the communication tests: moves, notices, objections and answered surveys written directly, in bulk,
so list pages and the resistance map can be measured with many rows (the workflow itself is tested elsewhere)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.test import Client
from django.utils import timezone

from tepat.accounts.models import User
from tepat.organization.models import Unit
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.tests.factories import EmployeeFactory
from tepat.transfers.models import Move, Notice, Objection, Proposal, PulseSurvey


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def applied_moves(unit: Unit, count: int, *, by: User, tmt: dt.date, status: str = "berlaku") -> list[Move]:
    """`count` moves into `unit` (one new position with `count` seats), each of its own employee."""
    position = PositionFactory.create(unit=unit)
    proposal = Proposal.objects.create(title="Uji komunikasi", created_by=by)
    moves = []
    for n in range(count):
        seat = SeatFactory.create(position=position, number=n + 1)
        employee = EmployeeFactory.create(unit=unit)
        moves.append(
            Move.objects.create(
                proposal=proposal, employee=employee, target_seat=seat, reason="uji", status=status, tmt=tmt
            )
        )
    return moves


def notices_for(moves: Sequence[Move], *, days_ago: int = 0, read: bool = False) -> list[Notice]:
    rows = [
        Notice.objects.create(
            move=m, employee=m.employee, kind="sk_terbit", title="SK mutasi Anda telah terbit"
        )
        for m in moves
    ]
    when = timezone.now() - dt.timedelta(days=days_ago)
    Notice.objects.filter(pk__in=[n.pk for n in rows]).update(created_at=when, read_at=when if read else None)
    return rows


def objections_for(
    moves: Sequence[Move], *, by: User, days_ago: int = 0, due: dt.date | None = None
) -> list[Objection]:
    day = timezone.localdate()
    rows = [
        Objection.objects.create(
            move=m,
            category="jarak",
            text="Jarak rumah ke kantor baru terlalu jauh.",
            filed_by=by,
            due_on=due or day,
        )
        for m in moves
    ]
    Objection.objects.filter(pk__in=[o.pk for o in rows]).update(
        filed_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return rows


def answered_surveys(moves: Sequence[Move], scores: Sequence[int], *, days_ago: int = 5) -> list[PulseSurvey]:
    """One answered survey per move; `scores[i]` is every answer of survey i except support, one lower."""
    day = timezone.localdate()
    rows = []
    for move, score in zip(moves, scores, strict=True):
        rows.append(
            PulseSurvey.objects.create(
                move=move,
                employee=move.employee,
                unit=move.target_seat.position.unit,
                due_on=day - dt.timedelta(days=days_ago),
                closes_on=day + dt.timedelta(days=20),
                answered_at=timezone.now() - dt.timedelta(days=days_ago),
                clarity=score,
                support=max(1, score - 1),
                workload=score,
                team=score,
                stay=score,
            )
        )
    return rows


def give_emails() -> None:
    """Every test user gets an address, so the mail outbox shows who was told."""
    for user in User.objects.filter(email=""):
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@uji.semarangkota.go.id")
