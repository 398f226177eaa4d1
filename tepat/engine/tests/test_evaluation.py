"""Post-transfer evaluation engine: hand-computed differences in differences, matching, windows, intervals."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pytest

from tepat.engine.evaluation import Mover, Panel, Params, build_panel, evaluate
from tepat.engine.evaluation.aggregate import event_study, summarize
from tepat.engine.evaluation.did import NO_DATA, REASONS
from tepat.engine.evaluation.matching import EMPTY_STRATUM, OUTSIDE_CALIPER, age_band, golongan_group
from tepat.engine.evaluation.panel import predikat_label, skp_value, window_trend

NAN = np.nan
FIRST = 2021  # panel years 2021..2025


def panel_of(rows: Any, moved: Sequence[tuple[int, int]] = ()) -> Panel:
    scores = np.asarray(rows, dtype=np.float64)
    flags = np.zeros(scores.shape, dtype=bool)
    for row, year in moved:
        flags[row, year - FIRST] = True
    return Panel(FIRST, scores, flags)


def strata(*codes: int) -> dict[str, np.ndarray]:
    column = np.asarray(codes, dtype=np.int64)
    return {"golongan": column, "kind": column * 0, "age_band": column * 0, "unit_kind": column * 0}


def mover(row: int = 0, tmt: date = date(2024, 3, 1), **kw: object) -> Mover:
    return Mover(row=row, tmt=tmt, key=str(row), unit_key="U", unit_label="Kel. U", **kw)  # type: ignore[arg-type]


# mover 0: before 83, 83 (2022–23); after 95 (2024; 2025 missing) → +12
# stayer 1: 83 flat → 0; stayer 2: 80, 86 then 89, 89 → pre 83 (trend 6), post 89 → +6
# stayer 3: other stratum, +30 (must be ignored)
BASE: list[list[float]] = [
    [NAN, 83, 83, 95, NAN],
    [83, 83, 83, 83, 83],
    [NAN, 80, 86, 89, 89],
    [NAN, 60, 60, 90, 90],
]


@pytest.mark.parametrize(
    ("k", "caliper", "effect", "comparison_change", "comparisons"),
    [
        (1, 12.0, 12.0, 0.0, 1),  # nearest: stayer 1 (distance 0 vs 3)
        (2, 12.0, 9.0, 3.0, 2),  # both: (0 + 6) / 2
        (5, 12.0, 9.0, 3.0, 2),  # k beyond the stratum: uses what there is
        (2, 2.0, 12.0, 0.0, 1),  # stayer 2 outside the caliper (distance 0.5 × 6 = 3)
    ],
)
def test_hand_computed_difference_in_differences(
    k: int, caliper: float, effect: float, comparison_change: float, comparisons: int
) -> None:
    result = evaluate(panel_of(BASE), strata(1, 1, 1, 2), [mover()], Params(k=k, caliper=caliper))
    row = result["movers"][0]
    assert (row["pre"], row["post"], row["own_change"]) == (83.0, 95.0, 12.0)
    assert row["comparison_change"] == comparison_change
    assert row["effect"] == effect
    assert row["comparisons"] == comparisons
    summary = result["summary"]
    assert (summary["effect"], summary["movers"], summary["comparisons"]) == (effect, 1, comparisons)
    assert summary["ci_low"] is None  # one mover: no interval
    assert "interval belum dapat dihitung; 1 dimutasi" in summary["sentence"]


def test_late_tmt_starts_after_with_the_next_year() -> None:
    rows = [r[:] for r in BASE]
    rows[0] = [NAN, 83, 83, 60, 95]  # the TMT year 2024 is neither before nor after
    late = evaluate(panel_of(rows), strata(1, 1, 1, 2), [mover(tmt=date(2024, 9, 1))], Params(k=1))
    assert late["movers"][0]["post"] == 95.0
    early = evaluate(panel_of(rows), strata(1, 1, 1, 2), [mover(tmt=date(2024, 2, 1))], Params(k=1))
    assert early["movers"][0]["post"] == 77.5


@pytest.mark.parametrize(
    ("rows", "codes", "moved", "reason"),
    [
        (BASE, (1, 2, 2, 2), [], EMPTY_STRATUM),  # nobody else in the mover's stratum
        (BASE, (1, 1, 1, 2), [(1, 2023), (2, 2025)], EMPTY_STRATUM),  # both stayers moved inside the window
        ([[NAN, 98, 98, 95, NAN], *BASE[1:]], (1, 1, 1, 2), [], OUTSIDE_CALIPER),  # nobody within 12 of 98
        ([[NAN, NAN, NAN, 95, NAN], *BASE[1:]], (1, 1, 1, 2), [], NO_DATA),  # no year before the move
        ([[NAN, 83, 83, NAN, NAN], *BASE[1:]], (1, 1, 1, 2), [], NO_DATA),  # no year after the move
    ],
)
def test_movers_without_comparison_are_counted_and_excluded(
    rows: list[list[float]], codes: tuple[int, ...], moved: list[tuple[int, int]], reason: int
) -> None:
    result = evaluate(panel_of(rows, moved), strata(*codes), [mover()], Params(k=2))
    row = result["movers"][0]
    assert row["matched"] is False
    assert row["effect"] is None
    assert row["reason"] == REASONS[reason]
    summary = result["summary"]
    assert (summary["movers"], summary["unmatched"], summary["comparisons"]) == (0, 1, 0)
    assert summary["effect"] is None
    assert summary["excluded"] == [{"reason": REASONS[reason], "count": 1}]
    assert "belum ada yang dapat dibandingkan" in summary["sentence"]
    json.dumps(result, allow_nan=False)  # no NaN anywhere


def test_missing_years_use_what_is_recorded() -> None:
    rows = [[NAN, NAN, 70, 83, 83], [NAN, 70, NAN, 70, NAN], [83, 83, 83, 83, 83]]
    result = evaluate(panel_of(rows), strata(1, 1, 1), [mover()], Params(k=1, caliper=5))
    row = result["movers"][0]
    assert (row["pre"], row["post"], row["comparison_change"], row["effect"]) == (70.0, 83.0, 0.0, 13.0)


def test_empty_round_is_valid_and_finite() -> None:
    result = evaluate(panel_of(BASE), strata(1, 1, 1, 2), [], Params())
    assert result["summary"]["movers_total"] == 0
    assert result["summary"]["effect"] is None
    assert result["by_unit"] == []
    json.dumps(result, allow_nan=False)


def random_round(seed: int, effect: float, movers: int = 40, n: int = 400) -> dict[str, Any]:
    """Stayers and movers drawn alike; movers get `effect` added after the move (2024–2025)."""
    rng = np.random.default_rng(seed)
    scores = np.clip(rng.normal(84, 6, size=(n, 5)) + rng.normal(0, 4, size=(n, 1)), 40, 110)
    scores[rng.random((n, 5)) < 0.08] = np.nan
    rows = rng.choice(n, movers, replace=False)
    scores[rows, 3:] += effect
    cov = {"golongan": rng.integers(2, 4, n), "kind": np.zeros(n, np.int64)}
    cov |= {"age_band": np.zeros(n, np.int64), "unit_kind": np.zeros(n, np.int64)}
    panel = Panel(FIRST, scores, np.zeros((n, 5), dtype=bool))
    return evaluate(panel, cov, [mover(int(r)) for r in rows], Params(caliper=30))


def test_zero_true_effect_gives_an_interval_covering_zero_most_of_the_time() -> None:
    covered = 0
    for seed in range(60):
        summary = random_round(seed, 0.0)["summary"]
        assert summary["interval_method"] == "bootstrap"
        covered += summary["ci_low"] <= 0 <= summary["ci_high"]
    assert covered >= 51  # ≥ 85 % of 60 (nominal 95 %)


def test_a_real_effect_is_found() -> None:
    summary = random_round(7, 10.0)["summary"]
    assert 6 < summary["effect"] < 14
    assert summary["ci_low"] > 0


def test_same_seed_same_interval_other_seed_other_interval() -> None:
    one, two = random_round(3, 2.0), random_round(3, 2.0)
    assert one == two
    rng = np.random.default_rng(3)
    scores = np.clip(rng.normal(84, 6, size=(400, 5)), 40, 110)
    rows = rng.choice(400, 40, replace=False)
    cov = {name: np.zeros(400, np.int64) for name in ("golongan", "kind", "age_band", "unit_kind")}
    panel = Panel(FIRST, scores, np.zeros((400, 5), dtype=bool))
    movers = [mover(int(r)) for r in rows]
    a = evaluate(panel, cov, movers, Params(seed=1))["summary"]
    b = evaluate(panel, cov, movers, Params(seed=2))["summary"]
    assert a["effect"] == b["effect"]
    assert (a["ci_low"], a["ci_high"]) != (b["ci_low"], b["ci_high"])


def test_small_groups_use_the_t_interval() -> None:
    rows = [[NAN, 83, 83, 95, 95]] * 3 + [[NAN, 83, 83, 83, 83], [NAN, 83, 83, 89, 89]] * 3
    movers = [mover(0), mover(1), mover(2)]
    movers[2] = mover(2)
    rows[2] = [NAN, 83, 83, 83, 83]  # third mover: +0
    result = evaluate(panel_of(rows), strata(*([1] * 9)), movers, Params(k=6, trend_weight=0))
    summary = result["summary"]
    # stayers change 0,6,0,6,0,6 → +3; mover effects 9, 9, -3 → mean 5, sd √48, t(0.975, 2) = 4.303
    assert summary["effect"] == 5.0
    assert summary["interval_method"] == "t"
    half = 4.302652729911275 * np.sqrt(48) / np.sqrt(3)
    assert summary["ci_low"] == pytest.approx(5 - half, abs=0.01)
    assert summary["ci_high"] == pytest.approx(5 + half, abs=0.01)


@pytest.mark.parametrize(
    ("after", "review", "k", "expected_class", "codes"),
    [
        ([95, NAN], None, 1, "berhasil", []),
        ([83, 83], None, 1, "stabil", []),
        ([68, 83], None, 1, "perlu_dukungan", ["below_baik", "decline"]),  # 75.5: −7.5 own, but below Baik
        ([83, 83], 40.0, 1, "perlu_dukungan", ["low_review"]),
        ([83, 83], 50.0, 1, "stabil", []),  # at the threshold: no warning
        ([NAN, NAN], None, 1, "belum_dinilai", []),
        ([NAN, NAN], 40.0, 1, "perlu_dukungan", ["low_review"]),  # a warning is actionable without data
    ],
)
def test_classification_and_early_warnings(
    after: list[float], review: float | None, k: int, expected_class: str, codes: list[str]
) -> None:
    rows = [[NAN, 83, 83, *after], [83, 83, 83, 83, 83]]
    params = Params(k=k, decline_points=7.5)
    result = evaluate(panel_of(rows), strata(1, 1), [mover(review_score=review)], params)
    row = result["movers"][0]
    assert row["class"] == expected_class
    assert [w["code"] for w in row["warnings"]] == codes
    assert result["summary"]["needs_support"] == (expected_class == "perlu_dukungan")


def test_support_threshold_on_effect() -> None:
    rows = [[NAN, 90, 90, 83, 83], [90, 90, 90, 90, 90]]  # −7 own, stayers 0 → −7 ≤ −5
    row = evaluate(panel_of(rows), strata(1, 1), [mover()], Params(k=1))["movers"][0]
    assert (row["effect"], row["class"], row["warnings"]) == (-7.0, "perlu_dukungan", [])


def test_event_study_means_by_year_relative_to_tmt() -> None:
    result = evaluate(panel_of(BASE), strata(1, 1, 1, 2), [mover()], Params(k=2))
    points = {p["rel"]: p for p in result["event_study"]}
    assert points[-1]["movers"] == 83.0
    assert points[-1]["comparison"] == 84.5
    assert points[0]["movers"] == 95.0
    assert points[0]["comparison"] == 86.0
    assert points[1]["movers"] is None
    assert points[1]["comparison"] == 86.0
    assert points[-3]["movers"] is None
    assert points[-3]["n_comparison"] == 1
    assert points[2] == {"rel": 2, "movers": None, "comparison": None, "n_movers": 0, "n_comparison": 0}


def test_breakdowns_by_unit_and_batch() -> None:
    rows = [[NAN, 83, 83, 95, 95], [NAN, 83, 83, 83, 83], [83, 83, 83, 83, 83], [83, 83, 83, 83, 83]]
    movers = [
        Mover(
            row=0, tmt=date(2024, 1, 2), unit_key="A", unit_label="Kel. A", batch_key="b1", batch_label="B 1"
        ),
        Mover(row=1, tmt=date(2024, 1, 2), unit_key="B", unit_label="Kel. B"),
    ]
    result = evaluate(panel_of(rows), strata(1, 1, 1, 1), movers, Params(k=2))
    units = {u["key"]: u for u in result["by_unit"]}
    assert units["A"]["effect"] == 12.0
    assert units["B"]["effect"] == 0.0
    assert "Pegawai yang pindah ke Kel. A naik rata-rata +12,0 poin" in units["A"]["sentence"]
    assert [b["key"] for b in result["by_batch"]] == ["b1"]  # movers without a batch are left out
    assert result["summary"]["comparisons"] == 2


@pytest.mark.parametrize(
    ("predikat", "score", "expected"),
    [
        ("Baik", None, 83.0),
        ("Sangat Baik", None, 95.0),
        ("Butuh Perbaikan", None, 68.0),
        ("Baik", 88.5, 88.5),
    ],
)
def test_skp_value_mapping(predikat: str, score: float | None, expected: float) -> None:
    assert skp_value(predikat, score) == expected
    assert predikat_label(expected) == predikat


def test_skp_value_missing_is_nan() -> None:
    assert np.isnan(skp_value(None, None))


def test_helpers() -> None:
    assert golongan_group(np.array([0, 21, 34, 45])).tolist() == [0, 2, 3, 4]
    assert age_band(np.array([0, 2000, 1990, 1980, 1970]), 2025).tolist() == [-1, 0, 1, 2, 3]
    trend = window_trend(np.array([[80.0, NAN, 86.0], [NAN, 83.0, NAN]]), 0, 3)
    assert trend.tolist() == [3.0, 0.0]
    panel = build_panel(2, 2021, 2023, [(0, 2022, 83.0), (1, 2030, 95.0)], [(1, 2023)])
    assert panel.scores[0, 1] == 83.0
    assert np.isnan(panel.scores[1]).all()
    assert panel.moved.tolist() == [[False, False, False], [False, False, True]]


def test_stored_rows_re_aggregate_to_the_same_figures() -> None:
    """A page re-aggregates a subset (a unit head's subtree) from the stored rows alone."""
    result = random_round(11, 4.0)
    again = json.loads(json.dumps(result, allow_nan=False))  # as stored in a JSONField
    assert summarize(again["movers"], Params(caliper=30)) == result["summary"]
    assert event_study(again["movers"], Params(caliper=30)) == result["event_study"]
    half = again["movers"][:20]
    part = summarize(half, Params(caliper=30))
    assert part["movers_total"] == 20
    assert part["comparisons"] == len({ref for r in half if r["matched"] for ref in r["comparison_refs"]})


@pytest.mark.parametrize(
    ("relax_order", "matched", "relaxed"),
    [
        (("unit_kind", "age_band"), True, ["unit_kind"]),
        (("age_band",), False, []),  # unit kind never dropped: nobody in a kelurahan stayed
        ((), False, []),
    ],
)
def test_empty_stratum_is_matched_again_on_coarser_strata(
    relax_order: tuple[str, ...], matched: bool, relaxed: list[str]
) -> None:
    cov = strata(1, 1, 1, 2)
    cov["unit_kind"] = np.asarray([7, 3, 3, 3])  # the mover's new unit is of a kind no stayer is in
    row = evaluate(panel_of(BASE), cov, [mover()], Params(k=1, relax_order=relax_order))["movers"][0]
    assert row["matched"] is matched
    assert row["relaxed"] == relaxed
    if matched:
        assert row["effect"] == 12.0


def test_ties_are_spread_over_equal_stayers_not_the_lowest_rows() -> None:
    """Discrete SKP makes exact ties the rule; by row order three stayers would serve all twenty movers."""
    rows = [[NAN, 83, 83, 95, 95]] * 20 + [[NAN, 83, 83, 83, 83]] * 60
    movers = [mover(r) for r in range(20)]
    result = evaluate(panel_of(rows), strata(*([1] * 80)), movers, Params(k=3))
    assert result["summary"]["comparisons"] > 30
    again = evaluate(panel_of(rows), strata(*([1] * 80)), movers, Params(k=3))
    assert again == result  # the tie order is seeded


def test_stayers_match_on_the_number_of_years_before() -> None:
    """A one-year mean is noisier than a two-year one: a mover with one year before gets a one-year stayer."""
    rows = [
        [NAN, NAN, 83, 95, NAN],  # mover: 2023 only before
        [NAN, 83, 83, 83, NAN],  # two years before, same mean: not comparable
        [NAN, NAN, 86, 89, NAN],  # one year before, 3 points off: the comparison
    ]
    row = evaluate(panel_of(rows), strata(1, 1, 1), [mover()], Params(k=1))["movers"][0]
    assert (row["comparison_change"], row["effect"]) == (3.0, 9.0)
