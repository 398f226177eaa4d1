"""Reads of the review cycle, scoped by `ReviewSchedule.objects.visible_to(viewer)` (404 outside the scope)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet

from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine.reviews import REVIEW_STATUS_LABELS, ReviewPlan, ReviewStatus, open_from, review_status
from tepat.evaluation.models import ReviewSchedule
from tepat.evaluation.services.reviews import current_review_plan
from tepat.people.models import PerformanceRecord

# Filter values of the list page (status codes of the engine plus the support flag).
FILTER_OPEN = "terbuka"  # due and late together: what the supervisor has to do now
FILTER_SUPPORT = "perlu_dukungan"
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


def review_schedules(*, viewer: Viewer, status: str = "", query: str = "") -> QuerySet[ReviewSchedule]:
    """The viewer's review rows with what a list row shows, in one query (paginate the result)."""
    rows = ReviewSchedule.objects.visible_to(viewer).select_related(
        "employee", "unit", "move__target_seat__position", "move__origin_unit", "review"
    )
    if query:
        rows = rows.filter(Q(employee__name__icontains=query) | Q(employee__nip=query))
    order = (
        ["-review__submitted_at", "-id"]
        if status in (ReviewStatus.DONE, FILTER_SUPPORT)
        else ["due_on", "id"]
    )
    return _filter(rows, status, current_review_plan(), today()).order_by(*order)


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


def review_counts(*, viewer: Viewer) -> ReviewCounts:
    """The overview block's figures in one aggregate query."""
    plan, on = current_review_plan(), today()
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
    return {
        "review_counts": review_counts(viewer=viewer),
        "reviews_open": review_rows(review_schedules(viewer=viewer, status=FILTER_OPEN)[:limit], plan),
        "reviews_support": review_rows(review_schedules(viewer=viewer, status=FILTER_SUPPORT)[:limit], plan),
    }
