"""Peta Resistensi: where resistance to the moves grows, per unit, in the viewer's scope (engine index)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tepat.core.scoping import today
from tepat.engine.communication import LEVEL_LABELS, QUESTIONS
from tepat.transfers import selectors_feedback as selectors


def resistance_view(request: HttpRequest) -> HttpResponse:
    on = today()
    results, units, rules = selectors.resistance_map(viewer=request.user, on=on)
    rows: list[dict[str, Any]] = [
        {"r": r, "unit": units[int(r.unit_id)], "level": LEVEL_LABELS[r.level]} for r in results
    ]
    context = {
        "rows": rows,
        "flagged": [row for row in rows if row["r"].flagged],
        "rules": rules,
        "questions": QUESTIONS,
        "on": on,
    }
    return render(request, "transfers/resistance.html", context)
