"""Difference-in-differences of SKP: each mover's change (after − before TMT) minus the same change of their
matched stayers over the same calendar years; the round effect is the mean over matched movers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tepat.engine.evaluation.matching import (
    EMPTY_STRATUM,
    NO_MATCH,
    OUTSIDE_CALIPER,
    match_nearest,
    strata_codes,
)
from tepat.engine.evaluation.panel import FloatArray, IntArray, Panel, moved_within, window_mean, window_trend
from tepat.engine.evaluation.params import Mover, Params

NO_DATA = 3
REASONS = {
    NO_DATA: "data SKP sebelum atau sesudah pindah tidak cukup",
    EMPTY_STRATUM: (
        "tidak ada pegawai yang tidak pindah dengan golongan, jenis jabatan, usia, jenis unit dan jumlah tahun "
        "SKP sebelum pindah yang sama"
    ),
    OUTSIDE_CALIPER: "tidak ada pegawai yang tidak pindah dengan SKP sebelum pindah yang mirip",
}


@dataclass
class Matched:
    """Per-mover arrays for all movers (same order as the input), filled window group by window group."""

    pre: FloatArray
    post: FloatArray
    comparison_change: FloatArray  # NaN where unmatched
    reason: IntArray  # 0 = matched
    matches: IntArray  # movers × k stayer rows, NO_MATCH pads
    post_first: IntArray  # first "after" year
    relaxed: IntArray  # how many strata fields were dropped to find a comparison (0 = all matched exactly)


def strata_levels(params: Params) -> list[tuple[str, ...]]:
    """The exact-match fields, then the same without each `relax_order` field in turn (coarser strata)."""
    names = list(params.exact_on)
    levels = [tuple(names)]
    for dropped in params.relax_order:
        if dropped in names:
            names.remove(dropped)
            levels.append(tuple(names))
    return levels


def compare(
    panel: Panel, covariates: Mapping[str, IntArray], movers: Sequence[Mover], params: Params
) -> Matched:
    n, m = panel.scores.shape[0], len(movers)
    rows = np.asarray([mv.row for mv in movers], dtype=np.int64)
    tmt_years = np.asarray([mv.tmt.year for mv in movers], dtype=np.int64)
    post_first = np.asarray([mv.first_post_year(params) for mv in movers], dtype=np.int64)
    out = Matched(
        pre=np.full(m, np.nan),
        post=np.full(m, np.nan),
        comparison_change=np.full(m, np.nan),
        reason=np.full(m, NO_DATA, dtype=np.int64),
        matches=np.full((m, params.k), NO_MATCH, dtype=np.int64),
        post_first=post_first,
        relaxed=np.zeros(m, dtype=np.int64),
    )
    levels = [strata_codes(covariates, names, n) for names in strata_levels(params)]
    is_mover = np.zeros(n, dtype=bool)
    is_mover[rows] = True
    windows = (
        np.unique(np.stack([tmt_years, post_first], axis=1), axis=0) if m else np.empty((0, 2), np.int64)
    )
    for tmt_year, first in windows:
        group = np.flatnonzero((tmt_years == tmt_year) & (post_first == first))
        pre_lo, pre_hi = panel.column(int(tmt_year) - params.pre_years), panel.column(int(tmt_year))
        post_lo = panel.column(int(first))
        post_hi = post_lo + params.post_years
        pre, pre_n = window_mean(panel.scores, pre_lo, pre_hi)
        post, post_n = window_mean(panel.scores, post_lo, post_hi)
        trend = window_trend(panel.scores, pre_lo, pre_hi)
        enough = (pre_n >= params.min_pre_years) & (post_n >= params.min_post_years)
        stayers = enough & ~is_mover & ~moved_within(panel.moved, pre_lo, post_hi)
        group_rows = rows[group]
        out.pre[group] = pre[group_rows]
        out.post[group] = post[group_rows]
        assessable = group[enough[group_rows]]
        if not len(assessable):
            continue
        pending = assessable
        for level, strata in enumerate(levels):  # coarser strata only for movers with an empty stratum
            matches, reasons = match_nearest(
                mover_rows=rows[pending],
                candidates=stayers,
                # also exactly on how many years "before" are recorded: a one-year mean is noisier than a
                # two-year one, and matching them would mix in regression to the mean
                strata=strata * (params.pre_years + 1) + np.minimum(pre_n, params.pre_years),
                pre=pre,
                trend=trend,
                k=params.k,
                caliper=params.caliper,
                trend_weight=params.trend_weight,
                seed=params.seed,
            )
            out.matches[pending], out.reason[pending], out.relaxed[pending] = matches, reasons, level
            pending = pending[reasons == EMPTY_STRATUM]
            if not len(pending):
                break
        matches = out.matches[assessable]
        change = post - pre
        found = matches != NO_MATCH
        picked = np.where(found, change[np.where(found, matches, 0)], 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_change = picked.sum(axis=1) / found.sum(axis=1)
        out.comparison_change[assessable] = np.where(found.any(axis=1), mean_change, np.nan)
    return out


def event_series(
    panel: Panel, movers: Sequence[Mover], matched: Matched, params: Params
) -> tuple[FloatArray, FloatArray]:
    """Per mover, SKP by year relative to the TMT year (columns event_years[0]..[1]) for the mover and for the
    mean of their comparison stayers; NaN where not recorded or the mover is unmatched."""
    rels = np.arange(params.event_years[0], params.event_years[1] + 1)
    m = len(movers)
    rows = np.asarray([mv.row for mv in movers], dtype=np.int64)
    base = np.asarray([panel.column(mv.tmt.year) for mv in movers], dtype=np.int64)
    cols = base[:, None] + rels[None, :]  # m × R
    inside = (cols >= 0) & (cols < panel.years) & (matched.reason == 0)[:, None]
    safe = np.clip(cols, 0, panel.years - 1)
    own = np.where(inside, panel.scores[rows[:, None], safe] if m else np.empty((0, len(rels))), np.nan)
    found = matched.matches != NO_MATCH  # m × k
    stayer = np.where(found, matched.matches, 0)
    ctrl = panel.scores[stayer[:, :, None], safe[:, None, :]] if m else np.empty((0, params.k, len(rels)))
    ctrl = np.where(found[:, :, None] & inside[:, None, :], ctrl, np.nan)
    ctrl_n = (~np.isnan(ctrl)).sum(axis=1)
    ctrl_sum = np.where(np.isnan(ctrl), 0.0, ctrl).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        comparison = np.where(ctrl_n > 0, ctrl_sum / np.maximum(ctrl_n, 1), np.nan)
    return own, comparison
