"""The JP target, the minutes per JP and the planning windows are rule data (R10), read at the plan's date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tepat.core.models import RuleParameterRow
from tepat.core.scoping import today
from tepat.development.inputs import rules_on
from tepat.development.selectors import plan_view
from tepat.development.tests.conftest import Dev
from tepat.engine.development import add_months

pytestmark = pytest.mark.django_db


def rule(parameter: str, value: int) -> None:
    RuleParameterRow.objects.create(
        rule_id="R10",
        parameter=parameter,
        value=value,
        unit="",
        legal_basis="Peraturan Wali Kota (uji)",
        status="P",
        effective_from=dt.date(2020, 1, 1),
    )


def test_defaults_come_from_the_seed_table() -> None:
    rules = rules_on(today())
    assert (rules.min_jp_per_year, rules.jp_minutes, rules.first_window_months) == (Decimal(20), 45, 3)


def test_an_admins_rows_change_the_target_the_minutes_and_the_window(dev: Dev) -> None:
    rule("min_jp_per_year", 24)
    rule("jp_minutes", 60)
    rule("first_window_months", 2)
    rules = rules_on(today())
    assert (rules.min_jp_per_year, rules.jp_minutes, rules.first_window_months) == (Decimal(24), 60, 2)
    view = plan_view(dev.plan)
    assert view.progress.target_jp == Decimal(24)
    assert view.first_window_end == add_months(dev.plan.start, 2)
