"""Reads of the review cycle, scoped by `ReviewSchedule.objects.visible_to(viewer)` (404 outside the scope)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet

from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine.reviews import (
    REVIEW_STATUS_LABELS,
    ContinuityRisk,
    Departure,
    ReviewPlan,
    ReviewStatus,
    SkpYear,
    continuity_risks,
    open_from,
    review_status,
    skp_decline,
)
from tepat.engine.workflow import State
from tepat.evaluation.models import ReviewSchedule
from tepat.evaluation.services.reviews import current_review_plan
from tepat.people.models import PerformanceRecord, PositionHistory
from tepat.transfers.models import Move

# Filter values of the list page (status codes of the engine plus the support flag).
FILTER_OPEN = "terbuka"  # due and late together: what the supervisor has to do now
FILTER_SUPPORT = "perlu_dukungan"
RECENT_DAYS = 730  # moves whose SKP and continuity are still watched: two years after the TMT
TOOK_EFFECT = (State.BERLAKU, State.SELESAI)
FILTER_LABELS = {
    FILTER_OPEN: "Jatuh tempo dan terlambat",
    ReviewStatus.DUE.value: "Jatuh tempo",
    ReviewStatus.OVERDUE.value: "Terlambat",
    ReviewStatus.SCHEDULED.value: "Terjadwal",
    ReviewStatus.DONE.value: "Selesai",
    FILTER_SUPPORT: "Perlu dukungan",
}


@dataclass(frozen=True)
class ReviewRow:
    schedule: ReviewSchedule
    status: ReviewStatus

    @property
    def status_label(self) -> str:
        return REVIEW_STATUS_LABELS[self.status]

    @property
    def review(self) -> Any:
        return getattr(self.schedule, "review", None)


def _filter(
    rows: QuerySet[ReviewSchedule], status: str, plan: ReviewPlan, on: date
) -> QuerySet[ReviewSchedule]:
    edge = open_from(on, plan)
    pending = Q(review__isnull=True)
    conditions = {
        FILTER_OPEN: pending & Q(due_on__lte=edge),
        ReviewStatus.DUE.value: pending & Q(due_on__lte=edge, due_on__gte=on),
        ReviewStatus.OVERDUE.value: pending & Q(due_on__lt=on),
        ReviewStatus.SCHEDULED.value: pending & Q(due_on__gt=edge),
        ReviewStatus.DONE.value: Q(review__isnull=False),
        FILTER_SUPPORT: Q(review__needs_support=True),
    }
    return rows.filter(conditions[status]) if status in conditions else rows


def review_schedules(
    *, viewer: Viewer, status: str = "", query: str = "", unit: Any = None, plan: ReviewPlan | None = None
) -> QuerySet[ReviewSchedule]:
    """The viewer's review rows with what a list row shows, in one query (paginate the result)."""
    rows = ReviewSchedule.objects.visible_to(viewer).select_related(
        "employee", "unit", "move__target_seat__position", "move__origin_unit", "review"
    )
    if query:
        rows = rows.filter(Q(employee__name__icontains=query) | Q(employee__nip=query))
    if unit is not None:
        rows = rows.filter(unit__path__startswith=unit.path)
    order = (
        ["-review__submitted_at", "-id"]
        if status in (ReviewStatus.DONE, FILTER_SUPPORT)
        else ["due_on", "id"]
    )
    return _filter(rows, status, plan or current_review_plan(), today()).order_by(*order)


def review_rows(schedules: Any, plan: ReviewPlan | None = None) -> list[ReviewRow]:
    """Rows of one page with their status by date (the engine decides)."""
    plan, on = plan or current_review_plan(), today()
    return [
        ReviewRow(s, review_status(due=s.due_on, submitted=hasattr(s, "review"), today=on, plan=plan))
        for s in schedules
    ]


def review_schedule_get(*, viewer: Viewer, public_id: Any) -> ReviewSchedule:
    """One review row in the viewer's scope; raises DoesNotExist outside it (the view answers 404)."""
    return (
        ReviewSchedule.objects.visible_to(viewer)
        .select_related(
            "employee", "unit", "move__target_seat__position", "move__origin_unit", "review__submitted_by"
        )
        .get(public_id=public_id)
    )


def skp_history(*, schedule: ReviewSchedule) -> list[tuple[int, str]]:
    """The newcomer's SKP predikat by year, oldest first (the supervisor's context for the review)."""
    rows = PerformanceRecord.objects.filter(employee_id=schedule.employee_id).order_by("year")
    return list(rows.values_list("year", "predikat"))


@dataclass(frozen=True)
class ReviewCounts:
    due: int
    overdue: int
    scheduled: int
    done: int
    needs_support: int

    @property
    def open(self) -> int:
        return self.due + self.overdue


def review_counts(*, viewer: Viewer, plan: ReviewPlan | None = None) -> ReviewCounts:
    """The overview block's figures in one aggregate query."""
    plan, on = plan or current_review_plan(), today()
    edge = open_from(on, plan)
    pending = Q(review__isnull=True)
    figures = ReviewSchedule.objects.visible_to(viewer).aggregate(
        due=Count("id", filter=pending & Q(due_on__lte=edge, due_on__gte=on)),
        overdue=Count("id", filter=pending & Q(due_on__lt=on)),
        scheduled=Count("id", filter=pending & Q(due_on__gt=edge)),
        done=Count("id", filter=Q(review__isnull=False)),
        needs_support=Count("id", filter=Q(review__needs_support=True)),
    )
    return ReviewCounts(**figures)


def overview_reviews(*, viewer: Viewer, limit: int = 5) -> dict[str, Any]:
    """Context for `evaluation/_overview_reviews.html`: counts, the next open reviews, the latest warnings."""
    plan = current_review_plan()
    open_rows = review_schedules(viewer=viewer, status=FILTER_OPEN, plan=plan)[:limit]
    support_rows = review_schedules(viewer=viewer, status=FILTER_SUPPORT, plan=plan)[:limit]
    return {
        "review_counts": review_counts(viewer=viewer, plan=plan),
        "reviews_open": review_rows(open_rows, plan),
        "reviews_support": review_rows(support_rows, plan),
        **attention(viewer=viewer, plan=plan),
    }


@dataclass(frozen=True)
class SkpDecline:
    move: Move
    before: SkpYear
    after: SkpYear

    @property
    def sentence(self) -> str:
        return (
            f"Predikat SKP turun dari {self.before.predikat} ({self.before.year}) "
            f"ke {self.after.predikat} ({self.after.year}) setelah mutasi."
        )


def _recent_moves(viewer: Viewer, on: date) -> QuerySet[Move]:
    since = on - timedelta(days=RECENT_DAYS)
    return (
        Move.objects.visible_to(viewer)
        .filter(status__in=TOOK_EFFECT, tmt__gte=since, tmt__lte=on)
        .select_related("employee", "origin_unit", "target_seat__position__unit")
        .order_by("-tmt", "id")
    )


def skp_declines(*, viewer: Viewer, moves: list[Move] | None = None) -> list[SkpDecline]:
    """Newcomers of the last two years whose SKP after the move is below the last one before it, reviewed
    or not (the annual SKP arrives after the reviews). Two queries for any number of moves."""
    moves = moves if moves is not None else list(_recent_moves(viewer, today()))
    records: dict[int, list[SkpYear]] = defaultdict(list)
    rows = PerformanceRecord.objects.filter(employee_id__in={m.employee_id for m in moves})
    for employee, year, predikat in rows.values_list("employee_id", "year", "predikat"):
        records[employee].append(SkpYear(year, predikat))
    found = []
    for move in moves:
        decline = skp_decline(records[move.employee_id], move.tmt) if move.tmt else None
        if decline is not None:
            found.append(SkpDecline(move, *decline))
    return found


def unit_continuity_risks(
    *, viewer: Viewer, moves: list[Move] | None = None, plan: ReviewPlan | None = None
) -> list[ContinuityRisk]:
    """Units one proposal took several experienced people from (years in the origin unit from the position
    history row that ended the day before the TMT). Two queries for any number of moves."""
    moves = moves if moves is not None else list(_recent_moves(viewer, today()))
    leaving = [m for m in moves if m.origin_unit_id is not None and m.tmt is not None]
    ended: dict[tuple[int, date], date] = {}
    history = PositionHistory.objects.filter(
        employee_id__in={m.employee_id for m in leaving}, end__isnull=False
    ).values_list("employee_id", "end", "start")
    for employee, end, began in history:
        if end is not None:
            ended[(employee, end)] = began
    departures = []
    for move in leaving:
        assert move.tmt is not None  # noqa: S101 - filtered above; narrows the type
        start = ended.get((move.employee_id, move.tmt - timedelta(days=1)))
        years = (move.tmt - start).days / 365.25 if start else 0.0
        unit = move.origin_unit.name if move.origin_unit else ""
        departures.append(Departure(str(move.proposal_id), unit, move.employee.full_name, years))
    return list(continuity_risks(departures, plan or current_review_plan()))


def attention(*, viewer: Viewer, plan: ReviewPlan | None = None) -> dict[str, Any]:
    """SKP declines and continuity risks of the moves of the last two years, from one read of the moves."""
    moves = list(_recent_moves(viewer, today()))
    return {
        "skp_declines": skp_declines(viewer=viewer, moves=moves),
        "continuity_risks": unit_continuity_risks(viewer=viewer, moves=moves, plan=plan),
    }
