"""Writes of the review cycle: the schedule a move gets when it takes effect, and the supervisor's review.

Who sees a review: the head of the new unit (unit_head grant covering it), the BKPP, the PPK and the auditor.
The employee does not see the supervisor's answers in Tepat: the review is the supervisor's working note for
deciding on support (like the catatan atasan of a probation), and candid answers are what make the early
warning useful. The form asks the supervisor to discuss the result with the employee in person (umpan balik
berkelanjutan, PermenPANRB 6/2022), and what follows for the employee (a mentor, training) reaches them through
their development plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from tepat.core.audit import audit_record
from tepat.core.rules import load_rule_book
from tepat.core.scoping import today, user_scope
from tepat.engine.errors import ApplicationError, FieldProblem, InvalidInput
from tepat.engine.reviews import (
    DEFAULT_REVIEW_PARAMETERS,
    ReviewPlan,
    SkpYear,
    early_warnings,
    read_answers,
    review_due_dates,
    review_plan,
    review_score,
)
from tepat.engine.roles import Role
from tepat.engine.rules.parameters import RuleBook
from tepat.engine.talent import DEFAULT_TALENT_PARAMETERS
from tepat.evaluation.models import Review, ReviewSchedule
from tepat.people.models import PerformanceRecord
from tepat.transfers.models import Move

SYSTEM_ACTOR = "sistem (jadwal tinjauan)"
COMMENTS_MAX = 4000


def evaluation_rule_book() -> RuleBook:
    """The stored rule rows plus the documented REVIEW and TALENT defaults for parameters nobody stored."""
    book = load_rule_book()
    stored = {(p.rule_id, p.parameter) for p in book.parameters}
    defaults = tuple(
        p
        for p in (*DEFAULT_REVIEW_PARAMETERS, *DEFAULT_TALENT_PARAMETERS)
        if (p.rule_id, p.parameter) not in stored
    )
    return replace(book, parameters=book.parameters + defaults)


def current_review_plan(on: date | None = None) -> ReviewPlan:
    return review_plan(evaluation_rule_book(), on or today())


@transaction.atomic
def review_schedules_create(*, move: Move, actor: Any = None) -> list[ReviewSchedule]:
    """The review rows of a move that took effect, counted from its TMT; rows already there are kept
    (idempotent: the unique (move, kind) constraint makes a concurrent second run insert nothing)."""
    tmt = move.tmt or today()
    plan = current_review_plan(tmt)
    unit = move.target_seat.position.unit
    existing = set(ReviewSchedule.objects.filter(move=move).values_list("kind", flat=True))
    rows = [
        ReviewSchedule(
            move=move, employee_id=move.employee_id, unit=unit, kind=step.kind, label=step.label, due_on=due
        )
        for step, due in review_due_dates(tmt, plan)
        if step.kind not in existing
    ]
    ReviewSchedule.objects.bulk_create(rows, ignore_conflicts=True)
    superseded = _drop_superseded(move, tmt) if rows else 0
    if rows:
        audit_record(
            actor=actor,
            actor_label="" if actor is not None else SYSTEM_ACTOR,
            action="review_schedules_create",
            obj=move,
            changes={"reviews": {row.kind: row.due_on.isoformat() for row in rows}, "superseded": superseded},
        )
    return rows


def _drop_superseded(move: Move, tmt: date) -> int:
    """Open reviews of the employee's earlier moves lapse: their reviewer is no longer the employee's head.
    Submitted reviews stay (they are the record); the count goes into the audit entry."""
    stale = ReviewSchedule.objects.filter(
        employee_id=move.employee_id, review__isnull=True, move__tmt__lt=tmt
    ).exclude(move=move)
    return int(ReviewSchedule.objects.filter(pk__in=list(stale.values_list("pk", flat=True))).delete()[0])


def _check_reviewer(actor: Any, schedule: ReviewSchedule) -> None:
    scope = user_scope(actor)
    if not scope.has(Role.UNIT_HEAD) or not any(schedule.unit.path.startswith(p) for p in scope.unit_paths):
        raise ApplicationError("Tinjauan diisi oleh pimpinan unit tempat pegawai kini bertugas.")
    if schedule.employee.user_id is not None and schedule.employee.user_id == actor.pk:
        raise ApplicationError("Anda tidak dapat meninjau diri sendiri; tinjauan diisi oleh atasan Anda.")


def _check_open(schedule: ReviewSchedule, plan: ReviewPlan, on: date) -> None:
    if Review.objects.filter(schedule=schedule).exists():
        raise ApplicationError("Tinjauan ini sudah dikirim dan tidak dapat diubah lagi.")
    opens = schedule.due_on.toordinal() - plan.open_days_before
    if on.toordinal() < opens:
        raise ApplicationError(
            f"Tinjauan ini baru dapat diisi mulai {date.fromordinal(opens):%d-%m-%Y}.", field="due_on"
        )


def _checked(answers: Mapping[str, Any], comments: str) -> tuple[dict[str, int], str]:
    """Answers and comments, every problem named at once (nothing is saved when one fails)."""
    problems: list[FieldProblem] = []
    checked: dict[str, int] = {}
    try:
        checked = read_answers(answers)
    except InvalidInput as error:
        problems.extend(error.problems)
    text = (comments or "").strip()
    if not text:
        problems.append(FieldProblem("comments", "Catatan atasan wajib diisi."))
    elif len(text) > COMMENTS_MAX:
        problems.append(FieldProblem("comments", f"Catatan atasan paling banyak {COMMENTS_MAX} karakter."))
    if problems:
        raise InvalidInput(problems)
    return checked, text


def _previous_score(schedule: ReviewSchedule) -> float | None:
    earlier = (
        Review.objects.filter(schedule__move_id=schedule.move_id, schedule__due_on__lt=schedule.due_on)
        .order_by("-schedule__due_on")
        .values_list("score", flat=True)
        .first()
    )
    return float(earlier) if earlier is not None else None


def _skp(employee_id: int) -> list[SkpYear]:
    rows = PerformanceRecord.objects.filter(employee_id=employee_id).values_list("year", "predikat")
    return [SkpYear(year, predikat) for year, predikat in rows]


@transaction.atomic
def review_submit(
    *, actor: Any, schedule: ReviewSchedule, answers: Mapping[str, Any], comments: str
) -> Review:
    """Submit the review once: the schedule row is locked, a second submit (even a concurrent one) is refused."""
    locked = (
        ReviewSchedule.objects.select_for_update()
        .select_related("unit", "employee", "move")
        .get(pk=schedule.pk)
    )
    _check_reviewer(actor, locked)
    plan = current_review_plan()
    _check_open(locked, plan, today())
    checked, text = _checked(answers, comments)
    warnings = early_warnings(
        answers=checked,
        plan=plan,
        previous_score=_previous_score(locked),
        skp=_skp(locked.employee_id),
        tmt=locked.move.tmt,
    )
    try:
        with transaction.atomic():
            review = Review.objects.create(
                schedule=locked,
                answers=checked,
                comments=text,
                score=review_score(checked),
                warnings=[w.as_dict() | {"follow_up_label": w.follow_up_label} for w in warnings],
                needs_support=bool(warnings),
                submitted_by=actor,
            )
    except IntegrityError:
        raise ApplicationError("Tinjauan ini sudah dikirim dan tidak dapat diubah lagi.") from None
    audit_record(
        actor=actor,
        action="review_submit",
        obj=locked,
        changes={
            "score": review.score,
            "needs_support": review.needs_support,
            "warnings": [w.code for w in warnings],
        },
    )
    return review
