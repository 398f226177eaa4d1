"""Newcomers of the demo and their reviews (JOURNEYS.md §6): "Is the newcomer settling in?".

lurah.ngesrep has a newcomer, the Kepala Seksi Ketenteraman, Ketertiban dan Kesejahteraan Sosial of Kelurahan
Ngesrep, who moved in 85 days ago: the 1-month check-in is done and the 3-month review is due. Two other
kelurahan of Banyumanik have newcomers whose reviews the camat has done, one of them flagged "perlu dukungan".

Why not the Kasi Pemerintahan of Ngesrep, as JOURNEYS §6 tells it: that seat stays empty on purpose for
journeys 1–3 (the vacancy the camat fills), and in the story journey 6 happens three months after that move.
The demo shows the same situation on the neighbouring seksi of the same kelurahan.

Why the moves are written as history instead of through the workflow services: they took effect before Tepat
was installed (the BKPP imported them with their SK), so there was no proposal, board or PPK decision in Tepat
to replay, and the workflow refuses a TMT in the past. What happens from the TMT on goes through the real
services: the review schedule (`review_schedules_create`, as the `evaluation.schedule_reviews` handler does) and
the supervisors' reviews (`review_submit`). Idempotent: nothing is written when the demo newcomers exist already
or when the demo accounts do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tepat.accounts.models import User
from tepat.core.scoping import today as local_today
from tepat.engine.workflow import State
from tepat.evaluation.models import Review, ReviewSchedule
from tepat.evaluation.services.reviews import review_schedules_create, review_submit
from tepat.organization.models import Position, Seat
from tepat.people.models import Employee, PositionHistory
from tepat.transfers.models import Move, Proposal

SOURCE_REF = "demo:riwayat-sebelum-tepat"
HISTORY_AUTHOR = "admin"
GOOD = {"adaptation": "4", "task_mastery": "4", "cooperation": "5", "support_need": "2"}
STRUGGLING = {"adaptation": "3", "task_mastery": "2", "cooperation": "3", "support_need": "4"}


@dataclass(frozen=True)
class Newcomer:
    seat: str  # position code of the seat (number 1) the newcomer holds now
    origin: str  # position code of the post held before
    days_ago: int  # TMT in the new post, days before today
    reviewer: str  # username of the unit head who reviews
    answers: dict[str, dict[str, str]]  # review kind → answers to submit (kinds absent stay open)
    comments: str


NEWCOMERS = (
    Newcomer(
        "KEL-BYM-NGESREP.KASI-TRANTIB", "KEL-BYM-TINJOMOYO.KASI-TRANTIB", 85, "lurah.ngesrep",
        {"bulan_1": GOOD}, "Sudah menerima serah terima dan mengenal wilayah; rapat koordinasi RT/RW mulai dipimpin.",
    ),
    Newcomer(
        "KEL-BYM-PUDAKPAYUNG.KASI-TRANTIB", "KEL-BYM-BANYUMANIK.KASI-TRANTIB", 200, "camat.banyumanik",
        {"bulan_1": GOOD, "bulan_3": GOOD, "bulan_6": GOOD}, "Cepat menyesuaikan diri dan menguasai tugas.",
    ),
    Newcomer(
        "KEL-BYM-GEDAWANG.KASI-PM", "KEL-BYM-PADANGSARI.KASI-PM", 120, "camat.banyumanik",
        {"bulan_1": GOOD, "bulan_3": STRUGGLING},
        "Belum menguasai penyusunan usulan musrenbang; perlu pendampingan dan pelatihan perencanaan.",
    ),
)  # fmt: skip


def demo_reviews_ensure(*, today: date | None = None) -> int:
    """Write the demo newcomers and their reviews; returns how many newcomers were written (0 when present)."""
    day = today or local_today()
    if Proposal.objects.filter(source_ref=SOURCE_REF).exists():
        return 0
    users = {
        u.username: u
        for u in User.objects.filter(username__in={HISTORY_AUTHOR, *(n.reviewer for n in NEWCOMERS)})
    }
    if len(users) < 1 + len({n.reviewer for n in NEWCOMERS}):
        return 0
    with transaction.atomic():
        proposal = Proposal.objects.create(
            title="Mutasi sebelum Tepat dipakai (riwayat impor)",
            source=Proposal.Source.MANUAL,
            source_ref=SOURCE_REF,
            created_by=users[HISTORY_AUTHOR],
        )
        written = 0
        for newcomer in NEWCOMERS:
            move = _history(proposal, newcomer, day)
            if move is None:
                continue
            review_schedules_create(move=move)
            _reviews(move, newcomer, users[newcomer.reviewer])
            written += 1
    return written


def _history(proposal: Proposal, newcomer: Newcomer, day: date) -> Move | None:
    """The newcomer's position history as imported: the old post until the day before the TMT, then the seat."""
    seat = Seat.objects.select_related("position__unit").get(position__code=newcomer.seat, number=1)
    employee = Employee.objects.filter(seat=seat).first()
    origin = Position.objects.select_related("unit").get(code=newcomer.origin)
    tmt = day - timedelta(days=newcomer.days_ago)
    current = PositionHistory.objects.filter(employee=employee, end__isnull=True).first()
    if employee is None or current is None or current.start >= tmt:
        return None
    PositionHistory.objects.create(
        employee=employee, position=origin, unit=origin.unit, position_name=origin.name,
        unit_name=origin.unit.name, family=origin.family, start=current.start, end=tmt - timedelta(days=1),
    )  # fmt: skip
    PositionHistory.objects.filter(pk=current.pk).update(start=tmt)
    Employee.objects.filter(pk=employee.pk).update(position_since=tmt)
    status = State.BERLAKU if newcomer.days_ago < 180 else State.SELESAI
    return Move.objects.create(
        proposal=proposal, employee=employee, origin_unit=origin.unit, target_seat=seat, status=status, tmt=tmt,
        reason=f"Rotasi {origin.name} {origin.unit.name} (SK diimpor dari riwayat kepegawaian).",
    )  # fmt: skip


def _reviews(move: Move, newcomer: Newcomer, reviewer: User) -> None:
    for schedule in ReviewSchedule.objects.filter(move=move).order_by("due_on"):
        answers = newcomer.answers.get(schedule.kind)
        if answers is None:
            continue
        review = review_submit(actor=reviewer, schedule=schedule, answers=answers, comments=newcomer.comments)
        # Submitted a few days after the due date, as it happened (the service stamps "now").
        Review.objects.filter(pk=review.pk).update(submitted_at=_at(schedule.due_on + timedelta(days=3)))


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(min(day, local_today()), time(10, 0)))
