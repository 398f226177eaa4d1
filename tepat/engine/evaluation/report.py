"""The whole evaluation of a round as one JSON-ready dict: headline, groups, chart, per-mover rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from tepat.engine.evaluation.classify import CLASS_LABELS, PERLU_DUKUNGAN, classify, early_warnings
from tepat.engine.evaluation.did import REASONS, Matched, compare, event_study
from tepat.engine.evaluation.matching import NO_MATCH
from tepat.engine.evaluation.panel import IntArray, Panel
from tepat.engine.evaluation.params import Mover, Params
from tepat.engine.evaluation.stats import mean_interval
from tepat.engine.evaluation.text import mover_sentence, round_sentence

ENGINE_VERSION = "evaluation-1.0"


def evaluate(
    panel: Panel, covariates: Mapping[str, IntArray], movers: Sequence[Mover], params: Params | None = None
) -> dict[str, Any]:
    p = params or Params()
    matched = compare(panel, covariates, movers, p)
    rows = [_mover_row(panel, mv, i, matched, p) for i, mv in enumerate(movers)]
    return {
        "engine_version": ENGINE_VERSION,
        "parameters": p.as_dict(),
        "summary": _summary(rows, matched, p),
        "event_study": event_study(panel, movers, matched, p),
        "by_unit": _groups(rows, lambda r: (r["unit_key"], r["unit_label"]), p),
        "by_batch": _groups(rows, lambda r: (r["batch_key"], r["batch_label"]), p, skip_empty=True),
        "movers": rows,
    }


def _num(value: float) -> float | None:
    return None if not np.isfinite(value) else round(float(value), 2)


def _mover_row(panel: Panel, mover: Mover, i: int, matched: Matched, p: Params) -> dict[str, Any]:
    pre, post = _num(matched.pre[i]), _num(matched.post[i])
    comparison = _num(matched.comparison_change[i])
    reason_code = int(matched.reason[i])
    own = None if pre is None or post is None else round(post - pre, 2)
    effect = None if own is None or comparison is None else round(own - comparison, 2)
    first = int(matched.post_first[i])
    post_years = [
        (year, float(panel.scores[mover.row, panel.column(year)]))
        for year in range(first, first + p.post_years)
        if 0 <= panel.column(year) < panel.years and np.isfinite(panel.scores[mover.row, panel.column(year)])
    ]
    warnings = early_warnings(
        post_years=post_years, own_change=own, review_score=mover.review_score, params=p
    )
    verdict = classify(effect, warnings, p)
    reason = "" if reason_code == 0 else REASONS[reason_code]
    return {
        "key": mover.key,
        "row": mover.row,
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
        "comparisons": int((matched.matches[i] != NO_MATCH).sum()),
        "matched": reason_code == 0,
        "reason": reason,
        "class": verdict,
        "class_label": CLASS_LABELS[verdict],
        "warnings": [w.as_dict() for w in warnings],
        "sentence": mover_sentence(
            pre=pre, post=post, comparison_change=comparison, effect=effect, reason=reason
        ),
        **mover.extra,
    }


def _effect_block(effects: list[float], p: Params) -> dict[str, Any]:
    values = np.asarray(effects, dtype=np.float64)
    low, high, method = mean_interval(
        values, method=p.interval, confidence=p.confidence, samples=p.bootstrap_samples, seed=p.seed
    )
    return {
        "effect": round(float(values.mean()), 2) if len(values) else None,
        "ci_low": None if low is None else round(low, 2),
        "ci_high": None if high is None else round(high, 2),
        "interval_method": method,
    }


def _summary(rows: list[dict[str, Any]], matched: Matched, p: Params) -> dict[str, Any]:
    effects = [r["effect"] for r in rows if r["effect"] is not None]
    used = matched.matches[matched.reason == 0]
    comparisons = len(np.unique(used[used != NO_MATCH]))
    block = _effect_block(effects, p)
    excluded = Counter(r["reason"] for r in rows if not r["matched"])
    return {
        **block,
        "confidence": p.confidence,
        "movers_total": len(rows),
        "movers": len(effects),
        "comparisons": comparisons,
        "unmatched": len(rows) - len(effects),
        "excluded": [{"reason": reason, "count": count} for reason, count in sorted(excluded.items())],
        "classes": {code: sum(1 for r in rows if r["class"] == code) for code in CLASS_LABELS},
        "needs_support": sum(1 for r in rows if r["class"] == PERLU_DUKUNGAN),
        "sentence": round_sentence(
            block["effect"],
            block["ci_low"],
            block["ci_high"],
            movers=len(effects),
            comparisons=comparisons,
            confidence=p.confidence,
        ),
    }


def _groups(
    rows: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], tuple[str, str]],
    p: Params,
    *,
    skip_empty: bool = False,
) -> list[dict[str, Any]]:
    members: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        group = key(row)
        if skip_empty and not group[0]:
            continue
        members.setdefault(group, []).append(row)
    out = []
    for (group_key, label), group_rows in sorted(members.items(), key=lambda item: item[0][1]):
        effects = [r["effect"] for r in group_rows if r["effect"] is not None]
        block = _effect_block(effects, p)
        out.append(
            {
                "key": group_key,
                "label": label,
                **block,
                "movers_total": len(group_rows),
                "movers": len(effects),
                "needs_support": sum(1 for r in group_rows if r["class"] == PERLU_DUKUNGAN),
                "sentence": round_sentence(
                    block["effect"],
                    block["ci_low"],
                    block["ci_high"],
                    movers=len(effects),
                    comparisons=sum(r["comparisons"] for r in group_rows if r["matched"]),
                    confidence=p.confidence,
                    subject=f"Pegawai yang pindah ke {label}",
                ),
            }
        )
    return out
