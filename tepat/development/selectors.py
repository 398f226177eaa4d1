"""Reads of the development app, scoped by `DevelopmentPlan.objects.visible_to(viewer)` (404 outside)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.development.inputs import catalogue, latest_levels, rules_on, standard_for
from tepat.development.models import DevelopmentPlan, PlanItem, TrainingCourse
from tepat.engine.development import (
    GROUP_LABELS,
    ROUTE_LABELS,
    ItemState,
    JpProgress,
    Reassessment,
    Route,
    add_months,
    expected_jp_by,
    first_window,
    jp_progress,
    negative_gaps,
    propose_items,
    reassessment_due,
)
from tepat.organization.models import Unit
from tepat.people.models import TrainingRecord
from tepat.transfers.models import Move

PLAN_RELATED = ("employee__unit", "position__unit", "move")


def _jp_in_year(year: int) -> Coalesce:
    earned = (
        TrainingRecord.objects.filter(employee=OuterRef("employee"), end__year=year)
        .values("employee")
        .annotate(total=Sum("jp"))
        .values("total")
    )
    return Coalesce(
        Subquery(earned, output_field=DecimalField(max_digits=7, decimal_places=1)),
        Value(Decimal(0)),
        output_field=DecimalField(max_digits=7, decimal_places=1),
    )


def _item_count(condition: Q) -> Coalesce:
    # A correlated subquery, not a JOIN + GROUP BY: only the rows of the page are counted, and the paginator's
    # COUNT(*) drops it altogether.
    counted = (
        PlanItem.objects.filter(condition, plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass(frozen=True)
class PlanFilters:
    unit: Unit | None = None
    status: str = ""
    behind: bool = False
    q: str = ""
    reassessment_due: bool = False


def plan_list(*, viewer: Viewer, filters: PlanFilters, on: date | None = None) -> QuerySet[DevelopmentPlan]:
    """Plans with the JP earned this year and item counts annotated (one query per page, whatever its size)."""
    day = on or today()
    plans = (
        DevelopmentPlan.objects.visible_to(viewer)
        .select_related(*PLAN_RELATED)
        .annotate(
            jp_year=_jp_in_year(day.year),
            items_total=_item_count(~Q(status=PlanItem.Status.CANCELLED)),
            items_done=_item_count(Q(status=PlanItem.Status.DONE)),
        )
        .order_by("-start", "-id")
    )
    if filters.unit is not None:
        plans = plans.filter(employee__unit__path__startswith=filters.unit.path)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.q:
        plans = plans.filter(Q(employee__name__icontains=filters.q) | Q(employee__nip=filters.q))
    if filters.behind:
        short = _short_of(expected_jp_by(day, day.year, rules_on(day).min_jp_per_year), day.year)
        plans = plans.filter(short) if short is not None else plans.none()
    if filters.reassessment_due:
        plans = plans.filter(status=DevelopmentPlan.Status.ACTIVE, reassessment_due__lte=day)
    return plans


@dataclass(frozen=True)
class PlanSummary:
    active: int
    behind: int  # active plans whose employee is short of the pro-rata JP share today
    reassessment_due: int


def _short_of(expected: Any, year: int) -> Q | None:
    """Plans whose employee earned less than `expected` JP in `year` (None: nobody, as nobody earns below 0):
    one aggregate of the year's training records, anti-joined, rather than a correlated sum per plan."""
    if expected <= 0:
        return None
    enough = (
        TrainingRecord.objects.filter(end__year=year)
        .values("employee")
        .annotate(total=Sum("jp"))
        .filter(total__gte=expected)
        .values("employee")
    )
    return ~Q(employee__in=enough)


def plan_summary(*, viewer: Viewer, on: date | None = None) -> PlanSummary:
    """Counts over every plan the viewer may see, in one query (the list's header)."""
    day = on or today()
    short = _short_of(expected_jp_by(day, day.year, rules_on(day).min_jp_per_year), day.year)
    active = Q(status=DevelopmentPlan.Status.ACTIVE)
    counted: dict[str, Any] = {
        "active": Count("pk", filter=active),
        "due": Count("pk", filter=active & Q(reassessment_due__lte=day)),
    }
    if short is not None:
        counted["behind"] = Count("pk", filter=active & short)
    counts = DevelopmentPlan.objects.visible_to(viewer).aggregate(**counted)
    return PlanSummary(counts["active"], counts.get("behind", 0), counts["due"])


def with_progress(
    plans: Iterable[DevelopmentPlan], *, on: date | None = None
) -> list[tuple[DevelopmentPlan, JpProgress]]:
    """Each annotated plan with the engine's JP judgement of its summed year (rules read once, no query per row)."""
    day = on or today()
    rules = rules_on(day)
    return [
        (plan, jp_progress([(date(day.year, 1, 1), plan.jp_year)], year=day.year, on=day, rules=rules))  # type: ignore[attr-defined]
        for plan in plans
    ]


def plan_get(*, viewer: Viewer, public_id: Any) -> DevelopmentPlan:
    return DevelopmentPlan.objects.visible_to(viewer).select_related(*PLAN_RELATED).get(public_id=public_id)


def plan_api_get(*, viewer: Viewer, public_id: Any) -> DevelopmentPlan:
    """One plan with the list annotations (JP this year, item counts) and its items, for the API."""
    items = PlanItem.objects.select_related("competency", "course", "training").order_by("due", "id")
    return (
        plan_list(viewer=viewer, filters=PlanFilters())
        .prefetch_related(Prefetch("items", queryset=items))
        .get(public_id=public_id)
    )


def item_get(*, viewer: Viewer, public_id: Any) -> PlanItem:
    plans = DevelopmentPlan.objects.visible_to(viewer)
    return PlanItem.objects.select_related("plan__employee", "course").get(
        public_id=public_id, plan__in=plans
    )


@dataclass(frozen=True)
class PlanView:
    plan: DevelopmentPlan
    items: list[PlanItem]
    progress: JpProgress
    reassessment: Reassessment
    first_window_end: date
    planned_jp: Decimal
    gaps: list[dict[str, Any]]  # the snapshot taken when the plan was made, with the group's label
    today: date  # open items due before it are overdue
    trainings: list[TrainingRecord]  # everything counted in this year's JP, in the plan or not


def plan_view(plan: DevelopmentPlan, *, on: date | None = None) -> PlanView:
    day = on or today()
    rules = rules_on(day)
    items = list(plan.items.select_related("competency", "course", "training").order_by("due", "id"))
    records = trainings_in_year(TrainingRecord.objects.filter(employee=plan.employee_id), day.year)
    states = [ItemState(i.status, i.training.end if i.training else None) for i in items]
    return PlanView(
        plan=plan,
        items=items,
        progress=jp_progress([(r.end, r.jp) for r in records], year=day.year, on=day, rules=rules),
        reassessment=reassessment_due(plan.start, states, rules),
        first_window_end=add_months(plan.start, rules.first_window_months),
        planned_jp=sum((i.jp_planned for i in items if i.status != PlanItem.Status.CANCELLED), Decimal(0)),
        gaps=[{**gap, "group_label": GROUP_LABELS.get(gap.get("group", ""), "")} for gap in plan.gaps],
        today=day,
        trainings=records,
    )


def trainings_in_year(records: QuerySet[TrainingRecord], year: int) -> list[TrainingRecord]:
    """The training records that count towards `year` (by their end date), latest first."""
    return list(records.filter(end__year=year).order_by("-end", "-id"))


def my_plans(*, viewer: Viewer) -> QuerySet[DevelopmentPlan]:
    """The employee's own plans only (by the user linked to the employee record), newest first."""
    return (
        DevelopmentPlan.objects.filter(employee__user_id=viewer.pk or 0)
        .select_related(*PLAN_RELATED)
        .order_by("-start", "-id")
    )


def my_progress(*, viewer: Viewer, on: date | None = None) -> tuple[JpProgress, list[TrainingRecord]]:
    """The signed-in employee's JP this year and the trainings behind it (own records only)."""
    day = on or today()
    records = trainings_in_year(TrainingRecord.objects.filter(employee__user_id=viewer.pk or 0), day.year)
    progress = jp_progress([(r.end, r.jp) for r in records], year=day.year, on=day, rules=rules_on(day))
    return progress, records


@dataclass(frozen=True)
class PreviewItem:
    activity: str
    route: str
    due: date
    jp: Decimal


def training_preview_for_move(move: Move) -> list[PreviewItem]:
    """The training that follows in the first months after TMT: from the plan once it exists, else proposed."""
    plan = DevelopmentPlan.objects.filter(move=move).first()
    start = move.tmt or today()
    rules = rules_on(start)
    end = add_months(start, rules.first_window_months)
    if plan is not None:
        items = (
            plan.items.exclude(status=PlanItem.Status.CANCELLED).filter(due__lte=end).order_by("due", "id")
        )
        return [PreviewItem(i.activity, i.get_route_display(), i.due, i.jp_planned) for i in items]
    analysis = negative_gaps(standard_for(move.target_seat.position), latest_levels(move.employee), rules)
    proposed = propose_items(analysis, tmt=start, catalogue=catalogue(), rules=rules)
    return [
        PreviewItem(i.activity, ROUTE_LABELS[Route(i.route)].capitalize(), i.due, i.jp)
        for i in first_window(proposed, start, rules)
    ]


def course_list(*, q: str = "", route: str = "") -> QuerySet[TrainingCourse]:
    courses = TrainingCourse.objects.filter(is_active=True).prefetch_related("competencies")
    if route:
        courses = courses.filter(route=route)
    if q:
        courses = courses.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return courses.order_by("route", "name")
