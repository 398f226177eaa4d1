"""Reads for objections, correction tickets, pulse surveys and the resistance map; all scoped (R-03).

The resistance map and the survey results read a constant number of grouped queries whatever the number of
units or rows (aggregates by target unit), and show survey figures only for groups of at least five answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine.communication import (
    QUESTION_CODES,
    CommunicationRules,
    SurveySummary,
    UnitResistance,
    UnitSignals,
    Window,
    due_text,
    resistance,
    rule_lines,
    summary_from_sums,
    top_factors,
)
from tepat.engine.roles import Role
from tepat.organization.models import Unit
from tepat.transfers.models import CorrectionRequest, Notice, Objection, PulseSurvey
from tepat.transfers.services.objections import feedback_rules, window_for

OBJECTION_RELATED = (
    "move__employee",
    "move__target_seat__position__unit",
    "move__origin_unit",
    "move__proposal",
    "filed_by",
    "answered_by",
)
QUEUE_FILTERS = {
    "terbuka": Q(status=Objection.Status.OPEN),
    "terlambat": Q(status=Objection.Status.OPEN, escalated_at__isnull=False),
    "dijawab": ~Q(status=Objection.Status.OPEN),
    "semua": Q(),
}


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


# --- notices: the why, the window and the objections on the employee's page ---


@dataclass(frozen=True)
class NoticeFeedback:
    factors: list[str]
    objections: list[Objection]
    has_open_objection: bool
    window: Window
    carries_window: bool  # the SK notice shows the objection block; later notices of the move do not


def notices_with_feedback(*, notices: QuerySet[Notice], on: date) -> list[Notice]:
    """Attach to each SK notice its top factors, the objection window and the objections on its move."""
    rows = list(notices)
    move_ids = {n.move_id for n in rows}
    first_day: dict[int, date] = {}
    for move_id, created in (
        Notice.objects.filter(move_id__in=move_ids)
        .order_by("created_at", "id")
        .values_list("move_id", "created_at")
    ):
        first_day.setdefault(move_id, timezone.localdate(created))
    objections: dict[int, list[Objection]] = {}
    for objection in (
        Objection.objects.filter(move_id__in=move_ids).select_related("answered_by").order_by("filed_at")
    ):
        objections.setdefault(objection.move_id, []).append(objection)
    rules = feedback_rules(on)
    for notice in rows:
        move = notice.move
        mine = objections.get(move.pk, [])
        notice.feedback = NoticeFeedback(  # type: ignore[attr-defined]
            factors=top_factors(move.verification_snapshot or move.proposed_snapshot),
            objections=mine,
            has_open_objection=any(o.is_open for o in mine),
            window=window_for(move, first_day.get(move.pk), on, rules),
            carries_window=notice.kind == "sk_terbit"
            or len({n.move_id for n in rows if n.kind == "sk_terbit"}) == 0,
        )
    return rows


def notice_for_objection(*, viewer: Viewer, public_id: Any) -> Notice:
    """The employee's own notice (404 for anyone else's)."""
    if not user_scope(viewer).has(Role.EMPLOYEE):
        raise Notice.DoesNotExist
    return Notice.objects.select_related(
        "move__proposal", "move__target_seat__position__unit", "employee"
    ).get(public_id=public_id, employee__user_id=viewer.pk or 0)


# --- objections ---


def objection_queue(*, viewer: Viewer, status: str = "terbuka") -> QuerySet[Objection]:
    query = QUEUE_FILTERS.get(status, QUEUE_FILTERS["terbuka"])
    return (
        Objection.objects.visible_to(viewer)
        .filter(query)
        .select_related(*OBJECTION_RELATED)
        .order_by("status", "due_on", "filed_at", "id")
    )


def objection_get(*, viewer: Viewer, public_id: Any) -> Objection:
    return (
        Objection.objects.visible_to(viewer)
        .select_related(*OBJECTION_RELATED, "notice")
        .get(public_id=public_id)
    )


def objection_context(objection: Objection, on: date) -> dict[str, Any]:
    """What the reviewer sees (Pasal 10): the recommendation's factors and rule checks from the move's snapshot."""
    move = objection.move
    snapshot = move.proposed_snapshot or {}
    verified = move.verification_snapshot or {}
    return {
        "factors": top_factors(snapshot, limit=5),
        "fit_sentence": snapshot.get("fit", {}).get("sentence", ""),
        "score": snapshot.get("fit", {}).get("score"),
        "rules": rule_lines(verified or snapshot),
        "snapshot_on": snapshot.get("on", ""),
        "due": due_text(objection.due_on, on, closed=not objection.is_open),
    }


# --- correction tickets ---


def correction_list(*, viewer: Viewer, status: str = "terbuka") -> QuerySet[CorrectionRequest]:
    tickets = CorrectionRequest.objects.visible_to(viewer).select_related("employee", "handled_by")
    if status == "terbuka":
        tickets = tickets.filter(status=CorrectionRequest.Status.OPEN)
    elif status == "terlambat":
        tickets = tickets.filter(status=CorrectionRequest.Status.OPEN, escalated_at__isnull=False)
    return tickets.order_by("status", "due_at", "id")


def correction_get(*, viewer: Viewer, public_id: Any) -> CorrectionRequest:
    return (
        CorrectionRequest.objects.visible_to(viewer)
        .select_related("employee", "handled_by", "filed_by")
        .get(public_id=public_id)
    )


def own_corrections(*, viewer: Viewer) -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.filter(employee__user_id=viewer.pk or 0).order_by("-filed_at", "-id")


# --- surveys ---


def open_surveys(*, viewer: Viewer, on: date) -> QuerySet[PulseSurvey]:
    return (
        PulseSurvey.objects.visible_to(viewer)
        .filter(answered_at__isnull=True, closes_on__gte=on, due_on__lte=on)
        .select_related("unit", "move__target_seat__position")
    )


def survey_get(*, viewer: Viewer, public_id: Any) -> PulseSurvey:
    return PulseSurvey.objects.visible_to(viewer).select_related("unit").get(public_id=public_id)


def _unit_filter(viewer: Viewer, path_field: str) -> Q | None:
    """None for government-wide readers; a unit head's subtree otherwise (nothing for anyone else)."""
    scope = user_scope(viewer)
    if scope.government_wide:
        return None
    return scope.unit_q(path_field)


def _scoped(queryset: QuerySet[Any], viewer: Viewer, path_field: str) -> QuerySet[Any]:
    query = _unit_filter(viewer, path_field)
    return queryset if query is None else queryset.filter(query)


def _survey_sums(rows: QuerySet[PulseSurvey], key: str, low_max: int) -> dict[Any, dict[str, Any]]:
    aggregates: dict[str, Any] = {"n": Count("id")}
    aggregates |= {f"sum_{code}": Coalesce(Sum(code), 0) for code in QUESTION_CODES}
    aggregates |= {
        f"low_{code}": Count("id", filter=Q(**{f"{code}__lte": low_max})) for code in QUESTION_CODES
    }
    return {row[key]: row for row in rows.values(key).annotate(**aggregates).order_by()}


def _summary(row: dict[str, Any] | None, rules: CommunicationRules) -> SurveySummary:
    if not row:
        return SurveySummary(0, False)
    sums = {code: row[f"sum_{code}"] for code in QUESTION_CODES}
    low = sum(row[f"low_{code}"] for code in QUESTION_CODES)
    return summary_from_sums(row["n"], sums, low, rules)


def survey_results(*, viewer: Viewer, on: date) -> list[dict[str, Any]]:
    """Answered surveys per unit (the new unit) in scope; figures hidden for groups under the minimum."""
    rules = feedback_rules(on)
    answered = _scoped(PulseSurvey.objects.filter(answered_at__isnull=False), viewer, "unit__path")
    sums = _survey_sums(answered, "unit_id", rules.low_score_max)
    units = Unit.objects.in_bulk(list(sums))
    rows: list[dict[str, Any]] = [
        {"unit": units[pk], "summary": _summary(row, rules)} for pk, row in sums.items()
    ]
    rows.sort(key=lambda r: str(r["unit"].name))
    return rows


# --- the resistance map ---

TARGET_UNIT = "move__target_seat__position__unit_id"


def _objection_counts(viewer: Viewer, on: date, rules: CommunicationRules) -> dict[int, dict[str, int]]:
    now_from = _start_of(on - timedelta(days=rules.period_days))
    before_from = _start_of(on - timedelta(days=2 * rules.period_days))
    rows = _scoped(Objection.objects.all(), viewer, "move__target_seat__position__unit__path")
    return {
        row[TARGET_UNIT]: row
        for row in rows.values(TARGET_UNIT)
        .annotate(
            now=Count("id", filter=Q(filed_at__gte=now_from)),
            before=Count("id", filter=Q(filed_at__gte=before_from, filed_at__lt=now_from)),
            open=Count("id", filter=Q(status=Objection.Status.OPEN)),
            overdue=Count("id", filter=Q(status=Objection.Status.OPEN, due_on__lt=on)),
            accepted=Count("id", filter=Q(status=Objection.Status.ACCEPTED)),
        )
        .order_by()
    }


def _notice_counts(viewer: Viewer, on: date, rules: CommunicationRules) -> dict[int, dict[str, int]]:
    now_from = _start_of(on - timedelta(days=rules.period_days))
    before_from = _start_of(on - timedelta(days=2 * rules.period_days))
    late = _start_of(on - timedelta(days=rules.unread_after_days))
    rows = _scoped(Notice.objects.filter(kind="sk_terbit"), viewer, "move__target_seat__position__unit__path")
    return {
        row[TARGET_UNIT]: row
        for row in rows.values(TARGET_UNIT)
        .annotate(
            now=Count("id", filter=Q(created_at__gte=now_from)),
            before=Count("id", filter=Q(created_at__gte=before_from, created_at__lt=now_from)),
            unread=Count("id", filter=Q(read_at__isnull=True, created_at__lt=late)),
        )
        .order_by()
    }


def _survey_periods(
    viewer: Viewer, on: date, rules: CommunicationRules
) -> tuple[dict[Any, Any], dict[Any, Any]]:
    now_from = _start_of(on - timedelta(days=rules.survey_period_days))
    before_from = _start_of(on - timedelta(days=2 * rules.survey_period_days))
    answered = _scoped(PulseSurvey.objects.filter(answered_at__isnull=False), viewer, "unit__path")
    now = _survey_sums(answered.filter(answered_at__gte=now_from), "unit_id", rules.low_score_max)
    before = _survey_sums(
        answered.filter(answered_at__gte=before_from, answered_at__lt=now_from),
        "unit_id",
        rules.low_score_max,
    )
    return now, before


def resistance_map(
    *, viewer: Viewer, on: date
) -> tuple[list[UnitResistance], dict[int, Unit], CommunicationRules]:
    """Signals per unit (target unit of the moves) from five grouped queries and one unit read; engine index."""
    rules = feedback_rules(on)
    objections = _objection_counts(viewer, on, rules)
    notices = _notice_counts(viewer, on, rules)
    surveys_now, surveys_before = _survey_periods(viewer, on, rules)
    unit_ids = set(objections) | set(notices) | set(surveys_now) | set(surveys_before)
    units = Unit.objects.select_related("parent").in_bulk(list(unit_ids))
    empty: dict[str, int] = {}
    signals = []
    for pk, unit in units.items():
        o, n = objections.get(pk, empty), notices.get(pk, empty)
        signals.append(
            UnitSignals(
                unit_id=str(pk),
                unit_name=unit.name,
                objections_now=o.get("now", 0),
                objections_before=o.get("before", 0),
                objections_open=o.get("open", 0),
                objections_overdue=o.get("overdue", 0),
                objections_accepted=o.get("accepted", 0),
                notices_now=n.get("now", 0),
                notices_before=n.get("before", 0),
                unread_late=n.get("unread", 0),
                survey_now=_summary(surveys_now.get(pk), rules),
                survey_before=_summary(surveys_before.get(pk), rules),
            )
        )
    return resistance(signals, rules), units, rules
