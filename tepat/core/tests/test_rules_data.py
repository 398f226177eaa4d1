"""Rule data in the database overrides the engine's defaults by version; overlapping versions are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tepat.core.models import AuditEntry, RuleParameterRow
from tepat.core.rules import load_rule_book, rule_parameter_save, rule_parameters_seed_defaults
from tepat.engine.rules.parameters import DEFAULT_RULE_PARAMETERS

pytestmark = pytest.mark.django_db


def version(value: int, start: dt.date, end: dt.date | None = None) -> RuleParameterRow:
    return RuleParameterRow(
        rule_id="R1",
        parameter="min_months_in_post",
        value=value,
        unit="bulan",
        legal_basis="PP 11/2017 Pasal 190 ayat (3)",
        status="C",
        effective_from=start,
        effective_to=end,
    )


def test_without_rows_the_documented_defaults_apply() -> None:
    book = load_rule_book()
    assert book.resolve("R1", "min_months_in_post", dt.date(2026, 1, 1)).value == 24


def test_an_admin_version_applies_from_its_start_date_only() -> None:
    rule_parameter_save(actor=None, row=version(24, dt.date(2017, 4, 7), dt.date(2026, 12, 31)))
    rule_parameter_save(actor=None, row=version(30, dt.date(2027, 1, 1)))
    book = load_rule_book()
    assert book.resolve("R1", "min_months_in_post", dt.date(2026, 6, 1)).value == 24
    assert book.resolve("R1", "min_months_in_post", dt.date(2027, 6, 1)).value == 30
    assert AuditEntry.objects.filter(action="rule_parameter_save").count() == 2


def test_overlapping_versions_are_refused_naming_the_start_date() -> None:
    rule_parameter_save(actor=None, row=version(24, dt.date(2017, 4, 7)))
    with pytest.raises(ValidationError) as excinfo:
        rule_parameter_save(actor=None, row=version(30, dt.date(2027, 1, 1)))
    assert "tumpang tindih" in excinfo.value.message_dict["effective_from"][0]
    assert RuleParameterRow.objects.count() == 1


def test_seeding_copies_each_default_once() -> None:
    assert rule_parameters_seed_defaults(actor=None) == len(DEFAULT_RULE_PARAMETERS)
    assert rule_parameters_seed_defaults(actor=None) == 0
