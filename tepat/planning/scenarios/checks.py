"""Every eligibility rule, for the moves of a plan only (the screen covered the cheap rules for all pairs).

Facts are loaded once for all movers (constant queries) and once per target position, R8's kebutuhan and
bezetting once for every origin and target post; a move that fails a
hard rule is forbidden and the plan is solved again, so a plan never proposes a blocked move.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from tepat.engine.placement import PlacementPlan, PlacementProblem
from tepat.engine.rules import Eligibility, RuleBook, TargetFacts, evaluate
from tepat.organization.models import Seat
from tepat.planning.inputs import candidate_facts_many, target_facts_for
from tepat.planning.needs.abk import AbkLookup
from tepat.planning.scenarios.problem import ScenarioProblem


def moved_pairs(plan: PlacementPlan, problem: PlacementProblem) -> list[tuple[int, int]]:
    """(employee index, seat index) of every move into a seat."""
    seat_of = plan.seat_of
    return [(int(e), int(seat_of[e])) for e in np.flatnonzero((seat_of >= 0) & (seat_of != problem.current))]


def _targets(seat_ids: list[int], abk: AbkLookup) -> dict[int, TargetFacts]:
    seats = (
        Seat.objects.filter(pk__in=seat_ids)
        .select_related("position__unit")
        .prefetch_related("position__education_fields")
    )
    by_position: dict[int, TargetFacts] = {}
    result = {}
    for seat in seats:
        if seat.position_id not in by_position:
            by_position[seat.position_id] = target_facts_for(seat, abk=abk)
        result[seat.pk] = by_position[seat.position_id]
    return result


def moves_eligibility(
    *, sp: ScenarioProblem, pairs: list[tuple[int, int]], rule_book: RuleBook
) -> dict[tuple[int, int], Eligibility]:
    """Full rule results per moved (employee index, seat index)."""
    if not pairs:
        return {}
    data = sp.data
    abk = AbkLookup(on=data.on, book=rule_book)  # R8: every origin and target post, computed once per run
    position_of = {seat.pk: seat.position_id for seat in data.seats}  # the pool's own seats are among them
    origins = (position_of.get(data.pool[e].seat_id or 0) for e, _ in pairs)
    abk.statuses([*(data.seats[s].position_id for _, s in pairs), *(p for p in origins if p is not None)])
    facts = candidate_facts_many([data.pool[e].pk for e, _ in pairs], data.on, abk=abk)
    targets = _targets([data.seats[s].pk for _, s in pairs], abk)
    result = {}
    for e, s in pairs:
        jpm = float(sp.fit.jpm[e, sp.seat_pos[s]])
        target = replace(targets[data.seats[s].pk], jpm=None if np.isnan(jpm) else jpm)
        result[(e, s)] = evaluate(facts[data.pool[e].pk], target, data.on, rule_book)
    return result


def without_pairs(problem: PlacementProblem, pairs: list[tuple[int, int]]) -> PlacementProblem:
    """The same problem with some pairs forbidden (absent)."""
    m = len(problem.seat_ids)
    banned = np.array([e * m + s for e, s in pairs], dtype=np.int64)
    keep = ~np.isin(problem.pair_employee * m + problem.pair_seat, banned)
    return replace(
        problem,
        pair_employee=problem.pair_employee[keep],
        pair_seat=problem.pair_seat[keep],
        pair_score=problem.pair_score[keep],
    )
