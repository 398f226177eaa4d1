"""Figures of one benchmark: samples, summary statistics, the reference it is compared with, its target."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Target:
    """`statistic` of the samples must stay under `limit` seconds (and, if set, `max_ratio` × reference and
    a peak memory of `max_mb`)."""

    label: str
    limit: float
    statistic: str = "p95"  # "p95" or "median"
    max_ratio: float | None = None
    max_mb: float | None = None


@dataclass
class Result:
    family: str
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    peak_mb: float | None = None
    reference: str = ""  # name of the reference result in the same run
    reference_median: float | None = None
    target: Target | None = None
    queries: str = ""
    note: str = ""
    skipped: str = ""  # reason; a skipped result has no samples

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def ratio(self) -> float | None:
        if not self.samples or not self.reference_median:
            return None
        return self.median / self.reference_median

    def status(self) -> str:
        if self.skipped:
            return "error" if self.skipped.startswith("error") else "skipped"
        if self.target is None:
            return ""
        value = self.p95 if self.target.statistic == "p95" else self.median
        ok = value < self.target.limit
        if self.target.max_ratio is not None and self.ratio is not None:
            ok = ok and self.ratio <= self.target.max_ratio
        if self.target.max_mb is not None and self.peak_mb is not None:
            ok = ok and self.peak_mb <= self.target.max_mb
        return "met" if ok else "MISSED"


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least q% of the samples at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.2f} s"


def unavailable(family: str, name: str, reason: str, target: Target | None = None) -> Result:
    """A benchmark whose feature is not in this checkout yet."""
    return Result(family, name, target=target, skipped=f"not yet available: {reason}")


def failed(family: str, name: str, error: BaseException, target: Target | None = None) -> Result:
    return Result(family, name, target=target, skipped=f"error: {type(error).__name__}: {error}")
