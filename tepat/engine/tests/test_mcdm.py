"""SAW, TOPSIS and AHP (DOMAIN.md §4.3): published worked examples, an independent TOPSIS re-implementation,
consistency handling and the CLI error paths."""

import json
import math
from typing import Any

import numpy as np
import pytest

from tepat.engine.mcdm import RANDOM_INDEX, Direction, LambdaMethod, PriorityMethod, ahp_priorities, topsis
from tepat.engine.tests.test_cases import run_cli


def run_ok(data: dict[str, Any]) -> dict[str, Any]:
    code, out, err = run_cli(["-"], json.dumps(data))
    assert (code, err) == (0, "")
    return json.loads(out)


def matrix_case(
    method: str, criteria: list[tuple[str, float, str]], values: dict[str, list[float]]
) -> dict[str, Any]:
    codes = [c[0] for c in criteria]
    return {
        "method": method,
        "criteria": [{"code": c, "weight": w, "direction": d} for c, w, d in criteria],
        "candidates": [
            {"id": cid, "values": dict(zip(codes, row, strict=True))} for cid, row in values.items()
        ],
    }


# Source: ruang-belajar/dss, case/case-saw-hrd-1.md ("Contoh Kasus HRD — Seleksi Karyawan untuk Promosi").
SAW_HRD = matrix_case(
    "saw",
    [
        ("C1", 0.35, "benefit"),
        ("C2", 0.20, "benefit"),
        ("C3", 0.20, "benefit"),
        ("C4", 0.10, "benefit"),
        ("C5", 0.15, "cost"),
    ],
    {"A": [85, 6, 8, 3, 7], "B": [78, 8, 7, 4, 6], "C": [92, 4, 9, 2, 9], "D": [80, 10, 8, 3, 6]},
)


def test_saw_published_hrd_example() -> None:
    out = run_ok(SAW_HRD)
    assert [(r["id"], r["rank"]) for r in out["ranking"]] == [("D", 1), ("B", 2), ("A", 3), ("C", 4)]
    published = {"A": 0.824719, "B": 0.862295, "C": 0.780000, "D": 0.907126}
    assert {r["id"]: r["score"] for r in out["ranking"]} == pytest.approx(published, abs=1e-6)
    a = next(r for r in out["ranking"] if r["id"] == "A")["details"]
    assert a["normalized"] == pytest.approx({"C1": 85 / 92, "C2": 0.6, "C3": 8 / 9, "C4": 0.75, "C5": 6 / 7})
    assert out["warnings"] == []


def test_saw_weights_in_points_are_normalised_with_a_warning() -> None:
    scaled = {**SAW_HRD, "criteria": [{**c, "weight": c["weight"] * 20} for c in SAW_HRD["criteria"]]}
    out = run_ok(scaled)
    assert [r["score"] for r in out["ranking"]] == pytest.approx(
        [r["score"] for r in run_ok(SAW_HRD)["ranking"]]
    )
    assert out["warnings"] == ["criteria: bobot berjumlah 20, bukan 1; bobot dinormalisasi agar berjumlah 1"]


# Source: ruang-belajar/dss, docs/topsis.md ("Pemilihan Lokasi Gudang Baru"); intermediates rounded to 3 decimals.
TOPSIS_GUDANG = matrix_case(
    "topsis",
    [("C1", 0.5, "cost"), ("C2", 0.3, "cost"), ("C3", 0.2, "benefit")],
    {"L1": [20, 15, 500], "L2": [30, 10, 800], "L3": [25, 20, 600]},
)


def test_topsis_published_warehouse_example() -> None:
    out = run_ok(TOPSIS_GUDANG)
    assert [r["id"] for r in out["ranking"]] == ["L1", "L2", "L3"]
    published = {"L1": (0.078, 0.128, 0.621), "L2": (0.114, 0.124, 0.521), "L3": (0.131, 0.060, 0.314)}
    for row in out["ranking"]:
        d_plus, d_minus, v = published[row["id"]]
        assert row["details"]["d_plus"] == pytest.approx(d_plus, abs=5e-3)
        assert row["details"]["d_minus"] == pytest.approx(d_minus, abs=5e-3)
        assert row["score"] == pytest.approx(v, abs=5e-3)
    assert out["ideal"] == pytest.approx({"C1": 0.228, "C2": 0.111, "C3": 0.143}, abs=5e-4)


def reference_topsis(x: list[list[float]], w: list[float], cost: list[bool]) -> list[float]:
    """Hwang & Yoon's steps as plain loops, independent of the numpy code."""
    n, k = len(x), len(w)
    norms = [math.sqrt(sum(x[i][j] ** 2 for i in range(n))) for j in range(k)]
    y = [[w[j] * x[i][j] / norms[j] for j in range(k)] for i in range(n)]
    best = [(min if cost[j] else max)(y[i][j] for i in range(n)) for j in range(k)]
    worst = [(max if cost[j] else min)(y[i][j] for i in range(n)) for j in range(k)]
    out = []
    for row in y:
        dp = math.dist(row, best)
        dm = math.dist(row, worst)
        out.append(dm / (dp + dm))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_topsis_matches_a_plain_reimplementation(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, size=(8, 5))
    w = rng.dirichlet(np.ones(5))
    cost = [bool(c) for c in rng.integers(0, 2, size=5)]
    directions = [Direction.COST if c else Direction.BENEFIT for c in cost]
    got = topsis(x, w, directions).scores
    assert got.tolist() == pytest.approx(reference_topsis(x.tolist(), w.tolist(), cost), abs=1e-12)


def test_topsis_single_candidate_is_its_own_ideal() -> None:
    out = run_ok(matrix_case("topsis", [("C1", 1, "benefit")], {"only": [3]}))
    assert out["ranking"][0]["score"] == 1.0
    assert out["warnings"] == [
        "candidates: semua kandidat identik pada setiap kriteria; nilai V ditetapkan 1"
    ]


# Source: ruang-belajar/dss, arsip/ahp-contoh-1.md ("Memilih supplier terbaik"): criteria weights, λmax = 3.0387
# (mean of (A·w)/w), CI = 0.019357, CR = 0.0334; totals B 0.5447, C 0.2765, A 0.1787.
AHP_SUPPLIER: dict[str, Any] = {
    "method": "ahp",
    "criteria": ["HARGA", "KUALITAS", "PENGIRIMAN"],
    "criteria_pairwise": [[1, 0.3333, 3], [3, 1, 5], [0.3333, 0.2, 1]],
    "candidates": ["A", "B", "C"],
    "alternative_pairwise": {
        "HARGA": [[1, 0.3333, 0.2], [3, 1, 0.3333], [5, 3, 1]],
        "KUALITAS": [[1, 0.3333, 1], [3, 1, 5], [1, 0.2, 1]],
        "PENGIRIMAN": [[1, 0.5, 3], [2, 1, 5], [0.3333, 0.2, 1]],
    },
}


def test_ahp_published_supplier_example() -> None:
    out = run_ok(AHP_SUPPLIER)
    assert out["criteria_weights"] == pytest.approx(
        {"HARGA": 0.2605, "KUALITAS": 0.6333, "PENGIRIMAN": 0.1062}, abs=5e-4
    )
    criteria = out["consistency"]["criteria"]
    assert (criteria["lambda_max"], criteria["ci"], criteria["cr"]) == pytest.approx(
        (3.0387, 0.019357, 0.0334), abs=5e-4
    )
    assert out["lambda_method"] == "mean_ratio"
    assert out["priority_method"] == "column_average"
    assert {r["id"]: r["score"] for r in out["ranking"]} == pytest.approx(
        {"B": 0.5447, "C": 0.2765, "A": 0.1787}, abs=5e-4
    )
    assert [r["rank"] for r in out["ranking"]] == [1, 2, 3]
    assert out["ranking"][0]["details"]["weights"]["KUALITAS"] == pytest.approx(0.6555, abs=5e-4)
    assert out["warnings"] == []


# Source: ruang-belajar/dss, docs/ahp-bobot.md, Contoh Kasus 1: weights 0.2299 / 0.6480 / 0.1222 and
# λmax = Σ(column sum × w) = 3.0058, CI = 0.0029 (from weights rounded to 4 decimals).
BOBOT = [[1, 1 / 3, 2], [3, 1, 5], [1 / 2, 1 / 5, 1]]


def test_ahp_published_column_sum_lambda_example() -> None:
    out = ahp_priorities(np.array(BOBOT), PriorityMethod.COLUMN_AVERAGE, LambdaMethod.COLUMN_SUM)
    assert out.weights.tolist() == pytest.approx([0.2299, 0.6480, 0.1222], abs=5e-4)
    assert out.consistency.lambda_max == pytest.approx(3.0058, abs=5e-4)
    assert out.consistency.ci == pytest.approx(0.0029, abs=5e-4)


# Saaty (1980): a perfectly consistent matrix has w ∝ (4, 2, 1), λmax = n and CR = 0 under every method.
CONSISTENT = [[1, 2, 4], [1 / 2, 1, 2], [1 / 4, 1 / 2, 1]]


@pytest.mark.parametrize("priority", list(PriorityMethod))
@pytest.mark.parametrize("lam", list(LambdaMethod))
def test_ahp_consistent_matrix_under_every_method(priority: PriorityMethod, lam: LambdaMethod) -> None:
    out = ahp_priorities(np.array(CONSISTENT), priority, lam)
    assert out.weights.tolist() == pytest.approx([4 / 7, 2 / 7, 1 / 7])
    assert (out.consistency.lambda_max, out.consistency.ci, out.consistency.cr) == pytest.approx(
        (3, 0, 0), abs=1e-12
    )


def test_ahp_eigenvector_option_reports_the_principal_eigenvalue() -> None:
    out = run_ok({**AHP_SUPPLIER, "priority_method": "eigenvector"})
    lam = float(np.max(np.linalg.eigvals(np.array(AHP_SUPPLIER["criteria_pairwise"])).real))
    assert out["consistency"]["criteria"]["lambda_max"] == pytest.approx(lam)
    assert sum(out["criteria_weights"].values()) == pytest.approx(1)


def test_ahp_inconsistent_matrix_is_computed_but_warned() -> None:
    cyclic = [[1, 9, 1 / 9], [1 / 9, 1, 9], [9, 1 / 9, 1]]  # A ≫ B ≫ C ≫ A
    out = run_ok({**AHP_SUPPLIER, "criteria_pairwise": cyclic})
    assert out["consistency"]["criteria"]["cr"] > 0.1
    assert out["consistency"]["criteria"]["consistent"] is False
    assert len(out["warnings"]) == 1
    assert out["warnings"][0].startswith("criteria_pairwise: CR = ")


def test_saaty_random_index_table() -> None:
    assert RANDOM_INDEX == (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)


@pytest.mark.parametrize(
    ("data", "expected_lines"),
    [
        ({**SAW_HRD, "candidates": []}, ["candidates: harus berupa daftar yang tidak kosong"]),
        ({**SAW_HRD, "criteria": []}, ["criteria: harus berupa daftar yang tidak kosong"]),
        (
            matrix_case("saw", [("C1", 1, "up")], {"a": [1]}),
            ["criteria[0].direction: harus benefit atau cost"],
        ),
        (
            matrix_case("saw", [("C1", -1, "benefit")], {"a": [1]}),
            ["criteria[0].weight: harus berupa angka minimal 0"],
        ),
        (
            matrix_case("saw", [("C1", 0, "benefit")], {"a": [1]}),
            ["criteria: jumlah bobot kriteria harus lebih dari 0"],
        ),
        (
            matrix_case("saw", [("C1", 1, "cost")], {"a": [0], "b": [2]}),
            ["candidates[0].values.C1: harus berupa angka lebih dari 0"],
        ),
        (
            matrix_case("saw", [("C1", 1, "benefit")], {"a": [-2], "b": [2]}),
            ["candidates[0].values.C1: harus berupa angka minimal 0"],
        ),
        (
            matrix_case("topsis", [("C1", 1, "benefit")], {"a": [0], "b": [0]}),
            ["criteria[0]: semua nilai kriteria C1 0"],
        ),
        (
            {**SAW_HRD, "candidates": [{"id": "a", "values": {"C1": 1, "C2": 1, "C3": 1, "C4": 1, "C9": 1}}]},
            ["candidates[0].values.C9: kriteria tidak dikenal", "candidates[0].values.C5: nilai wajib diisi"],
        ),
        (
            {**TOPSIS_GUDANG, "candidates": [{"id": "x", "values": {"C1": 1, "C2": True, "C3": 1}}]},
            ["candidates[0].values.C2: harus berupa angka"],
        ),
        ({**AHP_SUPPLIER, "candidates": []}, ["candidates: harus berupa daftar yang tidak kosong"]),
        (
            {**AHP_SUPPLIER, "criteria_pairwise": [[1, 3], [1 / 3, 1]]},
            ["criteria_pairwise: harus berupa matriks persegi 3×3"],
        ),
        (
            {**AHP_SUPPLIER, "criteria_pairwise": [[1, 3, 5], [3, 1, 5], [0.2, 0.2, 1]]},
            ["criteria_pairwise[1][0]: harus kebalikan dari [0][1] (1/3)"],
        ),
        (
            {**AHP_SUPPLIER, "criteria_pairwise": [[2, 1, 1], [1, 1, 1], [1, 1, 1]]},
            ["criteria_pairwise[0][0]: diagonal harus bernilai 1"],
        ),
        (
            {**AHP_SUPPLIER, "criteria_pairwise": [[1, 12, 1], [1 / 12, 1, 1], [1, 1, 1]]},
            ["criteria_pairwise[0][1]: harus berupa angka skala Saaty", "criteria_pairwise[1][0]: harus"],
        ),
        (
            {
                **AHP_SUPPLIER,
                "alternative_pairwise": {**AHP_SUPPLIER["alternative_pairwise"], "BIAYA": [[1]]},
            },
            ["alternative_pairwise.BIAYA: kriteria tidak dikenal"],
        ),
        (
            {
                **AHP_SUPPLIER,
                "alternative_pairwise": {"HARGA": AHP_SUPPLIER["alternative_pairwise"]["HARGA"]},
            },
            [
                "alternative_pairwise.KUALITAS: harus berupa matriks persegi 3×3",
                "alternative_pairwise.PENGIRIMAN: harus",
            ],
        ),
        (
            {**AHP_SUPPLIER, "criteria": ["HARGA", "HARGA", "PENGIRIMAN"]},
            ["criteria[1]: kode ganda: HARGA", "alternative_pairwise.KUALITAS: kriteria tidak dikenal"],
        ),
        (
            {**AHP_SUPPLIER, "priority_method": "geometric"},
            ["priority_method: harus salah satu dari: column_average, eigenvector"],
        ),
        (
            {
                **AHP_SUPPLIER,
                "candidates": [f"P{i}" for i in range(11)],
                "alternative_pairwise": {c: np.ones((11, 11)).tolist() for c in AHP_SUPPLIER["criteria"]},
            },
            [f"alternative_pairwise.{c}: matriks 11×11 terlalu besar" for c in AHP_SUPPLIER["criteria"]],
        ),
    ],
)
def test_invalid_mcdm_cases_exit_2_naming_every_bad_field(
    data: dict[str, Any], expected_lines: list[str]
) -> None:
    code, out, err = run_cli(["-"], json.dumps(data))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == len(expected_lines), lines
    for line, expected in zip(lines, expected_lines, strict=True):
        assert line.startswith(f"error: {expected}")
