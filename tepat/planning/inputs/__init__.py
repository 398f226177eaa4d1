"""Translate database rows into the engine's inputs: rule facts for eligibility, arrays for fit scoring.

Shared by the candidate ranking, the placement scenarios and the workflow's re-check at verification, so
"what the engine knows about a person or a seat" is built in exactly one place.
"""

from tepat.planning.inputs.facts import candidate_facts_many, eligibility_for, target_facts_for
from tepat.planning.inputs.fit import FitContext, build_fit_context
from tepat.planning.inputs.pair import PairAssessment, assess_pair

__all__ = [
    "FitContext",
    "PairAssessment",
    "assess_pair",
    "build_fit_context",
    "candidate_facts_many",
    "eligibility_for",
    "target_facts_for",
]
