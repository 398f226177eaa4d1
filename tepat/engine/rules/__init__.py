"""Eligibility rules (DOMAIN.md §1, §11): who is *allowed* to take a post, with reasons and legal basis.

Each rule is a function `(CandidateFacts, TargetFacts, on, RuleBook) -> RuleResult`; `evaluate` runs them all;
`screen` is the vectorised first pass over thousands of candidates. Thresholds are versioned rule data.
"""

from tepat.engine.rules.dates import whole_months_between, whole_months_between_array
from tepat.engine.rules.evaluate import RULES, evaluate
from tepat.engine.rules.model import (
    AbkStatus,
    BlackoutWindow,
    CandidateFacts,
    ChainHead,
    Education,
    Eligibility,
    MutationType,
    Outcome,
    Override,
    Period,
    RuleResult,
    RuleStatus,
    Sanction,
    Severity,
    SkpRecord,
    TargetFacts,
    Verdict,
)
from tepat.engine.rules.parameters import (
    DEFAULT_RULE_BOOK,
    DEFAULT_RULE_PARAMETERS,
    RuleBook,
    RuleParameter,
    overlapping_versions,
    resolve_parameter,
)
from tepat.engine.rules.screening import Screening, ScreeningInput, education_orders, screen

__all__ = [
    "DEFAULT_RULE_BOOK",
    "DEFAULT_RULE_PARAMETERS",
    "RULES",
    "AbkStatus",
    "BlackoutWindow",
    "CandidateFacts",
    "ChainHead",
    "Education",
    "Eligibility",
    "MutationType",
    "Outcome",
    "Override",
    "Period",
    "RuleBook",
    "RuleParameter",
    "RuleResult",
    "RuleStatus",
    "Sanction",
    "Screening",
    "ScreeningInput",
    "Severity",
    "SkpRecord",
    "TargetFacts",
    "Verdict",
    "education_orders",
    "evaluate",
    "overlapping_versions",
    "resolve_parameter",
    "screen",
    "whole_months_between",
    "whole_months_between_array",
]
