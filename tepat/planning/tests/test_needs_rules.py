"""The needs analysis reads its parameters from the rule book (R8.abk_rounding, ABK.*, BUP.*)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.needs import DEFAULT_RULES, Rounding, bup_for
from tepat.engine.reference import PositionKind
from tepat.engine.rules.parameters import DEFAULT_RULE_PARAMETERS, RuleBook
from tepat.planning.needs.rules import needs_rules

ON = dt.date(2026, 11, 27)


def book_with(rule_id: str, parameter: str, value: Any) -> RuleBook:
    return RuleBook(
        tuple(
            replace(r, value=value) if (r.rule_id, r.parameter) == (rule_id, parameter) else r
            for r in DEFAULT_RULE_PARAMETERS
        )
    )


def test_the_seed_rule_data_gives_the_engine_defaults() -> None:
    rules = needs_rules(RuleBook(DEFAULT_RULE_PARAMETERS), ON)
    assert rules == DEFAULT_RULES


def test_the_seed_rounding_row_uses_the_engine_codes() -> None:
    row = next(r for r in DEFAULT_RULE_PARAMETERS if r.parameter == "abk_rounding")
    assert row.value == Rounding.CEIL_PER_POSITION.value
    assert all(code.value in row.notes for code in Rounding)


@pytest.mark.parametrize("rounding", list(Rounding))
def test_rounding_comes_from_the_rule_book(rounding: Rounding) -> None:
    assert needs_rules(book_with("R8", "abk_rounding", rounding.value), ON).rounding is rounding


def test_a_jenjang_bup_row_wins_over_its_kind() -> None:
    rules = needs_rules(book_with("BUP", "fungsional_keahlian:Ahli Madya", 62), ON)
    assert bup_for(PositionKind.FUNGSIONAL_KEAHLIAN, "Ahli Madya", rules) == 62
    assert bup_for(PositionKind.FUNGSIONAL_KEAHLIAN, "Ahli Muda", rules) == 58


def test_ej_bands_are_rule_data() -> None:
    bands = [{"grade": "A", "label": "Tinggi", "lower": "0.91"}, {"grade": "B", "label": "Lain", "lower": 0}]
    rules = needs_rules(book_with("ABK", "ej_bands", bands), ON)
    assert [(b.grade, b.lower) for b in rules.ej_bands] == [("A", Decimal("0.91")), ("B", Decimal("0"))]


@pytest.mark.parametrize(
    ("rule_id", "parameter", "value", "path", "words"),
    [
        ("R8", "abk_rounding", "ceil_per_jabatan", "params.R8.abk_rounding", "harus salah satu dari"),
        ("ABK", "wke_minutes", "75000 menit", "params.ABK.wke_minutes", "bilangan bulat"),
        ("ABK", "projection_years", 2.5, "params.ABK.projection_years", "bilangan bulat"),
        ("ABK", "ej_bands", "A>1", "params.ABK.ej_bands", "daftar pita"),
        ("ABK", "ej_bands", [{"grade": "A", "label": "x", "lower": "satu"}], "params.ABK.ej_bands", "angka"),
        ("BUP", "pelaksana", "58 tahun", "params.BUP.pelaksana", "bilangan bulat"),
    ],
)
def test_a_malformed_rule_value_names_its_parameter(
    rule_id: str, parameter: str, value: Any, path: str, words: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        needs_rules(book_with(rule_id, parameter, value), ON)
    assert caught.value.problems[0].path == path
    assert words in caught.value.problems[0].message


def test_wke_of_zero_is_rejected_by_the_engine() -> None:
    with pytest.raises(InvalidInput) as caught:
        needs_rules(book_with("ABK", "wke_minutes", 0), ON)
    assert caught.value.problems[0].path == "wke_minutes"
