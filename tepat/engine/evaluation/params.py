"""Parameters of a post-transfer evaluation, with their defaults and why."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from tepat.engine.evaluation.panel import BAIK_FLOOR

STRATA_FIELDS = ("golongan", "kind", "age_band", "unit_kind")


@dataclass(frozen=True)
class Params:
    pre_years: int = 2  # years before the TMT year averaged as "before"
    post_years: int = 2  # years from the first post year averaged as "after" (fewer when not yet recorded)
    min_pre_years: int = 1  # recorded years needed on each side to be assessable
    min_post_years: int = 1
    # A TMT in months 1..cutoff makes the TMT year itself the first "after" year (most of the SKP year is
    # worked in the new post); a later TMT starts "after" with the next year. The TMT year is never "before".
    tmt_cutoff_month: int = 6
    k: int = 3  # comparison stayers per mover
    caliper: float = 12.0  # max distance on pre-move SKP (about one predikat step)
    trend_weight: float = 0.5
    exact_on: tuple[str, ...] = STRATA_FIELDS
    # A mover whose stratum holds no stayer is matched again without these fields, one by one (unit kind
    # first: a kelurahan and a kecamatan office do similar work); the row says which were dropped.
    relax_order: tuple[str, ...] = ("unit_kind", "age_band")
    interval: str = "bootstrap"  # or "t"
    confidence: float = 0.95
    bootstrap_samples: int = 2000
    seed: int = 20250
    success_points: float = 5.0  # effect ≥ this: berhasil
    support_points: float = -5.0  # effect ≤ this: perlu dukungan
    decline_points: float = 10.0  # own SKP fell by ≥ this after the move: warning
    baik_floor: float = BAIK_FLOOR  # a year after the move below this reads as below Baik: warning
    review_low: float = 50.0  # first review score (0–100) below this: warning (as tepat.engine.reviews)
    event_years: tuple[int, int] = (-3, 2)  # relative years shown on the chart, inclusive

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["exact_on"] = list(self.exact_on)
        data["relax_order"] = list(self.relax_order)
        data["event_years"] = list(self.event_years)
        return data


@dataclass(frozen=True)
class Mover:
    """One evaluated move: the panel row, its TMT and the groups it is reported in."""

    row: int
    tmt: date
    key: str = ""  # caller's id (e.g. employee id), passed through
    unit_key: str = ""
    unit_label: str = ""
    batch_key: str = ""
    batch_label: str = ""
    review_score: float | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # passed through to the mover's result row

    def first_post_year(self, params: Params) -> int:
        return self.tmt.year if self.tmt.month <= params.tmt_cutoff_month else self.tmt.year + 1
