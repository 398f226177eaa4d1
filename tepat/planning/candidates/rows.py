"""One displayed candidate: only the fields a candidate list needs (DESIGN.md "Who uses it", R-26).

A unit head sees candidates from the whole government here, but the full profile link appears only for
employees inside the viewer's scope; no NIP, NIK or birth date is shown in a candidate list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tepat.core.types import Viewer
from tepat.engine.fit import (
    COMPONENT_LABELS,
    Component,
    ComponentStatus,
    FitExplanation,
    FitWeights,
    explain_fit,
)
from tepat.engine.rules import Eligibility, Outcome, RuleResult
from tepat.people.models import Employee
from tepat.planning.inputs import FitContext


@dataclass(frozen=True)
class CandidateRow:
    number: int
    employee: Employee
    in_scope: bool  # the viewer may open the full profile
    score: float | None
    fit: FitExplanation
    eligibility: Eligibility | None

    def component(self, name: str) -> str:
        return next(c.text for c in self.fit.components if c.component == Component(name))

    @property
    def education(self) -> str:
        return self.component(Component.EDUCATION)

    @property
    def experience(self) -> str:
        return self.component(Component.EXPERIENCE)

    @property
    def performance(self) -> str:
        return self.component(Component.PERFORMANCE)

    @property
    def incomplete(self) -> list[str]:
        """What is missing, in words: fit components left out or scored on part of their data, and rules."""
        labels = [
            COMPONENT_LABELS[c.component] + ("" if c.status is ComponentStatus.MISSING else " (sebagian)")
            for c in self.fit.components
            if c.status in (ComponentStatus.MISSING, ComponentStatus.PARTIAL)
        ]
        return labels + [r.message for r in self.rules_missing]

    @property
    def rules_missing(self) -> tuple[RuleResult, ...]:
        if self.eligibility is None:
            return ()
        return self.eligibility.missing

    @property
    def failures(self) -> tuple[RuleResult, ...]:
        return () if self.eligibility is None else tuple(r for r in self.eligibility.failures if r.blocking)

    @property
    def abk_passed(self) -> tuple[RuleResult, ...]:
        """R8 when it passes (its failures are warnings already): the origin stays staffed, the target has formasi."""
        if self.eligibility is None:
            return ()
        return tuple(
            r for r in self.eligibility.results if r.rule_id.startswith("R8") and r.outcome is Outcome.PASS
        )

    @property
    def warnings(self) -> tuple[RuleResult, ...]:
        if self.eligibility is None:
            return ()
        return self.eligibility.warnings + self.eligibility.advisories


def candidate_rows(
    *,
    viewer: Viewer,
    context: FitContext,
    rows: Sequence[int],
    scores: np.ndarray,
    eligibility: dict[int, Eligibility],
    weights: FitWeights,
    start: int,
) -> list[CandidateRow]:
    """Rows for the page: two queries (the employees, and which of them the viewer may open)."""
    ids = [int(context.employee_ids[r]) for r in rows]
    employees = Employee.objects.select_related("unit", "seat__position").in_bulk(ids)
    visible = set(Employee.objects.visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        CandidateRow(
            number=start + i,
            employee=employees[pk],
            in_scope=pk in visible,
            score=None if np.isnan(scores[row]) else float(scores[row]),
            fit=explain_fit(context.inputs, row, 0, weights),
            eligibility=eligibility.get(row),
        )
        for i, (row, pk) in enumerate(zip(rows, ids, strict=True))
    ]
