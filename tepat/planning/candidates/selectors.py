"""Reads for the candidate pages: the seat a viewer may rank, a side-by-side comparison, an employee's best fits."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from tepat.core.rules import load_rule_book
from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine.fit import FitExplanation, explain_fit
from tepat.engine.rules import evaluate, screen
from tepat.organization.models import Position, PositionCompetency, Seat
from tepat.people.models import CompetencyAssessment, Employee
from tepat.planning.candidates.profiles import ranking_profile_for_kind, ranking_profiles_for_kinds
from tepat.planning.candidates.ranking import core_competency_mask
from tepat.planning.candidates.rows import CandidateRow, candidate_rows
from tepat.planning.candidates.scoring import ScoringProfile, score_candidates
from tepat.planning.inputs import build_fit_context, candidate_facts_many, target_facts_for
from tepat.planning.needs.abk import AbkLookup

COMPARE_MIN, COMPARE_MAX = 2, 4
SUGGESTIONS = 10


def seat_for_ranking(*, viewer: Viewer, public_id: str) -> Seat:
    """Any seat for government-wide roles; a unit head only ranks seats inside their own subtree (else 404)."""
    seats = Seat.objects.select_related("position__unit", "occupant").filter(is_active=True)
    scope = user_scope(viewer)
    if not scope.government_wide:
        seats = seats.filter(scope.unit_q("position__unit__path"))
    return seats.get(public_id=public_id)


@dataclass(frozen=True)
class Comparison:
    seat: Seat
    profile: ScoringProfile
    rows: list[CandidateRow]
    chart: dict[str, Any]  # labels, standard, one dataset per candidate (levels, None = not assessed)


def candidate_compare(*, viewer: Viewer, seat: Seat, on: date, employee_ids: list[str]) -> Comparison:
    """2–4 candidates against the seat's standard; raises Employee.DoesNotExist for an unknown id."""
    pks = list(Employee.objects.active().filter(public_id__in=employee_ids).values_list("pk", flat=True))
    if len(pks) != len(set(employee_ids)):
        raise Employee.DoesNotExist
    context = build_fit_context(position_ids=[seat.position_id], on=on, employee_ids=pks)
    profile = ranking_profile_for_kind(position_kind=seat.position.kind)
    scored = score_candidates(context.inputs, profile, core_competency_mask(context.competency_codes))
    book = load_rule_book()
    abk = AbkLookup(on=on, book=book)  # R8: the seat and every compared candidate's post, computed once
    target = target_facts_for(seat, abk=abk)
    facts = candidate_facts_many(context.employee_ids.tolist(), on, abk=abk)
    order = sorted(range(len(pks)), key=lambda r: -np.nan_to_num(scored.score[r, 0], nan=-1.0))
    eligibility = {
        r: evaluate(
            facts[int(context.employee_ids[r])], replace(target, jpm=_finite(scored.fit.jpm[r, 0])), on, book
        )
        for r in order
    }
    rows = candidate_rows(
        viewer=viewer, context=context, rows=order, scores=scored.score[:, 0],
        eligibility=eligibility, weights=profile.weights, start=1,
    )  # fmt: skip
    return Comparison(
        seat, profile, rows, _chart(seat, context.competency_codes, context.inputs.achieved, order, rows)
    )


def _chart(
    seat: Seat, codes: tuple[str, ...], achieved: np.ndarray, order: list[int], rows: list[CandidateRow]
) -> dict[str, Any]:
    standard = list(
        PositionCompetency.objects.filter(position_id=seat.position_id)
        .select_related("competency")
        .order_by("competency__group", "competency__code")
    )
    columns = [codes.index(s.competency.code) for s in standard]
    return {
        "labels": [s.competency.name for s in standard],
        "standard": [s.level for s in standard],
        "candidates": [
            {"name": row.employee.full_name, "levels": [_finite(achieved[r, c]) for c in columns]}
            for r, row in zip(order, rows, strict=True)
        ],
    }


def _finite(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


@dataclass(frozen=True)
class Suggestion:
    position: Position
    seat: Seat
    score: float | None
    fit: FitExplanation
    profile: ScoringProfile


@dataclass(frozen=True)
class Gap:
    name: str
    group: str
    required: int
    achieved: float | None

    @property
    def gap(self) -> float | None:
        return None if self.achieved is None else self.achieved - self.required


def employee_fit_positions(*, employee: Employee, on: date, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Open seats the employee passes the screen for, best fit first, scored with each kind's profile."""
    open_seats: dict[int, int] = {}
    current = employee.seat.position_id if employee.seat is not None else 0
    for seat_pk, position_pk in (
        Seat.objects.filter(is_active=True, occupant__isnull=True)
        .exclude(position_id=current)
        .order_by("-pk")
        .values_list("pk", "position_id")
    ):
        open_seats[position_pk] = seat_pk  # the lowest seat pk of each position wins
    if not open_seats:
        return []
    context = build_fit_context(position_ids=list(open_seats), on=on, employee_ids=[employee.pk])
    scores, profiles = _scores_by_kind(context, list(open_seats))
    passing = ~screen(context.screening, on, load_rule_book()).fails[0]
    best = [p for p in np.argsort(np.where(np.isnan(scores), np.inf, -scores), kind="stable") if passing[p]][
        :limit
    ]
    position_ids = [int(context.position_ids[p]) for p in best]
    positions = Position.objects.select_related("unit").in_bulk(position_ids)
    seats = Seat.objects.in_bulk([open_seats[pk] for pk in position_ids])
    return [
        Suggestion(
            position=positions[pk],
            seat=seats[open_seats[pk]],
            score=_finite(scores[p]),
            fit=explain_fit(context.inputs, 0, int(p), profiles[positions[pk].kind].weights),
            profile=profiles[positions[pk].kind],
        )
        for p, pk in zip(best, position_ids, strict=True)
    ]


def _scores_by_kind(context: Any, position_ids: list[int]) -> tuple[np.ndarray, dict[str, ScoringProfile]]:
    profiles = ranking_profiles_for_kinds()
    kinds = dict(Position.objects.filter(pk__in=position_ids).values_list("pk", "kind"))
    core = core_competency_mask(context.competency_codes)
    scores = np.full(len(context.position_ids), np.nan, dtype=np.float32)
    for kind, profile in profiles.items():
        columns = [i for i, pk in enumerate(context.position_ids.tolist()) if kinds.get(pk) == kind]
        if columns:
            part = score_candidates(context.inputs.select(None, columns), profile, core)
            scores[columns] = part.score[0]
    return scores, profiles


def employee_competency_gaps(*, employee: Employee) -> list[Gap]:
    """The current post's standard against the latest assessed level of each competency."""
    if employee.seat is None:
        return []
    latest: dict[int, float] = dict(
        CompetencyAssessment.objects.filter(employee=employee)
        .order_by("assessed_on")
        .values_list("competency_id", "level")
    )  # later assessments overwrite earlier ones
    standard = (
        PositionCompetency.objects.filter(position_id=employee.seat.position_id)
        .select_related("competency")
        .order_by("competency__group", "competency__code")
    )
    return [
        Gap(s.competency.name, s.competency.get_group_display(), s.level, latest.get(s.competency_id))
        for s in standard
    ]
