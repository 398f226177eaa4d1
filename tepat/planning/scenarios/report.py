"""The stored plan of a run: every move with its reasons, the chains, empty seats and the greedy baseline.

Stored as JSON on the run, so the plan page reads one row and never recomputes (and never changes) anything.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from tepat.engine.fit import FitWeights, explain_fit
from tepat.engine.placement import PlacementPlan
from tepat.engine.rules import Eligibility, whole_months_between
from tepat.engine.rules.dates import format_months
from tepat.planning.scenarios.problem import ScenarioProblem

HONORIFIC = {"L": "Sdr.", "P": "Sdri."}


def _place(sp: ScenarioProblem, s: int) -> dict[str, Any]:
    if s < 0:
        return {"seat": None, "position": "", "unit": "", "unit_id": None}
    seat = sp.data.seats[s]
    return {
        "seat": seat.pk,
        "seat_public_id": str(seat.public_id),
        "position": seat.position_name,
        "unit": seat.unit_name,
        "unit_id": seat.unit_id,
    }


def _preferred(sp: ScenarioProblem, e: int, s: int) -> bool | None:
    pref = sp.context.inputs.preference
    if pref is None or s < 0 or np.isnan(pref[e, sp.seat_pos[s]]):
        return None
    return bool(pref[e, sp.seat_pos[s]] > 0)


def _months_in_post(sp: ScenarioProblem, e: int) -> int | None:
    since = sp.data.pool[e].position_since
    return None if since is None else whole_months_between(since, sp.data.on)


def move_sentence(sp: ScenarioProblem, e: int, s: int, weights: FitWeights) -> tuple[str, dict[str, Any]]:
    """ "Sdr. X dipindahkan ke … karena JPM 92% (Optimal), …, 6 tahun di jabatan sekarang" and the fit facts."""
    member, seat = sp.data.pool[e], sp.data.seats[s]
    explanation = explain_fit(sp.context.inputs, e, int(sp.seat_pos[s]), weights)
    months = _months_in_post(sp, e)
    tenure = f", {format_months(months)} di jabatan sekarang" if months else ""
    who = f"{HONORIFIC.get(member.gender, 'Sdr.')} {member.name}"
    sentence = (
        f"{who} dipindahkan ke {seat.position_name} – {seat.unit_name} karena {explanation.sentence}{tenure}"
    )
    facts = {"jpm": explanation.jpm, "jpm_category": explanation.jpm_category, "score": explanation.score}
    return sentence, facts


def _rule_notes(eligibility: Eligibility | None) -> tuple[list[str], list[str]]:
    """(failed or warning rules, rules that could not be checked for missing data)."""
    if eligibility is None:
        return [], []
    return [r.message for r in (*eligibility.failures, *eligibility.warnings)], [
        r.message for r in eligibility.missing
    ]


def _chain_of(plan: PlacementPlan) -> dict[str, tuple[str, int, int]]:
    """employee id → ("rantai"|"tukar", group number from 1, position in group from 1)."""
    where: dict[str, tuple[str, int, int]] = {}
    for kind, groups in (("rantai", plan.chains), ("tukar", plan.cycles)):
        for g, group in enumerate(groups, start=1):
            for k, employee in enumerate(group, start=1):
                where[employee] = (kind, g, k)
    return where


def _move(sp: ScenarioProblem, plan: PlacementPlan, e: int, ctx: dict[str, Any]) -> dict[str, Any]:
    member = sp.data.pool[e]
    s, before = int(plan.seat_of[e]), int(sp.current_seat[e])
    sentence, facts = move_sentence(sp, e, s, ctx["weights"])
    notes, missing = _rule_notes(ctx["eligibility"].get((e, s)))
    kind, group, step = ctx["chain_of"].get(f"e{member.pk}", ("", 0, 0))
    return {
        "employee": member.pk,
        "employee_public_id": str(member.public_id),
        "nip": member.nip,
        "name": member.name,
        "from": _place(sp, before),
        "to": _place(sp, s),
        "score": sp.seat_score(e, s),
        "score_before": sp.seat_score(e, before) if before >= 0 else None,
        **facts,
        "months_in_post": _months_in_post(sp, e),
        "sentence": sentence,
        "preferred": _preferred(sp, e, s),
        "notes": notes,
        "missing": missing,
        "group_kind": kind,
        "group": group,
        "step": step,
        "locked": (e, s) in ctx["fixed"],
    }


def _unfilled(sp: ScenarioProblem, plan: PlacementPlan) -> list[dict[str, Any]]:
    taken = set(plan.seat_of[plan.seat_of >= 0].tolist())
    rows = []
    for s, seat in enumerate(sp.data.seats):
        if s not in taken:
            rows.append({**_place(sp, s), "priority": seat.priority, "vacant_now": seat.holder_id is None})
    return rows


def _greedy(sp: ScenarioProblem, plan: PlacementPlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    moved = np.flatnonzero((plan.seat_of >= 0) & (plan.seat_of != sp.current_seat))
    return {
        "objective": plan.objective,
        "moves": [
            {
                "name": sp.data.pool[e].name,
                "to": _place(sp, int(plan.seat_of[e])),
                "score": sp.seat_score(int(e), int(plan.seat_of[e])),
            }
            for e in moved.tolist()
        ],
        "chains": len(plan.chains),
    }


def plan_payload(
    *,
    sp: ScenarioProblem,
    plan: PlacementPlan,
    weights: FitWeights,
    eligibility: dict[tuple[int, int], Eligibility],
    blocked: list[dict[str, Any]],
) -> dict[str, Any]:
    ctx = {
        "weights": weights,
        "chain_of": _chain_of(plan),
        "eligibility": eligibility,
        "fixed": set(sp.problem.fixed),
    }
    movers = np.flatnonzero((plan.seat_of >= 0) & (plan.seat_of != sp.current_seat)).tolist()
    moves = [_move(sp, plan, e, ctx) for e in movers]
    moves.sort(key=lambda m: (m["group_kind"] == "", m["group_kind"], m["group"], m["step"], m["name"]))
    unseated = [sp.data.pool[e].name for e in np.flatnonzero((plan.seat_of < 0) & (sp.current_seat >= 0))]
    return {
        "moves": moves,
        "chains": [[int(x[1:]) for x in chain] for chain in plan.chains],
        "cycles": [[int(x[1:]) for x in cycle] for cycle in plan.cycles],
        "unfilled": _unfilled(sp, plan),
        "unseated": unseated,
        "blocked": blocked,
        "greedy": _greedy(sp, plan.greedy),
        "pool_size": len(sp.data.pool),
        "seat_count": len(sp.data.seats),
        "pair_count": len(sp.problem.pair_employee),
    }
