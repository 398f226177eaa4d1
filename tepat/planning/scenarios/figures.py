"""Before/after figures of a plan: total fit, JPM categories, seats filled, unit staffing, preferences honoured."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from django.db.models import Count

from tepat.engine.fit import FitScales, jpm_category
from tepat.engine.placement import PlacementPlan
from tepat.organization.models import Seat
from tepat.people.models import PreferenceReason
from tepat.planning.needs.abk import AbkLookup
from tepat.planning.scenarios.problem import IntArray, ScenarioProblem

NO_JPM = "Belum dinilai"
REASON_LABELS = dict(PreferenceReason.choices)


def _state(sp: ScenarioProblem, seat_of: IntArray) -> dict[str, Any]:
    """Figures of one assignment of the pool (today's, the plan's or the greedy one)."""
    seated = np.flatnonzero(seat_of >= 0)
    scores = [sp.seat_score(int(e), int(seat_of[e])) for e in seated]
    scales = FitScales()
    categories: Counter[str] = Counter()
    for e in seated.tolist():
        jpm = float(sp.fit.jpm[e, sp.seat_pos[seat_of[e]]])
        categories[NO_JPM if np.isnan(jpm) else jpm_category(jpm, scales)] += 1
    vacant_now = np.array([s.holder_id is None for s in sp.data.seats], dtype=bool)
    filled = np.zeros(len(sp.data.seats), dtype=bool)
    filled[seat_of[seated]] = True
    return {
        "total_fit": round(float(sum(scores)), 1),
        "mean_fit": round(float(np.mean(scores)), 1) if scores else None,
        "seated": len(seated),
        "jpm_categories": dict(categories),
        "seats_filled": int(filled.sum()),
        "vacancies_filled": int((filled & vacant_now).sum()),
        "vacancies": int(vacant_now.sum()),
        "moves": int(((seat_of >= 0) & (seat_of != sp.current_seat)).sum()),
    }


def _change(after: float, before: float) -> float | None:
    return None if not before else round(100.0 * (after - before) / before, 1)


def _unit_staffing(sp: ScenarioProblem, seat_of: IntArray) -> list[dict[str, Any]]:
    """Per unit touched by the plan: staff today, leaving, arriving, after (whole unit, not only the pool),
    against the unit's kebutuhan from the needs analysis."""
    out: Counter[int] = Counter()
    into: Counter[int] = Counter()
    for e in np.flatnonzero(seat_of != sp.current_seat).tolist():
        before, after = int(sp.current_seat[e]), int(seat_of[e])
        if before >= 0:
            out[sp.data.seats[before].unit_id] += 1
        if after >= 0:
            into[sp.data.seats[after].unit_id] += 1
    units = set(out) | set(into)
    names = {s.unit_id: s.unit_name for s in sp.data.seats}
    present = dict(
        Seat.objects.filter(position__unit_id__in=units, is_active=True, occupant__isnull=False)
        .values("position__unit_id")
        .annotate(n=Count("pk"))
        .values_list("position__unit_id", "n")
    )
    seats = dict(
        Seat.objects.filter(position__unit_id__in=units, is_active=True)
        .values("position__unit_id")
        .annotate(n=Count("pk"))
        .values_list("position__unit_id", "n")
    )
    needs = AbkLookup(on=sp.data.on).unit_needs(units)
    rows = []
    for unit in sorted(units, key=lambda u: names[u]):
        today = present.get(unit, 0)
        after = today - out[unit] + into[unit]
        rows.append({"unit": names[unit], "seats": seats.get(unit, 0), "before": today,
                     "out": out[unit], "in": into[unit], "after": after,
                     **_against_needs(needs.get(unit, (0, 0)), today, after)})  # fmt: skip
    return rows


def _against_needs(need: tuple[int, int], before: int, after: int) -> dict[str, Any]:
    """The unit's kebutuhan (ABK or hand-set formasi of its own positions) and the shortage before and after;
    None when no position of the unit has a basis (no workload, no formasi)."""
    required, without_basis = need
    if required == 0 and without_basis:
        return {"kebutuhan": None, "without_basis": without_basis, "short_before": 0, "short_after": 0}
    return {"kebutuhan": required, "without_basis": without_basis,
            "short_before": max(required - before, 0), "short_after": max(required - after, 0)}  # fmt: skip


def _preferences(sp: ScenarioProblem, seat_of: IntArray) -> dict[str, Any]:
    """How many who stated preferences got a preferred place; hardship cases not honoured, for a second look."""
    by_employee: dict[int, list[Any]] = {}
    for row in sp.data.preferences:
        by_employee.setdefault(row.employee_id, []).append(row)
    pref = sp.context.inputs.preference
    index = {m.pk: i for i, m in enumerate(sp.data.pool)}
    honoured, hardship = 0, []
    for pk, rows in by_employee.items():
        e = index[pk]
        s = int(seat_of[e])
        got = pref is not None and s >= 0 and pref[e, sp.seat_pos[s]] > 0
        honoured += bool(got)
        hard = [r for r in rows if r.reason in PreferenceReason.hardship()]
        if hard and not got:
            place = sp.data.seats[s] if s >= 0 else None
            hardship.append({
                "name": sp.data.pool[e].name,
                "nip": sp.data.pool[e].nip,
                "reasons": sorted({REASON_LABELS[r.reason] for r in hard}),
                "wanted": [r.label for r in rows],
                "placed": f"{place.position_name} – {place.unit_name}" if place else "tanpa formasi",
            })  # fmt: skip
    return {"stated": len(by_employee), "honoured": honoured, "hardship_not_honoured": hardship}


def plan_figures(*, sp: ScenarioProblem, plan: PlacementPlan) -> dict[str, Any]:
    before = _state(sp, sp.current_seat)
    after = _state(sp, plan.seat_of)
    greedy = _state(sp, plan.greedy.seat_of) if plan.greedy is not None else None
    return {
        "before": before,
        "after": after,
        "greedy": greedy,
        "fit_vs_today_pct": _change(after["total_fit"], before["total_fit"]),
        "fit_vs_greedy_pct": _change(after["total_fit"], greedy["total_fit"]) if greedy else None,
        "units": _unit_staffing(sp, plan.seat_of),
        "preferences": _preferences(sp, plan.seat_of),
    }
