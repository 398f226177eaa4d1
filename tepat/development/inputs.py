"""Rows → engine inputs for development: rules (R10), the post's standard, latest levels, the catalogue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from tepat.core.rules import load_rule_book
from tepat.development.models import TrainingCourse
from tepat.engine.development import Course, DevelopmentRules, Standard
from tepat.engine.errors import InvalidInput
from tepat.engine.rules.parameters import RuleBook
from tepat.organization.models import Position, PositionCompetency
from tepat.people.models import CompetencyAssessment, Employee


def _optional(book: RuleBook, name: str, day: date, default: int) -> int:
    """A further R10 parameter an admin may add as a rule row; without one the engine's default holds."""
    try:
        return int(book.resolve("R10", name, day).value)
    except InvalidInput:
        return default


def rules_on(day: date) -> DevelopmentRules:
    """The yearly JP target, the minutes per JP and the planning windows in force on `day` (rule R10)."""
    book = load_rule_book()
    target = book.resolve("R10", "min_jp_per_year", day).value
    minutes = book.resolve("R10", "jp_minutes", day).value
    base = DevelopmentRules(min_jp_per_year=Decimal(str(target)), jp_minutes=int(minutes))
    return replace(
        base,
        first_window_months=_optional(book, "first_window_months", day, base.first_window_months),
        first_window_items=_optional(book, "first_window_items", day, base.first_window_items),
        later_window_months=_optional(book, "later_window_months", day, base.later_window_months),
        reassessment_months=_optional(book, "reassessment_months", day, base.reassessment_months),
    )


def standard_for(position: Position) -> tuple[Standard, ...]:
    rows = PositionCompetency.objects.filter(position=position).select_related("competency")
    return tuple(
        Standard(row.competency.code, row.competency.name, row.competency.group, float(row.level))
        for row in rows.order_by("competency__code")
    )


def latest_levels(employee: Employee) -> dict[str, float | None]:
    """The most recent assessed level per competency code (an older result never hides a newer one)."""
    rows = (
        CompetencyAssessment.objects.filter(employee=employee)
        .order_by("competency__code", "-assessed_on")
        .values_list("competency__code", "level")
    )
    levels: dict[str, float | None] = {}
    for code, level in rows:
        levels.setdefault(code, level)
    return levels


def catalogue() -> tuple[Course, ...]:
    courses = TrainingCourse.objects.filter(is_active=True).prefetch_related("competencies")
    return tuple(
        Course(c.code, c.name, c.route, c.jp, tuple(k.code for k in c.competencies.all())) for c in courses
    )
