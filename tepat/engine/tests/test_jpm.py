"""JPM (DOMAIN.md §4.1): formula, cap modes, both category scales, missing assessments, the vectorised matrix
(checked against a plain loop written independently here) and the JSON case runner with its error paths."""

import json
import math
from typing import Any

import numpy as np
import pytest

from tepat.engine.jpm import (
    DEFAULT_GROUP_WEIGHTS,
    PEMETAAN,
    SELEKSI,
    CapMode,
    categorize,
    combine_groups,
    competency_gaps,
    job_person_match,
    jpm_matrix,
)
from tepat.engine.tests.test_cases import run_cli

STANDARD = {"M1": 3, "M2": 3, "M3": 3, "M4": 3}


@pytest.mark.parametrize(
    ("achieved", "cap_mode", "raw", "jpm"),
    [
        # Σ achieved ÷ Σ required × 100, the "nilai total … 11 dari total 12" report sentence of §4.1.
        ({"M1": 3, "M2": 3, "M3": 3, "M4": 2}, CapMode.NONE, 11 / 12 * 100, 11 / 12 * 100),
        # Above-standard levels count in full when uncapped: JPM may exceed 100 (public UI samples do).
        ({"M1": 5, "M2": 4, "M3": 3, "M4": 2}, CapMode.NONE, 14 / 12 * 100, 14 / 12 * 100),
        # per_competency: each term min(achieved, required) → (3 + 3 + 3 + 2) / 12.
        ({"M1": 5, "M2": 4, "M3": 3, "M4": 2}, CapMode.PER_COMPETENCY, 14 / 12 * 100, 11 / 12 * 100),
        # total_100: the surplus still offsets the shortfall, but the total stops at 100.
        ({"M1": 5, "M2": 4, "M3": 3, "M4": 2}, CapMode.TOTAL_100, 14 / 12 * 100, 100.0),
        ({"M1": 2, "M2": 2, "M3": 2, "M4": 2}, CapMode.TOTAL_100, 8 / 12 * 100, 8 / 12 * 100),
    ],
)
def test_jpm_formula_and_cap_modes(
    achieved: dict[str, float], cap_mode: CapMode, raw: float, jpm: float
) -> None:
    out = job_person_match(achieved, STANDARD, cap_mode=cap_mode)
    assert out.jpm_raw == pytest.approx(raw)
    assert out.jpm == pytest.approx(jpm)
    assert out.gaps == {code: achieved[code] - 3 for code in STANDARD}


@pytest.mark.parametrize(
    ("jpm", "pemetaan", "seleksi"),
    [
        (100.0, "Optimal", "MS"),
        (90.0, "Optimal", "MS"),  # lower bounds are inclusive (≥)
        (89.99, "Cukup Optimal", "MS"),
        (80.0, "Cukup Optimal", "MS"),
        (79.99, "Cukup Optimal", "MMS"),
        (78.0, "Cukup Optimal", "MMS"),
        (77.99, "Kurang Optimal", "MMS"),
        (68.0, "Kurang Optimal", "MMS"),
        (67.99, "Kurang Optimal", "KMS"),
        (0.0, "Kurang Optimal", "KMS"),
        (27 / 30 * 100, "Optimal", "MS"),  # 89.99999999999999 in floating point is still 90
    ],
)
def test_both_category_scales_at_their_boundaries(jpm: float, pemetaan: str, seleksi: str) -> None:
    assert categorize(np.array([jpm]), PEMETAAN)[0] == pemetaan
    assert categorize(np.array([jpm]), SELEKSI)[0] == seleksi


def test_missing_assessments_are_left_out_of_both_sums_never_read_as_zero() -> None:
    out = job_person_match({"M1": 3, "M2": None, "M3": 2}, STANDARD)
    assert out.jpm == pytest.approx(5 / 6 * 100)  # not 5 / 12
    assert out.missing == ("M2", "M4")
    assert out.gaps == {"M1": 0.0, "M3": -1.0}


def test_nothing_assessed_gives_no_score_and_no_category() -> None:
    out = job_person_match({}, STANDARD)
    assert (out.jpm, out.jpm_raw, out.category) == (None, None, None)
    assert out.missing == tuple(STANDARD)


def reference_jpm(a: np.ndarray, r: np.ndarray, cap: CapMode) -> float:
    """Straightforward per-pair loop, written independently of the numpy implementation."""
    achieved = required = 0.0
    for level, standard in zip(a, r, strict=True):
        if math.isnan(level) or math.isnan(standard) or standard <= 0:
            continue
        achieved += min(level, standard) if cap is CapMode.PER_COMPETENCY else level
        required += standard
    if required == 0:
        return math.nan
    value = achieved / required * 100
    return min(value, 100.0) if cap is CapMode.TOTAL_100 else value


@pytest.mark.parametrize("cap_mode", list(CapMode))
def test_matrix_matches_a_plain_loop_for_every_pair(cap_mode: CapMode) -> None:
    rng = np.random.default_rng(4)
    achieved = rng.integers(1, 6, size=(40, 9)).astype(float)
    achieved[rng.random(achieved.shape) < 0.2] = np.nan  # pelaksana without a full assessment
    achieved[3] = np.nan  # one employee never assessed
    required = rng.integers(0, 6, size=(7, 9)).astype(float)  # 0 = not required by that position
    scores = jpm_matrix(achieved, required, cap_mode)
    expected = np.array([[reference_jpm(a, r, cap_mode) for r in required] for a in achieved])
    np.testing.assert_allclose(scores.jpm, expected, equal_nan=True)
    assert np.isnan(scores.jpm[3]).all()
    missing = [
        [sum(1 for x, s in zip(a, r, strict=True) if s > 0 and math.isnan(x)) for r in required]
        for a in achieved
    ]
    np.testing.assert_array_equal(scores.missing_count, missing)


def test_gaps_for_many_employees_and_positions() -> None:
    achieved = np.array([[3.0, np.nan, 4.0], [1.0, 2.0, 5.0]])
    required = np.array([[3.0, 3.0, 0.0], [2.0, 2.0, 2.0]])
    gaps = competency_gaps(achieved, required)
    assert gaps.shape == (2, 2, 3)
    np.testing.assert_array_equal(gaps[0, 0], [0.0, np.nan, np.nan])  # not assessed / not required
    np.testing.assert_array_equal(gaps[1, 1], [-1.0, 0.0, 3.0])


@pytest.mark.parametrize(
    ("jenjang", "teknis", "other", "expected"),
    [
        ("Ahli Madya", 80.0, 90.0, 86.0),  # 40 / 60
        ("Ahli Muda", 80.0, 90.0, 85.0),  # 50 / 50
        ("Ahli Pertama", 80.0, 90.0, 84.0),  # 60 / 40
        ("Ahli Madya", None, 90.0, 90.0),  # only one group tested: that group's JPM
        ("Ahli Madya", None, None, None),
    ],
)
def test_teknis_against_manajerial_weighting(
    jenjang: str, teknis: float | None, other: float | None, expected: float | None
) -> None:
    assert combine_groups(teknis, other, DEFAULT_GROUP_WEIGHTS[jenjang]) == pytest.approx(expected)


def case(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "method": "jpm",
        "standard": {"M1": 3, "M2": 3, "M3": 2},
        "candidates": [
            {"id": "199001", "values": {"M1": 3, "M2": 4, "M3": 2}},
            {"id": "199002", "values": {"M1": 2, "M2": None}},
            {"id": "199003", "values": {"M1": 3, "M2": 3, "M3": 3}},
            {"id": "199004", "values": {}},
        ],
    }
    return {**base, **overrides}


def run_ok(data: dict[str, Any]) -> dict[str, Any]:
    code, out, err = run_cli(["-"], json.dumps(data))
    assert (code, err) == (0, "")
    return json.loads(out)


def test_case_runner_ranks_with_details_and_flags_incomplete_data() -> None:
    out = run_ok(case(cap_mode="per_competency", scale="pemetaan"))
    assert [(r["id"], r["rank"]) for r in out["ranking"]] == [
        ("199001", 1),
        ("199003", 1),
        ("199002", 3),
        ("199004", 4),
    ]
    first = out["ranking"][0]["details"]
    assert first["jpm_raw"] == pytest.approx(112.5)
    assert first["jpm"] == pytest.approx(100.0)
    assert first["category"] == "Optimal"
    assert first["gaps"] == {"M1": 0.0, "M2": 1.0, "M3": 0.0}
    assert out["ranking"][2]["details"]["missing"] == ["M2", "M3"]
    assert out["ranking"][3]["score"] is None  # nothing assessed: listed, not dropped, no fake zero
    assert any("data belum lengkap" in w and "M3" in w for w in out["warnings"])


@pytest.mark.parametrize(
    ("overrides", "cap_mode"),
    [({}, "none"), ({"cap_at_standard": True}, "per_competency"), ({"cap_at_standard": False}, "none")],
)
def test_legacy_cap_at_standard_means_per_competency(overrides: dict[str, Any], cap_mode: str) -> None:
    assert run_ok(case(**overrides))["cap_mode"] == cap_mode


@pytest.mark.parametrize(
    ("overrides", "expected_lines"),
    [
        (
            {"standard": {"M1": 6, "M2": 0, "M3": 2}},
            ["standard.M1: harus berupa angka 1 sampai 5", "standard.M2: harus"],
        ),
        ({"standard": {}}, ["standard: harus berisi minimal satu kompetensi"]),
        ({"standard": [3, 3]}, ["standard: harus berupa objek JSON"]),
        ({"candidates": []}, ["candidates: harus berupa daftar yang tidak kosong"]),
        (
            {"candidates": [{"id": "a", "values": {"M1": 7}}]},
            ["candidates[0].values.M1: harus berupa angka 1 sampai 5"],
        ),
        (
            {"candidates": [{"id": "a", "values": {"K9": 3}}]},
            ["candidates[0].values.K9: kompetensi tidak ada dalam standar"],
        ),
        ({"candidates": [{"id": 5, "values": {}}]}, ["candidates[0].id: id harus berupa teks"]),
        (
            {"candidates": [{"id": "a", "values": {}}, {"id": "a", "values": {}}]},
            ["candidates[1].id: id ganda: a"],
        ),
        ({"cap_mode": "max"}, ["cap_mode: harus salah satu dari: none, per_competency, total_100"]),
        ({"cap_at_standard": True, "cap_mode": "none"}, ["cap_at_standard: bertentangan dengan cap_mode"]),
        ({"scale": "bkn"}, ["scale: harus salah satu dari: pemetaan, seleksi"]),
        (  # every problem is reported, not only the first
            {"standard": {"M1": 9}, "candidates": [{"id": "a", "values": {"M1": "tinggi"}}], "scale": "x"},
            ["standard.M1:", "candidates[0].values.M1:", "scale:"],
        ),
    ],
)
def test_invalid_jpm_cases_exit_2_naming_every_bad_field(
    overrides: dict[str, Any], expected_lines: list[str]
) -> None:
    code, out, err = run_cli(["-"], json.dumps(case(**overrides)))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == len(expected_lines)
    for line, expected in zip(lines, expected_lines, strict=True):
        assert line.startswith(f"error: {expected}")
