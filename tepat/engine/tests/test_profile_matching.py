"""Profile matching (DOMAIN.md §4.2): a published worked example, a multi-aspect case checked against a plain
re-implementation written here, the rules for gaps outside the table, incomplete data and CLI error paths."""

import json
from collections.abc import Mapping, Sequence
from statistics import mean
from typing import Any

import numpy as np
import pytest

from tepat.engine.profile_matching import DEFAULT_GAP_WEIGHTS, BeyondTable, GapTable
from tepat.engine.tests.test_cases import run_cli

# Source: ruang-belajar/dss, docs/profile-matching.md, "Contoh Kasus — Seleksi Karyawan menggunakan Profile
# Matching" (Kusrini 2007 method, CF 60% : SF 40%). Published: A 4.40, B 4.60, C 4.20, D 4.10; B ranks first.
PUBLISHED_CRITERIA: list[dict[str, Any]] = [
    {"code": "EDU", "name": "Education", "aspect": "-", "target": 4, "factor": "secondary"},
    {"code": "EXP", "name": "Experience", "aspect": "-", "target": 5, "factor": "core"},
    {"code": "TEC", "name": "Technical Skill", "aspect": "-", "target": 5, "factor": "core"},
    {"code": "COM", "name": "Communication", "aspect": "-", "target": 4, "factor": "secondary"},
    {"code": "LEA", "name": "Leadership", "aspect": "-", "target": 4, "factor": "core"},
]
PUBLISHED_VALUES = {"A": [4, 5, 4, 3, 3], "B": [3, 4, 5, 4, 4], "C": [4, 3, 4, 5, 5], "D": [5, 5, 3, 4, 2]}
PUBLISHED_RESULT = {
    "A": (4.333, 4.50, 4.40),
    "B": (4.667, 4.50, 4.60),
    "C": (3.833, 4.75, 4.20),
    "D": (3.667, 4.75, 4.10),
}


def candidates(values: Mapping[str, Sequence[Any]], codes: Sequence[str]) -> list[dict[str, Any]]:
    return [{"id": cid, "values": dict(zip(codes, row, strict=True))} for cid, row in values.items()]


def run_ok(data: dict[str, Any]) -> dict[str, Any]:
    code, out, err = run_cli(["-"], json.dumps({"method": "profile_matching", **data}))
    assert (code, err) == (0, "")
    return json.loads(out)


def test_published_single_aspect_example() -> None:
    codes = [c["code"] for c in PUBLISHED_CRITERIA]
    out = run_ok({"criteria": PUBLISHED_CRITERIA, "candidates": candidates(PUBLISHED_VALUES, codes)})
    assert [(r["id"], r["rank"]) for r in out["ranking"]] == [("B", 1), ("A", 2), ("C", 3), ("D", 4)]
    for row in out["ranking"]:
        ncf, nsf, final = PUBLISHED_RESULT[row["id"]]
        # Published intermediates are rounded to 3 decimals; DOMAIN §4.2 allows 5e-3.
        assert row["details"]["ncf"]["semua"] == pytest.approx(ncf, abs=5e-3)
        assert row["details"]["nsf"]["semua"] == pytest.approx(nsf, abs=5e-3)
        assert row["score"] == pytest.approx(final, abs=5e-3)
    assert out["ranking"][0]["details"]["gaps"] == {"EDU": -1, "EXP": -1, "TEC": 0, "COM": 0, "LEA": 0}
    assert out["ranking"][0]["details"]["weights"] == {"EDU": 4, "EXP": 4, "TEC": 5, "COM": 5, "LEA": 5}


# Kusrini-style promotion case with three aspects (kecerdasan, sikap kerja, perilaku) and per-aspect splits,
# shaped like the PT Jaya assignment on scribd (35/33/32 %, CF:SF 55:45 / 65:35 / 65:35); values made up here.
ASPECTS: list[dict[str, Any]] = [
    {"name": "kecerdasan", "weight": 0.35, "core_weight": 0.55},
    {"name": "sikap_kerja", "weight": 0.33, "core_weight": 0.65},
    {"name": "perilaku", "weight": 0.32, "core_weight": 0.65},
]
CRITERIA: list[dict[str, Any]] = [
    {"code": "K1", "name": "Common sense", "aspect": "kecerdasan", "target": 4, "factor": "core"},
    {"code": "K2", "name": "Verbalisasi ide", "aspect": "kecerdasan", "target": 3, "factor": "secondary"},
    {"code": "K3", "name": "Logika praktis", "aspect": "kecerdasan", "target": 5, "factor": "core"},
    {"code": "S1", "name": "Energi psikis", "aspect": "sikap_kerja", "target": 4, "factor": "core"},
    {"code": "S2", "name": "Ketelitian", "aspect": "sikap_kerja", "target": 3, "factor": "secondary"},
    {"code": "P1", "name": "Dominance", "aspect": "perilaku", "target": 4, "factor": "core"},
    {"code": "P2", "name": "Steadiness", "aspect": "perilaku", "target": 3, "factor": "secondary"},
]
CODES: list[str] = [c["code"] for c in CRITERIA]
VALUES: dict[str, list[float | None]] = {
    "E1": [4, 3, 5, 4, 3, 4, 3],
    "E2": [5, 1, 3, 2, 5, 1, 4],
    "E3": [3, 4, 4, 5, 2, 5, 2],
    "E4": [2, 5, 1, 3, 4, 2, 5],
}


def reference_score(row: Sequence[Any]) -> float:
    """Plain re-implementation of Kusrini's steps, independent of the numpy code."""
    table: dict[Any, float] = {0: 5, 1: 4.5, -1: 4, 2: 3.5, -2: 3, 3: 2.5, -3: 2, 4: 1.5, -4: 1}
    total = 0.0
    for aspect in ASPECTS:
        members = [(c, v) for c, v in zip(CRITERIA, row, strict=True) if c["aspect"] == aspect["name"]]
        core = mean(table[v - c["target"]] for c, v in members if c["factor"] == "core")
        secondary = mean(table[v - c["target"]] for c, v in members if c["factor"] == "secondary")
        total += aspect["weight"] * (aspect["core_weight"] * core + (1 - aspect["core_weight"]) * secondary)
    return total


def test_multi_aspect_case_matches_the_plain_reimplementation() -> None:
    out = run_ok({"criteria": CRITERIA, "aspects": ASPECTS, "candidates": candidates(VALUES, CODES)})
    scores = {r["id"]: r["score"] for r in out["ranking"]}
    assert scores == pytest.approx({cid: reference_score(row) for cid, row in VALUES.items()}, abs=1e-12)
    assert out["warnings"] == []
    assert set(out["ranking"][0]["details"]) >= {"gaps", "weights", "ncf", "nsf"}


def test_aspect_weights_in_percent_are_normalised_with_a_warning() -> None:
    aspects = [{**a, "weight": a["weight"] * 100} for a in ASPECTS]
    out = run_ok({"criteria": CRITERIA, "aspects": aspects, "candidates": candidates(VALUES, CODES)})
    assert {r["id"]: r["score"] for r in out["ranking"]} == pytest.approx(
        {cid: reference_score(row) for cid, row in VALUES.items()}
    )
    assert out["warnings"] == ["aspects: bobot berjumlah 100, bukan 1; bobot dinormalisasi agar berjumlah 1"]


@pytest.mark.parametrize(
    ("beyond", "gaps", "expected"),
    [
        (BeyondTable.REJECT, [0, 1, -1, 4, -4, 5, -5], [5, 4.5, 4, 1.5, 1, np.nan, np.nan]),
        (BeyondTable.CLAMP, [5, -5, 7], [1.5, 1, 1.5]),  # the ±4 weight
        (BeyondTable.EXTEND, [5, -5, 6, -6], [0.5, 0, 0, 0]),  # step −1 per gap, floored at 0
        (BeyondTable.CLAMP, [0.5], [np.nan]),  # a gap inside the range but not in the table stays unweighted
    ],
)
def test_gap_table_rules(beyond: BeyondTable, gaps: list[float], expected: list[float]) -> None:
    np.testing.assert_array_equal(
        GapTable(DEFAULT_GAP_WEIGHTS, beyond).lookup(np.array(gaps, float)), expected
    )


def test_gap_beyond_the_table_is_rejected_naming_the_criterion_by_default() -> None:
    criteria = [{"code": "C1", "name": "Pengalaman", "target": 1, "factor": "core"}]
    code, _, err = run_cli(
        ["-"],
        json.dumps(
            {
                "method": "profile_matching",
                "criteria": criteria,
                "candidates": [{"id": "a", "values": {"C1": 6}}],
            }
        ),
    )
    assert code == 2
    assert (
        err
        == "error: candidates[0].values.C1: gap 5 pada kriteria C1 (Pengalaman) tidak memiliki bobot dalam tabel bobot gap\n"
    )


@pytest.mark.parametrize(("rule", "weight"), [("clamp", 1.5), ("extend", 0.5)])
def test_gap_beyond_the_table_with_a_chosen_rule(rule: str, weight: float) -> None:
    criteria = [{"code": "C1", "name": "Pengalaman", "target": 1, "factor": "core"}]
    out = run_ok(
        {"criteria": criteria, "gap_beyond_table": rule, "candidates": [{"id": "a", "values": {"C1": 6}}]}
    )
    assert out["ranking"][0]["details"]["weights"] == {"C1": weight}
    assert out["gap_beyond_table"] == rule


def test_custom_gap_table_and_top_level_core_weight() -> None:
    gap_weights = {"0": 10, "1": 8, "-1": 6}
    criteria = [
        {"code": "A", "name": "a", "target": 3, "factor": "core"},
        {"code": "B", "name": "b", "target": 3, "factor": "secondary"},
    ]
    out = run_ok(
        {
            "criteria": criteria,
            "gap_weights": gap_weights,
            "core_weight": 0.7,
            "candidates": [{"id": "x", "values": {"A": 4, "B": 2}}],
        }
    )
    assert out["ranking"][0]["score"] == pytest.approx(0.7 * 8 + 0.3 * 6)


def test_equal_totals_share_a_rank_and_are_listed_by_id() -> None:
    values = {"Z": [4, 3, 5, 4, 3, 4, 3], "M": [4, 3, 5, 4, 3, 4, 3], "A": [2, 5, 1, 3, 4, 2, 5]}
    out = run_ok({"criteria": CRITERIA, "aspects": ASPECTS, "candidates": candidates(values, CODES)})
    assert [(r["id"], r["rank"]) for r in out["ranking"]] == [("M", 1), ("Z", 1), ("A", 3)]


def test_missing_values_are_scored_on_what_exists_and_flagged() -> None:
    row: list[float | None] = [4, 3, None, None, 3, 4, 3]  # K3 core missing; the sikap_kerja core missing
    out = run_ok({"criteria": CRITERIA, "aspects": ASPECTS, "candidates": candidates({"E": row}, CODES)})
    details = out["ranking"][0]["details"]
    assert details["missing"] == ["K3", "S1"]
    assert details["ncf"]["kecerdasan"] == 5  # mean over K1 only, not (5 + 0) / 2
    assert details["ncf"]["sikap_kerja"] is None
    assert details["aspects"]["sikap_kerja"] == 5  # NSF alone stands for the aspect
    assert out["warnings"] == ["candidates[0].values: data belum lengkap, belum dinilai: K3, S1"]


@pytest.mark.parametrize(
    ("change", "expected_lines"),
    [
        ({"criteria": []}, ["criteria: harus berupa daftar yang tidak kosong"]),
        ({"candidates": []}, ["candidates: harus berupa daftar yang tidak kosong"]),
        (
            {"criteria": [{**CRITERIA[0], "target": 0}, *CRITERIA[1:]]},
            ["criteria[0].target: harus berupa angka 1 sampai 5"],
        ),
        (
            {"criteria": [{**CRITERIA[0], "target": 6}, *CRITERIA[1:]]},
            ["criteria[0].target: harus berupa angka 1 sampai 5"],
        ),
        (
            {"criteria": [{**CRITERIA[0], "factor": "utama"}, *CRITERIA[1:]]},
            ["criteria[0].factor: harus salah satu dari"],
        ),
        (
            {"criteria": [{**CRITERIA[0], "aspect": "x"}, *CRITERIA[1:]]},
            ["criteria[0].aspect: aspek tidak dikenal: x"],
        ),
        ({"criteria": [*CRITERIA, CRITERIA[0]]}, ["criteria[7].code: kode ganda: K1"]),
        (
            {"aspects": [*ASPECTS, {"name": "kosong", "weight": 0}]},
            ["aspects[3]: aspek kosong tidak memiliki kriteria"],
        ),
        (
            {"aspects": [{**a, "weight": 0} for a in ASPECTS]},
            ["aspects: jumlah bobot aspek harus lebih dari 0"],
        ),
        (
            {"aspects": [{**ASPECTS[0], "core_weight": 60}, *ASPECTS[1:]]},
            ["aspects[0].core_weight: harus berupa angka 0 sampai 1"],
        ),
        ({"gap_weights": {"nol": 5}}, ["gap_weights.nol: kunci harus berupa angka gap"]),
        ({"gap_beyond_table": "ignore"}, ["gap_beyond_table: harus salah satu dari: reject, clamp, extend"]),
        (
            {"candidates": [{"id": "a", "values": {"K1": "baik", "X9": 3}}]},
            [
                "candidates[0].values.X9: kriteria tidak dikenal",
                "candidates[0].values.K1: harus berupa angka",
            ],
        ),
        (
            {"gap_weights": {"0": 5}},
            [f"candidates[0].values.{c}: gap" for c in CODES],
        ),
    ],
)
def test_invalid_profile_matching_cases_exit_2_naming_every_bad_field(
    change: dict[str, Any], expected_lines: list[str]
) -> None:
    data = {
        "method": "profile_matching",
        "criteria": CRITERIA,
        "aspects": ASPECTS,
        "candidates": candidates({"E1": VALUES["E2"]}, CODES),
    }
    code, out, err = run_cli(["-"], json.dumps({**data, **change}))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == len(expected_lines), lines
    for line, expected in zip(lines, expected_lines, strict=True):
        assert line.startswith(f"error: {expected}")
