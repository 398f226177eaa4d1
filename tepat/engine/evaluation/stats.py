"""Interval for a mean of per-mover effects.

Default: percentile bootstrap over movers (fixed seed, so the same inputs give the same interval). Per-mover
effects are lumpy — predikat steps of 12–15 points, most movers at 0 — so a normal/t shape is a poor guess for
moderate groups, and the bootstrap needs no such shape. With fewer than SMALL_N movers the percentile bootstrap is
known to be too narrow, so the t-interval is used instead (and reported as such). Limitation, stated on the page:
movers are resampled as if independent although matched stayers may be shared (with replacement), which can make
the interval slightly narrow.
"""

from __future__ import annotations

import math

import numpy as np

from tepat.engine.evaluation.panel import FloatArray

SMALL_N = 10


def mean_interval(
    effects: FloatArray, *, method: str, confidence: float, samples: int, seed: int
) -> tuple[float | None, float | None, str]:
    """(low, high, method used); (None, None, ...) when fewer than two effects."""
    n = len(effects)
    if n < 2:
        return None, None, "tidak ada"
    if method == "t" or n < SMALL_N:
        low, high = t_interval(effects, confidence)
        return low, high, "t"
    rng = np.random.default_rng(seed)
    means = effects[rng.integers(0, n, size=(samples, n))].mean(axis=1)
    alpha = 1.0 - confidence
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return float(low), float(high), "bootstrap"


def t_interval(effects: FloatArray, confidence: float) -> tuple[float, float]:
    from scipy.stats import t  # imported here: only small groups and method "t" need it

    n = len(effects)
    mean = float(effects.mean())
    sd = float(effects.std(ddof=1))
    half = float(t.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n)
    return mean - half, mean + half
