"""The SKP panel: employees × consecutive calendar years of a numeric SKP value, missing years allowed.

Numeric value of a year = the recorded SKP score when there is one, otherwise the predikat mapped to the midpoint
of its band in the numeric SKP scale of PP 46/2011 (Sangat Baik 91–100, Baik 76–90, Cukup 61–75, Kurang 51–60,
Buruk ≤ 50). PermenPANRB 6/2022 rates only the predikat; the old bands are the scale people still read, and the
midpoints keep one predikat step worth 12–15 points. Butuh Perbaikan takes the old "Cukup" band. Missing = NaN
inside the engine only; nothing NaN leaves it (results use None).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tepat.engine.reference import Predikat

PREDIKAT_SCORE: dict[str, float] = {
    Predikat.SANGAT_BAIK: 95.0,
    Predikat.BAIK: 83.0,
    Predikat.BUTUH_PERBAIKAN: 68.0,
    Predikat.KURANG: 55.0,
    Predikat.SANGAT_KURANG: 45.0,
}
BAIK_FLOOR = 76.0  # the lowest value that still reads as Baik (old band 76–90)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def skp_value(predikat: str | None, score: float | None) -> float:
    """The numeric SKP of one year: the score when recorded, else the predikat's band midpoint, else NaN."""
    if score is not None and np.isfinite(score):
        return float(score)
    if predikat is None:
        return float("nan")
    return PREDIKAT_SCORE.get(predikat, float("nan"))


def predikat_label(value: float) -> str:
    """The predikat a numeric SKP reads as (inverse of the bands above)."""
    if value >= 91:
        return Predikat.SANGAT_BAIK.value
    if value >= BAIK_FLOOR:
        return Predikat.BAIK.value
    if value >= 61:
        return Predikat.BUTUH_PERBAIKAN.value
    if value >= 51:
        return Predikat.KURANG.value
    return Predikat.SANGAT_KURANG.value


@dataclass(frozen=True)
class Panel:
    """`scores[i, j]` is employee i's SKP in `first_year + j` (NaN = not recorded); `moved[i, j]` is true when
    employee i changed unit with a TMT in that year (any such employee is no comparison for windows covering it)."""

    first_year: int
    scores: FloatArray
    moved: BoolArray

    def __post_init__(self) -> None:
        if self.scores.ndim != 2 or self.scores.shape != self.moved.shape:
            raise ValueError("scores and moved must be 2-D arrays of the same shape")

    @property
    def years(self) -> int:
        return int(self.scores.shape[1])

    def column(self, year: int) -> int:
        return year - self.first_year


def build_panel(
    n: int,
    first_year: int,
    last_year: int,
    skp: Sequence[tuple[int, int, float]],
    moves: Sequence[tuple[int, int]] = (),
) -> Panel:
    """A panel from (row, year, value) and (row, move year) triples; years outside the range are ignored."""
    width = last_year - first_year + 1
    if width < 1:
        raise ValueError("last_year must not be before first_year")
    scores = np.full((n, width), np.nan)
    moved = np.zeros((n, width), dtype=bool)
    if skp:
        rows, years, values = (np.asarray(part) for part in zip(*skp, strict=True))
        keep = (years >= first_year) & (years <= last_year)
        scores[rows[keep].astype(np.int64), years[keep].astype(np.int64) - first_year] = values[keep]
    if moves:
        mrows, myears = (np.asarray(part, dtype=np.int64) for part in zip(*moves, strict=True))
        keep = (myears >= first_year) & (myears <= last_year)
        moved[mrows[keep], myears[keep] - first_year] = True
    return Panel(first_year=first_year, scores=scores, moved=moved)


def window_mean(scores: FloatArray, start: int, stop: int) -> tuple[FloatArray, IntArray]:
    """Mean over columns [start, stop) clipped to the panel, ignoring NaN; and how many years it used."""
    lo, hi = max(start, 0), min(stop, scores.shape[1])
    if hi <= lo:
        return np.full(scores.shape[0], np.nan), np.zeros(scores.shape[0], dtype=np.int64)
    block = scores[:, lo:hi]
    present = ~np.isnan(block)
    counts = present.sum(axis=1)
    sums = np.where(present, block, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return means, counts.astype(np.int64)


def window_trend(scores: FloatArray, start: int, stop: int) -> FloatArray:
    """Last minus first recorded value inside [start, stop), per year between them; 0 with fewer than two."""
    lo, hi = max(start, 0), min(stop, scores.shape[1])
    n = scores.shape[0]
    if hi - lo < 2:
        return np.zeros(n)
    block = scores[:, lo:hi]
    present = ~np.isnan(block)
    cols = np.arange(hi - lo)
    first = np.where(present, cols, hi).min(axis=1)
    last = np.where(present, cols, -1).max(axis=1)
    ok = last > first
    idx = np.arange(n)
    first_c, last_c = np.clip(first, 0, hi - lo - 1), np.clip(last, 0, hi - lo - 1)
    slope = (block[idx, last_c] - block[idx, first_c]) / np.maximum(last_c - first_c, 1)
    return np.where(ok, slope, 0.0)


def moved_within(moved: BoolArray, start: int, stop: int) -> BoolArray:
    lo, hi = max(start, 0), min(stop, moved.shape[1])
    if hi <= lo:
        return np.zeros(moved.shape[0], dtype=bool)
    return np.asarray(moved[:, lo:hi].any(axis=1))
