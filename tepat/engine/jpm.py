"""Job Person Match (DOMAIN.md §4.1): JPM% = Σ achieved ÷ Σ required × 100, with gaps and category bands.

One implementation serves every caller: `jpm_matrix` scores all employees × all positions at once with numpy;
`job_person_match` (one pair) and the JSON case handler `run_case` are thin wrappers around it.

Missing assessments are NaN, never zero: JPM is computed on the competencies that were assessed (both
sums over the same set) and the count of required-but-unassessed competencies is returned so the caller
can show "data belum lengkap". A pair with nothing assessed has JPM NaN (no score), not 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from tepat.engine.ranking import (
    Problems,
    Scored,
    field_of,
    finite_or_none,
    rank,
    read_choice,
    read_ids,
    read_list,
    read_mapping,
    read_number,
    result,
)

# Bands compare with this slack so 89.99999999999999 (float noise for "90") still counts as ≥ 90.
BAND_TOLERANCE = 1e-9
LEVEL_MIN, LEVEL_MAX = 1.0, 5.0


class CapMode(StrEnum):
    """DOMAIN §4.1: capping is not settled in practice, so it is a parameter (`jpm_cap_mode`)."""

    NONE = "none"  # a level above the standard counts in full; JPM may exceed 100
    PER_COMPETENCY = "per_competency"  # each term is min(achieved, required)
    TOTAL_100 = "total_100"  # uncapped terms, the total is capped at 100


@dataclass(frozen=True)
class Band:
    category: str
    min_jpm: float  # inclusive lower bound (DOMAIN §4.1: "≥")


@dataclass(frozen=True)
class CategoryScale:
    """Bands best first; the last band catches everything below the one before it."""

    name: str
    bands: tuple[Band, ...]

    def __post_init__(self) -> None:
        thresholds = [band.min_jpm for band in self.bands]
        if not self.bands or thresholds != sorted(thresholds, reverse=True):
            raise ValueError("bands must be non-empty and ordered from the highest threshold down")


# DOMAIN §4.1 scale A (Peraturan BRIN 3/2023 Ps 33; practice) and B (2020 JFKK uji kompetensi regulation).
PEMETAAN = CategoryScale(
    "pemetaan", (Band("Optimal", 90.0), Band("Cukup Optimal", 78.0), Band("Kurang Optimal", 0.0))
)
SELEKSI = CategoryScale("seleksi", (Band("MS", 80.0), Band("MMS", 68.0), Band("KMS", 0.0)))
DEFAULT_SCALES: Mapping[str, CategoryScale] = {PEMETAAN.name: PEMETAAN, SELEKSI.name: SELEKSI}


@dataclass(frozen=True)
class GroupWeights:
    """Teknis against manajerial + sosial kultural when both are tested (DOMAIN §4.1, JFKK regulation)."""

    teknis: float
    manajerial_sosial_kultural: float


DEFAULT_GROUP_WEIGHTS: Mapping[str, GroupWeights] = {
    "Ahli Madya": GroupWeights(0.4, 0.6),
    "Ahli Muda": GroupWeights(0.5, 0.5),
    "Ahli Pertama": GroupWeights(0.6, 0.4),
}


@dataclass(frozen=True)
class JpmMatrix:
    """Arrays of shape (employees, positions). NaN JPM means nothing required was assessed."""

    jpm_raw: np.ndarray  # uncapped Σ achieved ÷ Σ required × 100
    jpm: np.ndarray  # after the cap mode; this is the score to rank on
    achieved_total: np.ndarray  # Σ achieved over assessed ∩ required (uncapped)
    required_total: np.ndarray  # Σ required over the same competencies
    missing_count: np.ndarray  # required competencies without an assessment


def jpm_matrix(achieved: np.ndarray, required: np.ndarray, cap_mode: CapMode = CapMode.NONE) -> JpmMatrix:
    """Score every employee against every position.

    `achieved` is (employees, K) with NaN for "not assessed"; `required` is (positions, K) with NaN or 0 for
    "not required by this position". Both index the same K competencies. Levels are assumed validated (1–5).
    """
    a = np.asarray(achieved, dtype=float)
    r = np.nan_to_num(np.asarray(required, dtype=float), nan=0.0)
    assessed = ~np.isnan(a)
    needed = r > 0
    a0 = np.where(assessed, a, 0.0)
    # Zeros stand for "absent" on either side, so plain matrix products sum over assessed ∩ required only.
    achieved_total = a0 @ needed.T.astype(float)
    required_total = assessed.astype(float) @ r.T
    missing = needed.sum(axis=1)[None, :] - assessed.astype(np.int64) @ needed.T.astype(np.int64)
    raw = _percent(achieved_total, required_total)
    return JpmMatrix(
        raw, _apply_cap(raw, a0, r, required_total, cap_mode), achieved_total, required_total, missing
    )


def _percent(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator * 100.0, np.nan)


def _apply_cap(
    raw: np.ndarray, a0: np.ndarray, r: np.ndarray, required_total: np.ndarray, cap_mode: CapMode
) -> np.ndarray:
    if cap_mode is CapMode.TOTAL_100:
        return np.minimum(raw, 100.0)  # NaN stays NaN
    if cap_mode is CapMode.NONE:
        return raw
    capped = np.zeros_like(raw)
    # One (employees × positions) slab per competency keeps memory at O(E·P), not O(E·P·K).
    for k in range(a0.shape[1]):
        capped += np.minimum.outer(a0[:, k], r[:, k])  # 0 wherever either side is absent
    return _percent(capped, required_total)


def competency_gaps(achieved: np.ndarray, required: np.ndarray) -> np.ndarray:
    """Gap = achieved − required, shape (employees, positions, K); NaN where not assessed or not required.

    Memory is E·P·K floats: slice to the employees or positions on screen rather than the whole city.
    """
    a = np.asarray(achieved, dtype=float)
    r = np.asarray(required, dtype=float)
    r = np.where(np.nan_to_num(r, nan=0.0) > 0, r, np.nan)
    return a[:, None, :] - r[None, :, :]


def categorize(jpm: np.ndarray, scale: CategoryScale) -> np.ndarray:
    """Category per JPM value (object array); None where JPM is NaN."""
    values = np.asarray(jpm, dtype=float)
    out = np.full(values.shape, None, dtype=object)
    known = ~np.isnan(values)
    out[known] = scale.bands[-1].category
    # Lowest band first so each higher band overwrites what it covers.
    for band in reversed(scale.bands[:-1]):
        out[known & (np.nan_to_num(values, nan=-np.inf) >= band.min_jpm - BAND_TOLERANCE)] = band.category
    return out


@dataclass(frozen=True)
class JpmResult:
    jpm_raw: float | None
    jpm: float | None
    category: str | None
    gaps: Mapping[str, float]  # assessed competencies only
    missing: tuple[str, ...]


def job_person_match(
    achieved: Mapping[str, float | None],
    standard: Mapping[str, float],
    *,
    cap_mode: CapMode = CapMode.NONE,
    scale: CategoryScale = SELEKSI,
) -> JpmResult:
    """One employee against one position's standard; codes outside the standard are ignored."""
    codes = list(standard)
    a = np.array([[_level_or_nan(achieved.get(code)) for code in codes]])
    r = np.array([[float(standard[code]) for code in codes]])
    scores = jpm_matrix(a, r, cap_mode)
    gaps = {code: float(a[0, k] - r[0, k]) for k, code in enumerate(codes) if not np.isnan(a[0, k])}
    missing = tuple(code for k, code in enumerate(codes) if np.isnan(a[0, k]))
    return JpmResult(
        jpm_raw=finite_or_none(scores.jpm_raw[0, 0]),
        jpm=finite_or_none(scores.jpm[0, 0]),
        category=categorize(scores.jpm, scale)[0, 0],
        gaps=gaps,
        missing=missing,
    )


def _level_or_nan(value: float | None) -> float:
    return np.nan if value is None else float(value)


def combine_groups(teknis_jpm: float | None, other_jpm: float | None, weights: GroupWeights) -> float | None:
    """Overall JPM when teknis and manajerial + sosial kultural are tested separately (DOMAIN §4.1).

    When only one group was tested the overall is that group's JPM; the caller flags the missing group.
    """
    if teknis_jpm is None or other_jpm is None:
        return teknis_jpm if other_jpm is None else other_jpm
    total = weights.teknis + weights.manajerial_sosial_kultural
    return (weights.teknis * teknis_jpm + weights.manajerial_sosial_kultural * other_jpm) / total


# ---- JSON case handler ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _JpmCase:
    codes: tuple[str, ...]
    ids: tuple[str, ...]
    achieved: np.ndarray
    required: np.ndarray
    cap_mode: CapMode
    scale: CategoryScale


def run_case(case: Mapping[str, Any]) -> dict[str, Any]:
    parsed = _parse(case)
    scores = jpm_matrix(parsed.achieved, parsed.required, parsed.cap_mode)
    categories = categorize(scores.jpm, parsed.scale)
    warnings: list[str] = []
    items = [_scored(parsed, scores, categories, i, warnings) for i in range(len(parsed.ids))]
    return result("jpm", rank(items), warnings, cap_mode=parsed.cap_mode.value, scale=parsed.scale.name)


def _scored(
    parsed: _JpmCase, scores: JpmMatrix, categories: np.ndarray, i: int, warnings: list[str]
) -> Scored:
    row = parsed.achieved[i]
    missing = [code for k, code in enumerate(parsed.codes) if np.isnan(row[k])]
    if len(missing) == len(parsed.codes):
        warnings.append(
            f"candidates[{i}].values: tidak ada kompetensi yang dinilai; kandidat tidak diberi skor"
        )
    elif missing:
        warnings.append(f"candidates[{i}].values: data belum lengkap, belum dinilai: {', '.join(missing)}")
    details = {
        "gaps": {
            code: float(row[k] - parsed.required[0, k])
            for k, code in enumerate(parsed.codes)
            if code not in missing
        },
        "jpm_raw": finite_or_none(scores.jpm_raw[i, 0]),
        "jpm": finite_or_none(scores.jpm[i, 0]),
        "category": categories[i, 0],
        "achieved_total": float(scores.achieved_total[i, 0]),
        "required_total": float(scores.required_total[i, 0]),
        "missing": missing,
    }
    return Scored(parsed.ids[i], details["jpm"], details)


def _parse(case: Mapping[str, Any]) -> _JpmCase:
    problems = Problems()
    standard = read_mapping(case.get("standard"), "standard", problems)
    if isinstance(case.get("standard"), Mapping) and not standard:
        problems.add("standard", "harus berisi minimal satu kompetensi")
    codes = tuple(standard)
    required = [_level(standard[c], f"standard.{c}", problems) for c in codes]
    candidates = read_list(case, "candidates", problems)
    paths = [f"candidates[{i}].id" for i in range(len(candidates))]
    ids = read_ids([field_of(c, "id") for c in candidates], paths, problems)
    rows = [_values(c, i, codes, problems) for i, c in enumerate(candidates)]
    cap_mode = _cap_mode(case, problems)
    scale_name = read_choice(case, "scale", tuple(DEFAULT_SCALES), SELEKSI.name, problems)
    problems.raise_if_any()
    return _JpmCase(
        codes, tuple(ids), np.array(rows), np.array([required]), cap_mode, DEFAULT_SCALES[scale_name]
    )


def _level(value: Any, path: str, problems: Problems) -> float:
    level = read_number(value, path, problems, low=LEVEL_MIN, high=LEVEL_MAX)
    return np.nan if level is None else level


def _values(candidate: Any, i: int, codes: tuple[str, ...], problems: Problems) -> list[float]:
    path = f"candidates[{i}]"
    if not isinstance(candidate, Mapping):
        problems.add(path, "harus berupa objek JSON")
        return [np.nan] * len(codes)
    values = read_mapping(candidate.get("values"), f"{path}.values", problems)
    for code in values:
        if codes and code not in codes:  # with no valid standard, that one error says it all
            problems.add(f"{path}.values.{code}", "kompetensi tidak ada dalam standar")
    # null (or absent) means "not assessed": kept as NaN, never read as 0.
    return [
        np.nan if values.get(c) is None else _level(values[c], f"{path}.values.{c}", problems) for c in codes
    ]


def _cap_mode(case: Mapping[str, Any], problems: Problems) -> CapMode:
    legacy = case.get("cap_at_standard")
    if legacy is not None and not isinstance(legacy, bool):
        problems.add("cap_at_standard", "harus berupa true atau false")
    # The older boolean `cap_at_standard: true` means per-competency capping (issue 4).
    default = CapMode.PER_COMPETENCY if legacy is True else CapMode.NONE
    mode = CapMode(read_choice(case, "cap_mode", [m.value for m in CapMode], default.value, problems))
    if legacy is True and mode is not CapMode.PER_COMPETENCY:
        problems.add("cap_at_standard", "bertentangan dengan cap_mode; pakai salah satu saja")
    return mode
