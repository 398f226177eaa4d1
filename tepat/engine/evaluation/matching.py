"""Comparison groups: exact match on coarse strata, then the k nearest stayers on pre-move SKP level and trend.

Matching is with replacement (one stayer may compare with several movers: stayers are many, movers few).
SKP values are discrete, so exact ties in distance are the rule; they are broken by a seeded pseudo-random order
per (mover, stayer) pair (`tie_order`), not by panel row: by row, the same few stayers would serve every mover of
a stratum and their own luck would move the whole round. Same seed, same matches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from tepat.engine.evaluation.panel import BoolArray, FloatArray, IntArray

AGE_EDGES = (30, 40, 50)  # bands: < 30, 30–39, 40–49, ≥ 50
NO_MATCH = -1
TIE_SCALE = 1e-6  # far below the 0.01 resolution of SKP distances: only reorders exact ties
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


def tie_order(movers: IntArray, stayers: IntArray, seed: int) -> FloatArray:
    """A pseudo-random number in [0, 1) per (mover row, stayer row) pair: a splitmix64-style hash of both rows and
    the seed, so the order depends on nothing else (not on chunking or on which other movers are evaluated)."""
    with np.errstate(over="ignore"):
        h = (movers.astype(np.uint64)[:, None] * np.uint64(0x9E3779B97F4A7C15)) ^ (
            stayers.astype(np.uint64)[None, :] * np.uint64(0xBF58476D1CE4E5B9)
        )
        h ^= np.uint64(seed & 0xFFFFFFFF)
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(29)
    return np.asarray((h >> np.uint64(11)).astype(np.float64) / float(2**53), dtype=np.float64)


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
    seed: int | None = None,
) -> tuple[IntArray, IntArray]:
    """For each mover: up to k stayer rows (NO_MATCH pads) and the reason code (MATCHED when ≥ 1 found).

    Distance = |pre-move mean difference| + trend_weight × |pre-move trend difference|; a stayer farther than
    `caliper` points is no comparison. With `seed`, stayers at equal distance are taken in `tie_order`."""
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
            order = distance if seed is None else distance + TIE_SCALE * tie_order(rows, stayers, seed)
            nearest = _k_smallest(order, k)
            near_d = np.take_along_axis(distance, nearest, axis=1)
            chosen = np.where(near_d <= caliper, stayers[nearest], NO_MATCH)
            matches[block, : chosen.shape[1]] = chosen
            reasons[block] = np.where((chosen != NO_MATCH).any(axis=1), MATCHED, OUTSIDE_CALIPER)
    return matches, reasons


def _k_smallest(order: FloatArray, k: int) -> IntArray:
    """Column indices of the k smallest values per row, smallest first (partition, then sort only those k)."""
    if k >= order.shape[1]:
        return np.asarray(np.argsort(order, axis=1, kind="stable"), dtype=np.int64)
    part = np.argpartition(order, k - 1, axis=1)[:, :k]
    inner = np.argsort(np.take_along_axis(order, part, axis=1), axis=1, kind="stable")
    return np.asarray(np.take_along_axis(part, inner, axis=1), dtype=np.int64)
