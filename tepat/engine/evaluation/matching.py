"""Comparison groups: exact match on coarse strata, then the k nearest stayers on pre-move SKP level and trend.

Matching is with replacement (one stayer may compare with several movers: stayers are many, movers few) and
deterministic: ties in distance go to the lower panel row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from tepat.engine.evaluation.panel import BoolArray, FloatArray, IntArray

AGE_EDGES = (30, 40, 50)  # bands: < 30, 30–39, 40–49, ≥ 50
NO_MATCH = -1
CHUNK = 256  # movers per distance block: bounds memory at CHUNK × stayers-in-stratum floats

# why a mover got no comparison group
MATCHED, EMPTY_STRATUM, OUTSIDE_CALIPER = 0, 1, 2


def golongan_group(rank_codes: IntArray) -> IntArray:
    """I–IV from the two-digit rank code (31 = III/a → 3); 0 for PPPK / unknown."""
    return np.asarray(rank_codes, dtype=np.int64) // 10


def age_band(birth_years: IntArray, year: int) -> IntArray:
    """0..3 for the AGE_EDGES bands at `year`; -1 when the birth year is unknown (0)."""
    births = np.asarray(birth_years, dtype=np.int64)
    bands = np.searchsorted(np.asarray(AGE_EDGES), year - births, side="right").astype(np.int64)
    return np.where(births > 0, bands, -1)


def code_labels(labels: Sequence[str]) -> IntArray:
    """Integer codes for category labels (equal labels, equal codes)."""
    _, codes = np.unique(np.asarray(labels, dtype=object).astype(str), return_inverse=True)
    return codes.astype(np.int64)


def strata_codes(columns: Mapping[str, IntArray], names: Sequence[str], n: int) -> IntArray:
    """One integer per employee identifying the combination of the named coarse covariates."""
    if not names:
        return np.zeros(n, dtype=np.int64)
    stacked = np.stack([np.asarray(columns[name], dtype=np.int64) for name in names], axis=1)
    _, codes = np.unique(stacked, axis=0, return_inverse=True)
    return np.asarray(codes, dtype=np.int64).reshape(-1)


def match_nearest(
    *,
    mover_rows: IntArray,
    candidates: BoolArray,
    strata: IntArray,
    pre: FloatArray,
    trend: FloatArray,
    k: int,
    caliper: float,
    trend_weight: float,
) -> tuple[IntArray, IntArray]:
    """For each mover: up to k stayer rows (NO_MATCH pads) and the reason code (MATCHED when ≥ 1 found).

    Distance = |pre-move mean difference| + trend_weight × |pre-move trend difference|; a stayer farther than
    `caliper` points is no comparison."""
    matches = np.full((len(mover_rows), k), NO_MATCH, dtype=np.int64)
    reasons = np.full(len(mover_rows), EMPTY_STRATUM, dtype=np.int64)
    pool = np.flatnonzero(candidates)
    pool = pool[np.argsort(strata[pool], kind="stable")]
    pool_strata = strata[pool]
    mover_strata = strata[mover_rows]
    for stratum in np.unique(mover_strata):
        lo, hi = np.searchsorted(pool_strata, [stratum, stratum + 1])
        if hi == lo:
            continue
        stayers = pool[lo:hi]
        which = np.flatnonzero(mover_strata == stratum)
        for start in range(0, len(which), CHUNK):
            block = which[start : start + CHUNK]
            rows = mover_rows[block]
            distance = np.abs(pre[stayers][None, :] - pre[rows][:, None]) + trend_weight * np.abs(
                trend[stayers][None, :] - trend[rows][:, None]
            )
            nearest = np.argsort(distance, axis=1, kind="stable")[:, :k]
            near_d = np.take_along_axis(distance, nearest, axis=1)
            chosen = np.where(near_d <= caliper, stayers[nearest], NO_MATCH)
            matches[block, : chosen.shape[1]] = chosen
            reasons[block] = np.where((chosen != NO_MATCH).any(axis=1), MATCHED, OUTSIDE_CALIPER)
    return matches, reasons
