"""Round figures from per-mover rows: headline, groups and chart points.

They work on the stored rows alone, so a page can re-aggregate any subset (a unit head's subtree) without the
panel: every number a subset needs (effect, comparison stayers, relative-year series) is on its rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

from tepat.engine.evaluation.classify import CLASS_LABELS, PERLU_DUKUNGAN
from tepat.engine.evaluation.params import Params
from tepat.engine.evaluation.stats import mean_interval
from tepat.engine.evaluation.text import round_sentence

Row = dict[str, Any]


def effect_block(effects: Sequence[float], p: Params) -> dict[str, Any]:
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


def _comparisons(rows: Sequence[Row]) -> int:
    return len({ref for r in rows if r["matched"] for ref in r["comparison_refs"]})


def summarize(rows: Sequence[Row], p: Params, *, subject: str = "Pegawai yang dimutasi") -> dict[str, Any]:
    """Headline of a set of movers: mean effect with its interval, group sizes, exclusions, verdict counts."""
    effects = [r["effect"] for r in rows if r["effect"] is not None]
    comparisons = _comparisons(rows)
    block = effect_block(effects, p)
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
            subject=subject,
        ),
    }


def groups(rows: Sequence[Row], key_field: str, label_field: str, p: Params) -> list[dict[str, Any]]:
    """One summary per value of `key_field` (rows with an empty key are left out), ordered by label."""
    members: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        if row.get(key_field):
            members.setdefault((str(row[key_field]), str(row.get(label_field, ""))), []).append(row)
    out = []
    for (key, label), group_rows in sorted(members.items(), key=lambda item: (item[0][1], item[0][0])):
        summary = summarize(group_rows, p, subject=f"Pegawai yang pindah ke {label}")
        out.append({"key": key, "label": label, **summary})
    return out


def event_study(rows: Sequence[Row], p: Params) -> list[dict[str, Any]]:
    """Mean SKP by year relative to TMT (0 = the TMT year), matched movers vs their comparison stayers."""
    matched = [r for r in rows if r["matched"]]
    points = []
    for index, rel in enumerate(range(p.event_years[0], p.event_years[1] + 1)):
        own = [r["series_own"][index] for r in matched if r["series_own"][index] is not None]
        ctrl = [r["series_comparison"][index] for r in matched if r["series_comparison"][index] is not None]
        points.append(
            {
                "rel": rel,
                "movers": round(sum(own) / len(own), 2) if own else None,
                "comparison": round(sum(ctrl) / len(ctrl), 2) if ctrl else None,
                "n_movers": len(own),
                "n_comparison": len(ctrl),
            }
        )
    return points
