"""Rule data by date and instansi, the whole evaluation, overrides and the vectorised screen."""

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.rules import (
    DEFAULT_RULE_PARAMETERS,
    RULES,
    Education,
    MutationType,
    Outcome,
    Override,
    RuleBook,
    RuleParameter,
    RuleStatus,
    ScreeningInput,
    SkpRecord,
    Verdict,
    education_orders,
    evaluate,
    overlapping_versions,
    screen,
)
from tepat.engine.tests.rules_fixtures import GOOD, HUKUM, ON, SEAT, SIPIL, B, run, with_c, with_t


def row(value: Any, start: date, end: date | None = None, instansi: str = "") -> RuleParameter:
    return RuleParameter(
        "R1", "min_months_in_post", value, "bulan", "PP baru", RuleStatus.UNCONFIRMED, start, end, instansi
    )


VERSIONED = RuleBook(
    (
        *tuple(r for r in DEFAULT_RULE_PARAMETERS if r.rule_id != "R1"),
        row(24, date(2017, 4, 7), date(2026, 6, 30)),
        row(36, date(2026, 7, 1)),
    )
)


@pytest.mark.parametrize(
    ("on", "minimum", "version"),
    [
        (date(2026, 6, 30), 24, "R1:min_months_in_post@2017-04-07"),
        (date(2026, 7, 1), 36, "R1:min_months_in_post@2026-07-01"),
    ],
)
def test_the_version_in_force_on_the_reference_date_is_used(on: date, minimum: int, version: str) -> None:
    result = run("R1", with_c(post_start=date(2023, 7, 1)), on=on, book=VERSIONED)
    assert f"(minimal {minimum} bulan)" in result.message
    assert result.version == version


def test_an_instansi_row_beats_the_general_row() -> None:
    book = RuleBook((*VERSIONED.parameters, row(12, date(2020, 1, 1), instansi="3374")), instansi="3374")
    assert book.resolve("R1", "min_months_in_post", ON).value == 12
    assert VERSIONED.resolve("R1", "min_months_in_post", ON).value == 36


def test_no_version_in_force_is_a_named_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        VERSIONED.resolve("R1", "min_months_in_post", date(2010, 1, 1))
    assert caught.value.problems[0].line() == (
        "error: params.R1.min_months_in_post: tidak ada versi yang berlaku pada 1 Januari 2010"
    )


def test_overlapping_versions_are_reported() -> None:
    assert overlapping_versions(VERSIONED.parameters) == []
    clash = (row(24, date(2017, 4, 7)), row(36, date(2026, 7, 1)))
    assert [p.path for p in overlapping_versions(clash)] == ["params.R1.min_months_in_post"]


def test_the_seed_table_covers_every_rule_with_a_legal_basis() -> None:
    assert overlapping_versions(DEFAULT_RULE_PARAMETERS) == []
    assert all(r.legal_basis and r.effective_to is None for r in DEFAULT_RULE_PARAMETERS)
    results = evaluate(GOOD, SEAT, ON).results
    assert len(results) == len(RULES)
    assert all(r.legal_basis and r.version for r in results)


def test_a_rule_switched_off_by_rule_data_does_not_apply() -> None:
    rows = tuple(replace(r, value=False) if r.rule_id == "R4.pangkat" else r for r in DEFAULT_RULE_PARAMETERS)
    result = run("R4.pangkat", with_c(rank_code=11), book=RuleBook(rows))
    assert (result.outcome, result.reason) == (Outcome.NOT_APPLICABLE, "dinonaktifkan")


def test_same_rumpun_fails_once_rule_data_stops_accepting_it() -> None:
    rows = tuple(replace(r, value=False) if r.rule_id == "R4.rumpun" else r for r in DEFAULT_RULE_PARAMETERS)
    assert run("R4.rumpun", with_c(educations=(HUKUM,)), book=RuleBook(rows)).outcome is Outcome.FAIL


def test_a_clean_candidate_is_eligible_and_complete() -> None:
    result = evaluate(GOOD, SEAT, ON)
    assert (result.eligible, result.complete, result.verdict) == (True, True, Verdict.ELIGIBLE)
    assert result.failures == result.warnings == result.missing == ()


def test_failures_warnings_and_missing_data_are_listed_apart() -> None:
    candidate = with_c(post_start=date(2025, 5, 1), educations=(SIPIL,), skp=(SkpRecord(2025, B),))
    result = evaluate(candidate, SEAT, ON)
    assert [r.rule_id for r in result.failures] == ["R1"]
    assert [r.rule_id for r in result.warnings] == ["R4.rumpun"]
    assert [r.rule_id for r in result.missing] == ["R7"]
    assert (result.eligible, result.verdict) == (False, Verdict.NOT_ELIGIBLE)


def test_missing_data_alone_makes_the_verdict_incomplete_not_ineligible() -> None:
    result = evaluate(with_c(skp=()), SEAT, ON)
    assert (result.eligible, result.complete, result.verdict) == (True, False, Verdict.INCOMPLETE)


def test_an_authorised_override_lifts_a_hard_failure_but_keeps_it_visible() -> None:
    override = Override("R1", "penataan organisasi", "ppk1", date(2026, 6, 20))
    result = evaluate(with_c(post_start=date(2025, 5, 1)), SEAT, ON, overrides=[override])
    assert result.eligible
    assert result.result("R1").outcome is Outcome.FAIL
    assert result.result("R1").override == override


@pytest.mark.parametrize(("approver", "reason"), [("e1", "alasan"), ("rel1", "alasan"), ("ppk1", "  ")])
def test_an_override_by_the_employee_a_relative_or_without_reason_is_refused(
    approver: str, reason: str
) -> None:
    with pytest.raises(InvalidInput):
        evaluate(GOOD, SEAT, ON, overrides=[Override("R1", reason, approver, ON)])


def test_screening_agrees_with_the_scalar_rules() -> None:
    rng = np.random.default_rng(7)
    ranks = np.array([0, 21, 24, 31, 32, 33, 34, 41])
    levels = [None, "SMA", "D3", "D4", "S1", "S2"]
    candidates = [
        with_c(
            post_start=None
            if k % 11 == 0
            else date(2019, 1, 1) + (date(2026, 6, 1) - date(2019, 1, 1)) * rng.random(),
            rank_code=int(rng.choice(ranks)) or None,
            educations=() if (lv := levels[k % len(levels)]) is None else (Education(lv),),
        )
        for k in range(60)
    ]
    targets = [
        with_t(rank_min=lo, rank_max=hi, min_education_level=edu)
        for lo, hi, edu in [(33, 34, "D4"), (None, 24, "SMA"), (None, None, None), (31, None, "S2")]
    ]
    data = ScreeningInput(
        post_start=np.array([c.post_start or "NaT" for c in candidates], dtype="datetime64[D]"),
        rank_code=np.array([c.rank_code or 0 for c in candidates]),
        education_order=education_orders(
            [c.educations[0].level if c.educations else None for c in candidates]
        ),
        rank_min=np.array([t.rank_min or 0 for t in targets]),
        rank_max=np.array([t.rank_max or 0 for t in targets]),
        min_education_order=education_orders([t.min_education_level for t in targets]),
    )
    screened = screen(data, ON)
    for i, candidate in enumerate(candidates):
        for j, target in enumerate(targets):
            full = evaluate(candidate, target, ON)
            hard = [full.result(r) for r in ("R1", "R4.pangkat", "R4.pendidikan")]
            assert screened.fails[i, j] == any(r.outcome is Outcome.FAIL for r in hard), (i, j)
            assert screened.incomplete[i, j] == any(r.outcome is Outcome.MISSING for r in hard), (i, j)
        assert screened.rotation_due[i] == full.rotation_due


def test_screening_rejects_mismatched_shapes() -> None:
    data = ScreeningInput(
        post_start=np.array(["2020-01-01"], dtype="datetime64[D]"),
        rank_code=np.array([31, 32]),
        education_order=np.array([7]),
        rank_min=np.array([0]),
        rank_max=np.array([0, 0]),
        min_education_order=np.array([0]),
    )
    with pytest.raises(InvalidInput) as caught:
        screen(data, ON)
    assert [p.path for p in caught.value.problems] == ["rank_code", "rank_max"]


@pytest.mark.parametrize(
    ("rule_id", "parameter", "value", "message"),
    [
        ("R1", "min_months_in_post", "dua tahun", "harus berupa angka"),
        ("R1", "min_months_in_post", True, "harus berupa angka"),
        ("R7", "min_predikat", "Bagus", "harus salah satu dari: Sangat Kurang"),
        ("R6.temuan", "required_for_types", "B_INTER_KABKOTA_SAME_PROV", "harus berupa daftar"),
    ],
)
def test_a_malformed_rule_value_is_a_named_error(
    rule_id: str, parameter: str, value: Any, message: str
) -> None:
    rows = tuple(
        replace(r, value=value) if (r.rule_id, r.parameter) == (rule_id, parameter) else r
        for r in DEFAULT_RULE_PARAMETERS
    )
    target = with_t(mutation_type=MutationType.C_INTER_PROV)
    with pytest.raises(InvalidInput) as caught:
        evaluate(GOOD, target, ON, RuleBook(rows))
    problem = caught.value.problems[0]
    assert problem.path == f"params.{rule_id}.{parameter}"
    assert problem.message.startswith(message)
