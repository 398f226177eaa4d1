"""One employee and one seat, fully assessed: eligibility with reasons plus the fit breakdown.

The workflow snapshots this on every proposed move, and re-runs the eligibility part at verification.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

import numpy as np

from tepat.core.rules import load_rule_book
from tepat.engine.fit import FitExplanation, explain_fit
from tepat.engine.rules import Eligibility
from tepat.organization.models import Seat
from tepat.people.models import Employee
from tepat.planning.inputs.facts import eligibility_for
from tepat.planning.inputs.fit import build_fit_context


@dataclass(frozen=True)
class PairAssessment:
    eligibility: Eligibility
    fit: FitExplanation

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready record of what the engine said, with rule versions (R-31: inputs and versions kept)."""
        return {
            "on": self.eligibility.on.isoformat(),
            "verdict": str(self.eligibility.verdict),
            "rules": [
                {
                    "rule_id": r.rule_id,
                    "outcome": str(r.outcome),
                    "severity": str(r.severity),
                    "message": r.message,
                    "legal_basis": r.legal_basis,
                    "version": r.version,
                }
                for r in self.eligibility.results
            ],
            "fit": {
                "score": self.fit.score,
                "jpm": self.fit.jpm,
                "jpm_category": self.fit.jpm_category,
                "sentence": self.fit.sentence,
                "components": [
                    {k: (str(v) if k in {"component", "status"} else v) for k, v in asdict(c).items()}
                    for c in self.fit.components
                ],
            },
        }


def assess_pair(
    *, employee: Employee, seat: Seat, on: date, own_request: bool = False, mutation_type: str = "A_INTRA"
) -> PairAssessment:
    context = build_fit_context(position_ids=[seat.position_id], on=on, employee_ids=[employee.pk])
    explanation = explain_fit(context.inputs, 0, 0)
    jpm = explanation.jpm if explanation.jpm is not None and np.isfinite(explanation.jpm) else None
    eligibility = eligibility_for(
        employee=employee,
        seat=seat,
        on=on,
        jpm=jpm,
        own_request=own_request,
        mutation_type=mutation_type,
        rule_book=load_rule_book(),
    )
    return PairAssessment(eligibility, explanation)
