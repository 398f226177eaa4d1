"""SAW, TOPSIS and AHP (DOMAIN.md §4.3) as pure numpy functions, with their JSON case handlers.

Criterion direction is always explicit input (`benefit` | `cost`), never inferred. Weights that do not sum
to 1 are rescaled with a warning (`ranking.normalise_weights`). AHP reports λmax, CI and CR for every matrix
and warns when CR > 0.1; the λmax method is a parameter and is echoed in every result (`lambda_method`):

* `mean_ratio` (default): mean((A·w) / w) — the "weighted sum ÷ priority, averaged" step of most textbooks;
* `column_sum`: Σ (column sum × w) — the spreadsheet shortcut;
* `eigenvalue`: the principal eigenvalue of A.

With `priority_method = eigenvector` all three agree (A·w = λw); the choice matters for column averages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from tepat.engine.ranking import (
    Problems,
    Scored,
    field_of,
    is_number,
    normalise_weights,
    rank,
    read_choice,
    read_ids,
    read_list,
    read_mapping,
    read_number,
    result,
)

# Saaty's random consistency index for n = 1..10 (DOMAIN §4.3).
RANDOM_INDEX: tuple[float, ...] = (0.0, 0.0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49)
CR_LIMIT = 0.1
# Judgements typed as 0.3333 for 1/3 must pass: reciprocity and the 1/9–9 bounds allow 1% slack.
RECIPROCAL_TOLERANCE = 0.01
SAATY_MIN, SAATY_MAX = 1 / 9, 9.0


class Direction(StrEnum):
    BENEFIT = "benefit"
    COST = "cost"


class PriorityMethod(StrEnum):
    COLUMN_AVERAGE = "column_average"
    EIGENVECTOR = "eigenvector"


class LambdaMethod(StrEnum):
    MEAN_RATIO = "mean_ratio"
    COLUMN_SUM = "column_sum"
    EIGENVALUE = "eigenvalue"


@dataclass(frozen=True)
class SawResult:
    normalized: np.ndarray  # (N, K): x/max for benefit, min/x for cost
    scores: np.ndarray  # (N,)


def saw(matrix: np.ndarray, weights: np.ndarray, directions: Sequence[Direction]) -> SawResult:
    """Simple additive weighting. Callers ensure cost columns are > 0 and benefit columns have a max > 0."""
    x = np.asarray(matrix, dtype=float)
    cost = np.array([d is Direction.COST for d in directions])
    normalized = np.where(cost, x.min(axis=0) / x, x / x.max(axis=0))
    return SawResult(normalized, normalized @ np.asarray(weights, dtype=float))


@dataclass(frozen=True)
class TopsisResult:
    normalized: np.ndarray  # (N, K) x / sqrt(Σ x²) per column
    weighted: np.ndarray  # (N, K)
    ideal: np.ndarray  # (K,) A+
    anti_ideal: np.ndarray  # (K,) A−
    d_plus: np.ndarray  # (N,)
    d_minus: np.ndarray  # (N,)
    scores: np.ndarray  # (N,) V = D− / (D+ + D−)


def topsis(matrix: np.ndarray, weights: np.ndarray, directions: Sequence[Direction]) -> TopsisResult:
    """Hwang & Yoon (1981). Callers ensure no column is all zeros.

    When D+ + D− = 0 (the candidate is both the ideal and the anti-ideal: one candidate, or all identical)
    V is 1: nothing is better than it.
    """
    x = np.asarray(matrix, dtype=float)
    normalized = x / np.sqrt((x**2).sum(axis=0))
    weighted = normalized * np.asarray(weights, dtype=float)
    cost = np.array([d is Direction.COST for d in directions])
    ideal = np.where(cost, weighted.min(axis=0), weighted.max(axis=0))
    anti_ideal = np.where(cost, weighted.max(axis=0), weighted.min(axis=0))
    d_plus = np.sqrt(((weighted - ideal) ** 2).sum(axis=1))
    d_minus = np.sqrt(((weighted - anti_ideal) ** 2).sum(axis=1))
    spread = d_plus + d_minus
    with np.errstate(invalid="ignore", divide="ignore"):
        scores = np.where(spread > 0, d_minus / spread, 1.0)
    return TopsisResult(normalized, weighted, ideal, anti_ideal, d_plus, d_minus, scores)


@dataclass(frozen=True)
class Consistency:
    n: int
    lambda_max: float
    ci: float
    cr: float

    @property
    def consistent(self) -> bool:
        return self.cr <= CR_LIMIT

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "lambda_max": self.lambda_max,
            "ci": self.ci,
            "cr": self.cr,
            "consistent": self.consistent,
        }


@dataclass(frozen=True)
class Priorities:
    weights: np.ndarray  # sums to 1
    consistency: Consistency


def ahp_priorities(
    matrix: np.ndarray,
    priority: PriorityMethod = PriorityMethod.COLUMN_AVERAGE,
    lambda_method: LambdaMethod = LambdaMethod.MEAN_RATIO,
) -> Priorities:
    """Priority vector and consistency of one reciprocal pairwise matrix (n ≤ 10, validated by the caller)."""
    a = np.asarray(matrix, dtype=float)
    n = a.shape[0]
    if priority is PriorityMethod.EIGENVECTOR:
        weights = _principal_eigenvector(a)
    else:
        weights = (a / a.sum(axis=0)).mean(axis=1)
    lambda_max = _lambda_max(a, weights, lambda_method)
    ci = (lambda_max - n) / (n - 1) if n > 1 else 0.0
    ri = RANDOM_INDEX[n - 1]
    # For n ≤ 2 a reciprocal matrix is always consistent and RI is 0: CR is 0 by definition.
    return Priorities(weights, Consistency(n, lambda_max, ci, ci / ri if ri > 0 else 0.0))


def _principal_eigenvector(a: np.ndarray) -> np.ndarray:
    values, vectors = np.linalg.eig(a)
    vector = np.abs(vectors[:, int(np.argmax(values.real))].real)
    return vector / vector.sum()


def _lambda_max(a: np.ndarray, weights: np.ndarray, method: LambdaMethod) -> float:
    if method is LambdaMethod.COLUMN_SUM:
        return float(a.sum(axis=0) @ weights)
    if method is LambdaMethod.EIGENVALUE:
        return float(np.max(np.linalg.eigvals(a).real))
    return float(np.mean((a @ weights) / weights))


@dataclass(frozen=True)
class AhpResult:
    criteria: Priorities
    alternatives: tuple[Priorities, ...]  # one per criterion
    local: np.ndarray  # (N, K) alternative priorities under each criterion
    scores: np.ndarray  # (N,) Σ_k criteria weight × local priority


def ahp(
    criteria_matrix: np.ndarray,
    alternative_matrices: Sequence[np.ndarray],
    priority: PriorityMethod = PriorityMethod.COLUMN_AVERAGE,
    lambda_method: LambdaMethod = LambdaMethod.MEAN_RATIO,
) -> AhpResult:
    criteria = ahp_priorities(criteria_matrix, priority, lambda_method)
    alternatives = tuple(ahp_priorities(m, priority, lambda_method) for m in alternative_matrices)
    local = np.column_stack([p.weights for p in alternatives])
    return AhpResult(criteria, alternatives, local, local @ criteria.weights)


def pairwise_matrix(value: Any, path: str, n: int, problems: Problems) -> np.ndarray:
    """Validate a Saaty pairwise matrix: n×n, entries 1/9–9, ones on the diagonal, a_ji = 1/a_ij.

    Problems go to `problems` (the caller raises them all at once); the returned matrix is then a placeholder.
    """
    placeholder = np.ones((n, n))
    if not _is_square(value, n):
        problems.add(path, f"harus berupa matriks persegi {n}×{n}")
        return placeholder
    if n > len(RANDOM_INDEX):
        problems.add(path, f"matriks {n}×{n} terlalu besar; indeks acak Saaty hanya tersedia sampai n = 10")
        return placeholder
    bad = [(i, j) for i, row in enumerate(value) for j, entry in enumerate(row) if not _saaty(entry)]
    for i, j in bad:
        problems.add(f"{path}[{i}][{j}]", "harus berupa angka skala Saaty 1/9 sampai 9")
    if bad:
        return placeholder
    a = np.array(value, dtype=float)
    _check_reciprocal(a, path, problems)
    return a


def _saaty(entry: Any) -> bool:
    return is_number(entry) and SAATY_MIN * (1 - RECIPROCAL_TOLERANCE) <= entry <= SAATY_MAX


def _is_square(value: Any, n: int) -> bool:
    return (
        isinstance(value, list)
        and len(value) == n
        and all(isinstance(r, list) and len(r) == n for r in value)
    )


def _check_reciprocal(a: np.ndarray, path: str, problems: Problems) -> None:
    for i in range(a.shape[0]):
        if abs(a[i, i] - 1.0) > RECIPROCAL_TOLERANCE:
            problems.add(f"{path}[{i}][{i}]", "diagonal harus bernilai 1")
        for j in range(i + 1, a.shape[0]):
            if abs(a[i, j] * a[j, i] - 1.0) > RECIPROCAL_TOLERANCE:
                problems.add(f"{path}[{j}][{i}]", f"harus kebalikan dari [{i}][{j}] (1/{a[i, j]:g})")


# ---- JSON case handlers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _MatrixCase:
    codes: tuple[str, ...]
    weights: np.ndarray
    directions: tuple[Direction, ...]
    ids: tuple[str, ...]
    matrix: np.ndarray


def run_saw_case(case: Mapping[str, Any]) -> dict[str, Any]:
    warnings: list[str] = []
    parsed = _parse_matrix_case(case, warnings, ratio_scale=True)
    out = saw(parsed.matrix, parsed.weights, parsed.directions)
    items = [
        Scored(
            cid,
            float(out.scores[i]),
            {"normalized": _by_code(parsed.codes, out.normalized[i]), **_weights(parsed)},
        )
        for i, cid in enumerate(parsed.ids)
    ]
    return result("saw", rank(items), warnings, criteria_weights=_by_code(parsed.codes, parsed.weights))


def run_topsis_case(case: Mapping[str, Any]) -> dict[str, Any]:
    warnings: list[str] = []
    parsed = _parse_matrix_case(case, warnings, ratio_scale=False)
    out = topsis(parsed.matrix, parsed.weights, parsed.directions)
    if bool(np.any(out.d_plus + out.d_minus == 0)):
        warnings.append("candidates: semua kandidat identik pada setiap kriteria; nilai V ditetapkan 1")
    items = [
        Scored(cid, float(out.scores[i]), _topsis_details(parsed, out, i)) for i, cid in enumerate(parsed.ids)
    ]
    return result(
        "topsis",
        rank(items),
        warnings,
        criteria_weights=_by_code(parsed.codes, parsed.weights),
        ideal=_by_code(parsed.codes, out.ideal),
        anti_ideal=_by_code(parsed.codes, out.anti_ideal),
    )


def _topsis_details(parsed: _MatrixCase, out: TopsisResult, i: int) -> dict[str, Any]:
    return {
        "normalized": _by_code(parsed.codes, out.normalized[i]),
        "weighted": _by_code(parsed.codes, out.weighted[i]),
        "d_plus": float(out.d_plus[i]),
        "d_minus": float(out.d_minus[i]),
        **_weights(parsed),
    }


def _by_code(codes: Sequence[str], row: np.ndarray) -> dict[str, float]:
    return {code: float(value) for code, value in zip(codes, row, strict=True)}


def _weights(parsed: _MatrixCase) -> dict[str, Any]:
    return {"weights": _by_code(parsed.codes, parsed.weights)}


def _parse_matrix_case(case: Mapping[str, Any], warnings: list[str], *, ratio_scale: bool) -> _MatrixCase:
    """SAW needs a ratio scale (values ≥ 0, cost > 0, benefit max > 0); TOPSIS needs a non-zero column."""
    problems = Problems()
    criteria = [
        read_mapping(c, f"criteria[{j}]", problems)
        for j, c in enumerate(read_list(case, "criteria", problems))
    ]
    codes = read_ids(
        [c.get("code") for c in criteria],
        [f"criteria[{j}].code" for j in range(len(criteria))],
        problems,
        "kode",
    )
    directions = tuple(
        _direction(c.get("direction"), f"criteria[{j}].direction", problems) for j, c in enumerate(criteria)
    )
    weights = np.array(
        [_weight(c.get("weight"), f"criteria[{j}].weight", problems) for j, c in enumerate(criteria)]
    )
    candidates = read_list(case, "candidates", problems)
    ids = read_ids(
        [field_of(c, "id") for c in candidates],
        [f"candidates[{i}].id" for i in range(len(candidates))],
        problems,
    )
    rows = [_row(c, i, codes, problems) for i, c in enumerate(candidates)]
    problems.raise_if_any()
    matrix = np.array(rows, dtype=float)
    _check_columns(matrix, codes, directions, ratio_scale, problems)
    if float(weights.sum()) <= 0:
        problems.add("criteria", "jumlah bobot kriteria harus lebih dari 0")
    problems.raise_if_any()
    weights = normalise_weights(weights, "criteria", warnings)
    return _MatrixCase(tuple(codes), weights, directions, tuple(ids), matrix)


def _direction(value: Any, path: str, problems: Problems) -> Direction:
    if value not in {d.value for d in Direction}:
        problems.add(path, "harus benefit atau cost (arah kriteria wajib diisi, tidak ditebak)")
        return Direction.BENEFIT
    return Direction(value)


def _weight(value: Any, path: str, problems: Problems) -> float:
    weight = read_number(value, path, problems, low=0)
    return 0.0 if weight is None else weight


def _row(candidate: Any, i: int, codes: Sequence[str], problems: Problems) -> list[float]:
    path = f"candidates[{i}]"
    if not isinstance(candidate, Mapping):
        problems.add(path, "harus berupa objek JSON")
        return [0.0] * len(codes)
    values = read_mapping(candidate.get("values"), f"{path}.values", problems)
    for code in values:
        if codes and code not in codes:  # with no valid criteria, that one error says it all
            problems.add(f"{path}.values.{code}", "kriteria tidak dikenal")
    return [_cell(values.get(code), f"{path}.values.{code}", problems) for code in codes]


def _cell(value: Any, path: str, problems: Problems) -> float:
    if value is None:
        problems.add(path, "nilai wajib diisi untuk setiap kriteria")
        return 0.0
    number = read_number(value, path, problems)
    return 0.0 if number is None else number


def _check_columns(
    matrix: np.ndarray,
    codes: Sequence[str],
    directions: Sequence[Direction],
    ratio_scale: bool,
    problems: Problems,
) -> None:
    for j, (code, direction) in enumerate(zip(codes, directions, strict=True)):
        column = matrix[:, j]
        if ratio_scale:
            for i in np.nonzero(column < 0 if direction is Direction.BENEFIT else column <= 0)[0]:
                bound = (
                    "minimal 0"
                    if direction is Direction.BENEFIT
                    else "lebih dari 0 pada kriteria cost (min/x)"
                )
                problems.add(f"candidates[{int(i)}].values.{code}", f"harus berupa angka {bound}")
        if not np.any(column != 0):
            problems.add(f"criteria[{j}]", f"semua nilai kriteria {code} 0; tidak dapat dinormalisasi")


def run_ahp_case(case: Mapping[str, Any]) -> dict[str, Any]:
    problems = Problems()
    raw_codes = read_list(case, "criteria", problems)
    codes = read_ids(raw_codes, [f"criteria[{j}]" for j in range(len(raw_codes))], problems, "kode")
    raw_ids = read_list(case, "candidates", problems)
    ids = read_ids(raw_ids, [f"candidates[{i}]" for i in range(len(raw_ids))], problems)
    priority = PriorityMethod(
        read_choice(case, "priority_method", [p.value for p in PriorityMethod], "column_average", problems)
    )
    lam = LambdaMethod(
        read_choice(case, "lambda_method", [m.value for m in LambdaMethod], "mean_ratio", problems)
    )
    # Matrix sizes follow the lists: with an empty list, its own error says it all.
    scratch = problems if codes else Problems()
    criteria_matrix = pairwise_matrix(case.get("criteria_pairwise"), "criteria_pairwise", len(codes), scratch)
    alternative_matrices = _alternative_matrices(case, codes, len(ids), problems if ids else Problems())
    problems.raise_if_any()
    out = ahp(criteria_matrix, alternative_matrices, priority, lam)
    return _ahp_result(codes, ids, out, priority, lam)


def _alternative_matrices(
    case: Mapping[str, Any], codes: Sequence[str], n: int, problems: Problems
) -> list[np.ndarray]:
    matrices = read_mapping(case.get("alternative_pairwise"), "alternative_pairwise", problems)
    for key in matrices:
        if key not in codes:
            problems.add(f"alternative_pairwise.{key}", "kriteria tidak dikenal")
    # A missing matrix is reported by pairwise_matrix itself ("harus berupa matriks persegi n×n").
    return [
        pairwise_matrix(matrices.get(code), f"alternative_pairwise.{code}", n, problems) for code in codes
    ]


def _ahp_result(
    codes: Sequence[str], ids: Sequence[str], out: AhpResult, priority: PriorityMethod, lam: LambdaMethod
) -> dict[str, Any]:
    warnings = [_cr_warning("criteria_pairwise", out.criteria.consistency)]
    warnings += [
        _cr_warning(f"alternative_pairwise.{c}", p.consistency)
        for c, p in zip(codes, out.alternatives, strict=True)
    ]
    details = [
        {
            "weights": _by_code(codes, out.local[i]),
            "weighted": _by_code(codes, out.local[i] * out.criteria.weights),
        }
        for i in range(len(ids))
    ]
    return result(
        "ahp",
        rank(Scored(cid, float(out.scores[i]), details[i]) for i, cid in enumerate(ids)),
        [w for w in warnings if w],
        criteria_weights=_by_code(codes, out.criteria.weights),
        consistency={
            "criteria": out.criteria.consistency.as_dict(),
            "alternatives": {
                c: p.consistency.as_dict() for c, p in zip(codes, out.alternatives, strict=True)
            },
        },
        lambda_method=lam.value,
        priority_method=priority.value,
    )


def _cr_warning(path: str, consistency: Consistency) -> str:
    if consistency.consistent:
        return ""
    return f"{path}: CR = {consistency.cr:.4f} > {CR_LIMIT}; perbandingan tidak konsisten, tinjau ulang"
