"""Vectorised first pass over many candidates × many targets for the cheap hard rules: R1 (tenure),
R4.pangkat (rank range) and R4.pendidikan (education level). Same thresholds, same rule data and the same
comparisons as the scalar rules (tests hold them to agreement); run `evaluate` on the survivors for the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.reference import EDUCATION_ORDER
from tepat.engine.rules.base import check
from tepat.engine.rules.dates import whole_months_between_array
from tepat.engine.rules.model import Severity
from tepat.engine.rules.parameters import DEFAULT_RULE_BOOK, RuleBook

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class ScreeningInput:
    """Candidates (E) and targets (P). 0 means "not recorded" (candidates) or "no limit" (targets)."""

    post_start: npt.NDArray[np.datetime64]  # (E,) TMT of the current post, NaT = not recorded
    rank_code: IntArray  # (E,) RANKS code
    education_order: IntArray  # (E,) EDUCATION_ORDER of the highest degree, see `education_orders`
    rank_min: IntArray  # (P,)
    rank_max: IntArray  # (P,)
    min_education_order: IntArray  # (P,)


@dataclass(frozen=True, eq=False)
class Screening:
    months_in_post: npt.NDArray[np.float64]  # (E,) NaN = TMT not recorded
    tenure_ok: BoolArray  # (E,) R1 passes
    rotation_due: BoolArray  # (E,) R2 advisory: over the maximum
    rank_ok: BoolArray  # (E, P) R4.pangkat passes (or does not apply)
    education_ok: BoolArray  # (E, P) R4.pendidikan passes (or does not apply)
    tenure_missing: BoolArray  # (E,)
    rank_missing: BoolArray  # (E, P) the target has a range but the candidate's rank is unknown
    education_missing: BoolArray  # (E, P)
    versions: tuple[str, ...]

    @property
    def fails(self) -> BoolArray:
        """(E, P): at least one screened hard rule definitely fails. Missing data is not a failure."""
        tenure_fail = ~(self.tenure_ok | self.tenure_missing)
        return (
            tenure_fail[:, None]
            | ~(self.rank_ok | self.rank_missing)
            | ~(self.education_ok | self.education_missing)
        )

    @property
    def incomplete(self) -> BoolArray:
        return self.tenure_missing[:, None] | self.rank_missing | self.education_missing


def education_orders(levels: Sequence[str | None]) -> IntArray:
    """EDUCATION_ORDER per level string (D4 == S1); unknown or None → 0 (not recorded)."""
    return np.array([EDUCATION_ORDER.get(level or "", 0) for level in levels], dtype=np.int64)


def screen(data: ScreeningInput, on: date, params: RuleBook = DEFAULT_RULE_BOOK) -> Screening:
    _validate(data)
    r1 = check(params, on, "R1", "min_months_in_post", Severity.HARD)
    r2 = check(params, on, "R2", "max_months_in_post", Severity.ADVISORY)
    rank_row = params.resolve("R4.pangkat", "check_rank_range", on)
    edu_row = params.resolve("R4.pendidikan", "check_education_level", on)
    months = whole_months_between_array(data.post_start, on)
    known = ~np.isnan(months)
    with np.errstate(invalid="ignore"):
        tenure_ok = known & (months >= int(r1.number()))
        rotation_due = known & (months > int(r2.number()))
    rank_ok, rank_missing = _range_check(data, enabled=rank_row.value is not False)
    edu_ok, edu_missing = _level_check(data, enabled=edu_row.value is not False)
    versions = (r1.row.version, r2.row.version, rank_row.version, edu_row.version)
    return Screening(
        months, tenure_ok, rotation_due, rank_ok, edu_ok, ~known, rank_missing, edu_missing, versions
    )


def _range_check(data: ScreeningInput, *, enabled: bool) -> tuple[BoolArray, BoolArray]:
    shape = (data.rank_code.size, data.rank_min.size)
    if not enabled:
        return np.ones(shape, dtype=bool), np.zeros(shape, dtype=bool)
    rank = data.rank_code[:, None]
    low, high = data.rank_min[None, :], data.rank_max[None, :]
    has_range = (low > 0) | (high > 0)
    inside = ((low == 0) | (rank >= low)) & ((high == 0) | (rank <= high))
    missing = has_range & (rank == 0)
    return ~has_range | (inside & ~missing), missing


def _level_check(data: ScreeningInput, *, enabled: bool) -> tuple[BoolArray, BoolArray]:
    shape = (data.education_order.size, data.min_education_order.size)
    if not enabled:
        return np.ones(shape, dtype=bool), np.zeros(shape, dtype=bool)
    level = data.education_order[:, None]
    required = data.min_education_order[None, :]
    missing = (required > 0) & (level == 0)
    return (required == 0) | ((level >= required) & ~missing), missing


def _validate(data: ScreeningInput) -> None:
    problems = []
    employees = data.post_start.shape
    for name in ("rank_code", "education_order"):
        if getattr(data, name).shape != employees:
            problems.append(FieldProblem(name, f"harus berukuran {employees} seperti post_start"))
    positions = data.rank_min.shape
    for name in ("rank_max", "min_education_order"):
        if getattr(data, name).shape != positions:
            problems.append(FieldProblem(name, f"harus berukuran {positions} seperti rank_min"))
    if problems:
        raise InvalidInput(problems)
