"""Profile matching, the gap analysis of Kusrini (2007) (DOMAIN.md §4.2).

gap = actual − target → weight from the gap-weight table → per aspect NCF (mean weight of core factors)
and NSF (mean weight of secondary factors) → aspect value = cf% × NCF + (1 − cf%) × NSF →
final = Σ w_a × aspect_a.
Everything is computed at full precision; rounding is for display only.

A gap outside the table is handled by a documented rule (`BeyondTable`), never by falling through:
`reject` (default, an error naming the criterion), `clamp` (the weight of the table's extreme gap on
that side), or `extend` (continue the table's linear step on that side, never below 0).

Missing values (NaN, "not assessed") are scored on what exists: a factor group, aspect or the total
averages over what was assessed, and the caller lists what is missing. Ties: equal totals (within 1e-9)
share a rank and are listed by id (`ranking.rank`); `details.ncf` lets a page break ties further by core
score and say so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.ranking import (
    Problems,
    Scored,
    field_of,
    finite_or_none,
    normalise_weights,
    rank,
    read_choice,
    read_ids,
    read_list,
    read_mapping,
    read_number,
    result,
)

GAP_TOLERANCE = 1e-9
TARGET_MIN, TARGET_MAX = 1.0, 5.0
DEFAULT_CORE_WEIGHT = 0.6  # the common 60/40 split (DOMAIN §4.2)
SINGLE_ASPECT = "semua"  # name of the one aspect used when a case gives no `aspects`

# DOMAIN §4.2 gap-weight table.
DEFAULT_GAP_WEIGHTS: Mapping[float, float] = {
    0: 5.0,
    1: 4.5,
    -1: 4.0,
    2: 3.5,
    -2: 3.0,
    3: 2.5,
    -3: 2.0,
    4: 1.5,
    -4: 1.0,
}


class Factor(StrEnum):
    CORE = "core"
    SECONDARY = "secondary"


class BeyondTable(StrEnum):
    REJECT = "reject"
    CLAMP = "clamp"
    EXTEND = "extend"


@dataclass(frozen=True)
class GapTable:
    weights: Mapping[float, float]
    beyond: BeyondTable = BeyondTable.REJECT

    def lookup(self, gaps: np.ndarray) -> np.ndarray:
        """Weight per gap; NaN for a NaN gap and for a gap the table and the `beyond` rule give no weight."""
        g = np.asarray(gaps, dtype=float)
        out = np.full(g.shape, np.nan)
        for gap, weight in self.weights.items():
            out[np.abs(g - gap) <= GAP_TOLERANCE] = weight
        if self.beyond is not BeyondTable.REJECT:
            keys = sorted(self.weights)
            self._fill_side(
                g, out, keys[-1], keys[-2] if len(keys) > 1 else None, g > keys[-1] + GAP_TOLERANCE
            )
            self._fill_side(g, out, keys[0], keys[1] if len(keys) > 1 else None, g < keys[0] - GAP_TOLERANCE)
        return out

    def _fill_side(
        self, g: np.ndarray, out: np.ndarray, edge: float, inner: float | None, mask: np.ndarray
    ) -> None:
        edge_weight = self.weights[edge]
        if self.beyond is BeyondTable.CLAMP or inner is None or (inner > 0) != (edge > 0):
            out[mask] = edge_weight  # too few entries on this side to know a step: extend acts as clamp
            return
        step = (edge_weight - self.weights[inner]) / (edge - inner)
        out[mask] = np.maximum(edge_weight + step * (g[mask] - edge), 0.0)


DEFAULT_GAP_TABLE = GapTable(DEFAULT_GAP_WEIGHTS)


@dataclass(frozen=True)
class Criterion:
    code: str
    name: str
    aspect: str
    target: float
    factor: Factor


@dataclass(frozen=True)
class Aspect:
    name: str
    weight: float  # normalised so the aspects sum to 1
    core_weight: float  # cf%; sf% = 1 − cf%


@dataclass(frozen=True)
class ProfileScores:
    """Arrays over candidates (rows): criteria in `criteria` order, aspects in `aspects` order."""

    gaps: np.ndarray  # (N, K)
    weights: np.ndarray  # (N, K)
    ncf: np.ndarray  # (N, A)
    nsf: np.ndarray  # (N, A)
    aspect_values: np.ndarray  # (N, A)
    total: np.ndarray  # (N,)


def score_profiles(
    criteria: Sequence[Criterion],
    aspects: Sequence[Aspect],
    values: np.ndarray,
    table: GapTable = DEFAULT_GAP_TABLE,
) -> ProfileScores:
    """Score N candidates (rows of `values`, NaN = not assessed) on K criteria.

    Raises `InvalidInput` naming the candidate row and criterion when a gap has no weight under the
    table's rule.
    """
    targets = np.array([c.target for c in criteria], dtype=float)
    gaps = np.asarray(values, dtype=float) - targets
    weights = table.lookup(gaps)
    _reject_unweighted(criteria, gaps, weights)
    ncf = np.column_stack([_group_mean(weights, criteria, a.name, Factor.CORE) for a in aspects])
    nsf = np.column_stack([_group_mean(weights, criteria, a.name, Factor.SECONDARY) for a in aspects])
    core_share = np.array([a.core_weight for a in aspects])
    aspect_values = _weighted_mean([ncf, nsf], [core_share, 1.0 - core_share])
    aspect_weights = np.array([a.weight for a in aspects])
    total = _weighted_mean([aspect_values[:, a] for a in range(len(aspects))], list(aspect_weights))
    return ProfileScores(gaps, weights, ncf, nsf, aspect_values, total)


def _reject_unweighted(criteria: Sequence[Criterion], gaps: np.ndarray, weights: np.ndarray) -> None:
    rows, cols = np.nonzero(~np.isnan(gaps) & np.isnan(weights))
    if len(rows):
        raise InvalidInput(
            [
                FieldProblem(
                    f"candidates[{i}].values.{criteria[k].code}",
                    f"gap {gaps[i, k]:g} pada kriteria {criteria[k].code} ({criteria[k].name}) "
                    "tidak memiliki bobot dalam tabel bobot gap",
                )
                for i, k in zip(rows.tolist(), cols.tolist(), strict=True)
            ]
        )


def _group_mean(
    weights: np.ndarray, criteria: Sequence[Criterion], aspect: str, factor: Factor
) -> np.ndarray:
    mask = np.array([c.aspect == aspect and c.factor is factor for c in criteria])
    group = weights[:, mask]
    counts = (~np.isnan(group)).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, np.nansum(group, axis=1) / counts, np.nan)


def _weighted_mean(parts: list[np.ndarray], shares: list[Any]) -> np.ndarray:
    """Σ share × part over the parts that exist, divided by the shares of those parts.

    With every part present the shares already sum to 1 and this is the plain formula; a missing part (NaN)
    drops out and the others are rescaled instead of counting it as 0.
    """
    numerator = np.zeros_like(parts[0], dtype=float)
    denominator = np.zeros_like(parts[0], dtype=float)
    for part, share in zip(parts, shares, strict=True):
        known = ~np.isnan(part)
        numerator += np.where(known, part * share, 0.0)
        denominator += np.where(known, share, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(denominator > 0, numerator / denominator, np.nan)


# ---- JSON case handler ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _PmCase:
    criteria: tuple[Criterion, ...]
    aspects: tuple[Aspect, ...]
    table: GapTable
    ids: tuple[str, ...]
    values: np.ndarray


def run_case(case: Mapping[str, Any]) -> dict[str, Any]:
    warnings: list[str] = []
    parsed = _parse(case, warnings)
    scores = score_profiles(parsed.criteria, parsed.aspects, parsed.values, parsed.table)
    items = [_scored(parsed, scores, i, warnings) for i in range(len(parsed.ids))]
    return result("profile_matching", rank(items), warnings, gap_beyond_table=parsed.table.beyond.value)


def _scored(parsed: _PmCase, scores: ProfileScores, i: int, warnings: list[str]) -> Scored:
    codes = [c.code for c in parsed.criteria]
    names = [a.name for a in parsed.aspects]
    missing = [code for k, code in enumerate(codes) if np.isnan(scores.gaps[i, k])]
    if missing:
        warnings.append(f"candidates[{i}].values: data belum lengkap, belum dinilai: {', '.join(missing)}")
    details = {
        "gaps": {code: float(scores.gaps[i, k]) for k, code in enumerate(codes) if code not in missing},
        "weights": {code: float(scores.weights[i, k]) for k, code in enumerate(codes) if code not in missing},
        "ncf": {name: finite_or_none(scores.ncf[i, a]) for a, name in enumerate(names)},
        "nsf": {name: finite_or_none(scores.nsf[i, a]) for a, name in enumerate(names)},
        "aspects": {name: finite_or_none(scores.aspect_values[i, a]) for a, name in enumerate(names)},
        "missing": missing,
    }
    return Scored(parsed.ids[i], finite_or_none(scores.total[i]), details)


def _parse(case: Mapping[str, Any], warnings: list[str]) -> _PmCase:
    problems = Problems()
    raw_criteria = read_list(case, "criteria", problems)
    aspects = _aspects(case, problems, warnings)
    names = None if "aspects" not in case else {a.name for a in aspects}
    criteria = [_criterion(item, i, names, problems) for i, item in enumerate(raw_criteria)]
    code_paths = [f"criteria[{i}].code" for i in range(len(criteria))]
    read_ids([c.code for c in criteria], code_paths, problems, "kode")
    _check_aspects_used(aspects, criteria, names, problems)
    table = _gap_table(case, problems)
    candidates = read_list(case, "candidates", problems)
    paths = [f"candidates[{i}].id" for i in range(len(candidates))]
    ids = read_ids([field_of(c, "id") for c in candidates], paths, problems)
    codes = [c.code for c in criteria]
    rows = [_values(c, i, codes, problems) for i, c in enumerate(candidates)]
    problems.raise_if_any()
    return _PmCase(tuple(criteria), aspects, table, tuple(ids), np.array(rows, dtype=float))


def _criterion(item: Any, i: int, aspect_names: set[str] | None, problems: Problems) -> Criterion:
    """`aspect_names` is None when the case has no `aspects`: every criterion is then in the one aspect."""
    path = f"criteria[{i}]"
    item = read_mapping(item, path, problems)
    code = item.get("code")
    target = read_number(item.get("target"), f"{path}.target", problems, low=TARGET_MIN, high=TARGET_MAX)
    factor = item.get("factor")
    if factor not in {f.value for f in Factor}:
        problems.add(f"{path}.factor", "harus salah satu dari: core, secondary")
    aspect = SINGLE_ASPECT if aspect_names is None else str(item.get("aspect"))
    if aspect_names is not None and aspect not in aspect_names:
        problems.add(f"{path}.aspect", f"aspek tidak dikenal: {item.get('aspect')}")
    return Criterion(
        code=code if isinstance(code, str) else "",
        name=str(item.get("name") or code),
        aspect=aspect,
        target=TARGET_MIN if target is None else target,
        factor=Factor(factor) if factor in {f.value for f in Factor} else Factor.CORE,
    )


def _aspects(case: Mapping[str, Any], problems: Problems, warnings: list[str]) -> tuple[Aspect, ...]:
    if "aspects" not in case:
        core = read_number(
            case.get("core_weight", DEFAULT_CORE_WEIGHT), "core_weight", problems, low=0, high=1
        )
        return (Aspect(SINGLE_ASPECT, 1.0, DEFAULT_CORE_WEIGHT if core is None else core),)
    items = [
        read_mapping(a, f"aspects[{j}]", problems) for j, a in enumerate(read_list(case, "aspects", problems))
    ]
    names = read_ids(
        [a.get("name") for a in items], [f"aspects[{j}].name" for j in range(len(items))], problems, "nama"
    )
    weights = [
        read_number(a.get("weight"), f"aspects[{j}].weight", problems, low=0) for j, a in enumerate(items)
    ]
    cores = [
        read_number(
            a.get("core_weight", DEFAULT_CORE_WEIGHT), f"aspects[{j}].core_weight", problems, low=0, high=1
        )
        for j, a in enumerate(items)
    ]
    vector = np.array([0.0 if w is None else w for w in weights])
    if items and None not in weights and float(vector.sum()) <= 0:
        problems.add("aspects", "jumlah bobot aspek harus lebih dari 0")
    elif items and None not in weights:
        vector = normalise_weights(vector, "aspects", warnings)
    return tuple(
        Aspect(n, float(w), DEFAULT_CORE_WEIGHT if c is None else c)
        for n, w, c in zip(names, vector, cores, strict=True)
    )


def _check_aspects_used(
    aspects: Sequence[Aspect],
    criteria: Sequence[Criterion],
    aspect_names: set[str] | None,
    problems: Problems,
) -> None:
    if aspect_names is None or not criteria:
        return
    used = {c.aspect for c in criteria}
    for j, aspect in enumerate(aspects):
        if aspect.name not in used:
            problems.add(f"aspects[{j}]", f"aspek {aspect.name} tidak memiliki kriteria")


def _gap_table(case: Mapping[str, Any], problems: Problems) -> GapTable:
    beyond = BeyondTable(
        read_choice(case, "gap_beyond_table", [b.value for b in BeyondTable], "reject", problems)
    )
    if "gap_weights" not in case:
        return GapTable(DEFAULT_GAP_WEIGHTS, beyond)
    raw = read_mapping(case.get("gap_weights"), "gap_weights", problems)
    table: dict[float, float] = {}
    for key, value in raw.items():
        gap = _gap_key(key)
        weight = read_number(value, f"gap_weights.{key}", problems, low=0)
        if gap is None:
            problems.add(f"gap_weights.{key}", 'kunci harus berupa angka gap, mis. "-1"')
        elif weight is not None:
            table[gap] = weight
    if isinstance(case.get("gap_weights"), Mapping) and not raw:
        problems.add("gap_weights", "harus berisi minimal satu gap")
    return GapTable(table or DEFAULT_GAP_WEIGHTS, beyond)


def _gap_key(key: str) -> float | None:
    try:
        gap = float(key)
    except ValueError:
        return None
    return gap if np.isfinite(gap) else None


def _values(candidate: Any, i: int, codes: Sequence[str], problems: Problems) -> list[float]:
    path = f"candidates[{i}]"
    if not isinstance(candidate, Mapping):
        problems.add(path, "harus berupa objek JSON")
        return [np.nan] * len(codes)
    values = read_mapping(candidate.get("values"), f"{path}.values", problems)
    for code in values:
        if codes and code not in codes:  # with no valid criteria, that one error says it all
            problems.add(f"{path}.values.{code}", "kriteria tidak dikenal")
    return [_value(values.get(code), f"{path}.values.{code}", problems) for code in codes]


def _value(value: Any, path: str, problems: Problems) -> float:
    if value is None:
        return np.nan  # not assessed: scored on what exists, listed in details.missing
    number = read_number(value, path, problems)
    return np.nan if number is None else number
