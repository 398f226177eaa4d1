"""The whole evaluation of a round as one JSON-ready dict: headline, groups, chart, per-mover rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from tepat.engine.evaluation.aggregate import event_study, groups, summarize
from tepat.engine.evaluation.classify import CLASS_LABELS, classify, early_warnings
from tepat.engine.evaluation.did import REASONS, Matched, compare, event_series, strata_levels
from tepat.engine.evaluation.matching import NO_MATCH
from tepat.engine.evaluation.panel import FloatArray, IntArray, Panel
from tepat.engine.evaluation.params import Mover, Params
from tepat.engine.evaluation.text import mover_sentence

ENGINE_VERSION = "evaluation-1.0"


def evaluate(
    panel: Panel,
    covariates: Mapping[str, IntArray],
    movers: Sequence[Mover],
    params: Params | None = None,
    *,
    refs: Sequence[Any] | None = None,
) -> dict[str, Any]:
    """`refs[row]` names panel row `row` in the output (e.g. an employee id); default: the row number."""
    p = params or Params()
    matched = compare(panel, covariates, movers, p)
    own, comparison = event_series(panel, movers, matched, p)
    rows = [_mover_row(panel, mv, i, matched, p, own[i], comparison[i], refs) for i, mv in enumerate(movers)]
    return {
        "engine_version": ENGINE_VERSION,
        "parameters": p.as_dict(),
        "summary": summarize(rows, p),
        "event_study": event_study(rows, p),
        "by_unit": groups(rows, "unit_key", "unit_label", p),
        "by_batch": groups(rows, "batch_key", "batch_label", p),
        "movers": rows,
    }


def _num(value: float) -> float | None:
    return None if not np.isfinite(value) else round(float(value), 2)


def _mover_row(
    panel: Panel,
    mover: Mover,
    i: int,
    matched: Matched,
    p: Params,
    own_series: FloatArray,
    comparison_series: FloatArray,
    refs: Sequence[Any] | None,
) -> dict[str, Any]:
    pre, post = _num(matched.pre[i]), _num(matched.post[i])
    comparison = _num(matched.comparison_change[i])
    reason_code = int(matched.reason[i])
    own = None if pre is None or post is None else round(post - pre, 2)
    effect = None if own is None or comparison is None else round(own - comparison, 2)
    warnings = early_warnings(
        post_years=_post_years(panel, mover.row, int(matched.post_first[i]), p),
        own_change=own,
        review_score=mover.review_score,
        params=p,
    )
    verdict = classify(effect, warnings, p)
    reason = "" if reason_code == 0 else REASONS[reason_code]
    stayers = [int(s) for s in matched.matches[i] if s != NO_MATCH]
    return {
        "key": mover.key,
        "tmt": mover.tmt.isoformat(),
        "unit_key": mover.unit_key,
        "unit_label": mover.unit_label,
        "batch_key": mover.batch_key,
        "batch_label": mover.batch_label,
        "pre": pre,
        "post": post,
        "own_change": own,
        "comparison_change": comparison,
        "effect": effect,
        "comparisons": len(stayers),
        "comparison_refs": [refs[s] if refs is not None else s for s in stayers],
        "matched": reason_code == 0,
        "relaxed": _dropped(p, int(matched.relaxed[i])) if reason_code == 0 else [],
        "reason": reason,
        "class": verdict,
        "class_label": CLASS_LABELS[verdict],
        "warnings": [w.as_dict() for w in warnings],
        "sentence": mover_sentence(
            pre=pre, post=post, comparison_change=comparison, effect=effect, reason=reason
        ),
        "series_own": [_num(v) for v in own_series],
        "series_comparison": [_num(v) for v in comparison_series],
        **mover.extra,
    }


def _dropped(p: Params, level: int) -> list[str]:
    """The strata fields left out to find this mover's comparison (none at level 0)."""
    levels = strata_levels(p)
    return [name for name in levels[0] if name not in levels[level]]


def _post_years(panel: Panel, row: int, first: int, p: Params) -> list[tuple[int, float]]:
    years = []
    for year in range(first, first + p.post_years):
        col = panel.column(year)
        if 0 <= col < panel.years and np.isfinite(panel.scores[row, col]):
            years.append((year, float(panel.scores[row, col])))
    return years
