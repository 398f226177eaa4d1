"""`evaluate`: run every eligibility rule for one candidate and one target on one reference date."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.rules import career, integrity
from tepat.engine.rules.model import CandidateFacts, Eligibility, Override, RuleResult, TargetFacts
from tepat.engine.rules.parameters import DEFAULT_RULE_BOOK, RuleBook

Rule = Callable[[CandidateFacts, TargetFacts, date, RuleBook], RuleResult]

# Order is the order a camat reads them in: timing first, then fit, then integrity and paperwork.
RULES: tuple[Rule, ...] = (
    career.min_tenure,
    career.max_tenure,
    integrity.blackout,
    career.rank_in_range,
    career.education_level,
    career.education_field,
    career.jpm_threshold,
    career.pns_status,
    career.skp_record,
    integrity.relatives_in_chain,
    integrity.own_case,
    integrity.discipline,
    integrity.study_leave,
    integrity.audit_clearance,
    integrity.origin_staffing,
    integrity.target_formation,
)


def evaluate(
    candidate: CandidateFacts,
    target: TargetFacts,
    on: date,
    params: RuleBook = DEFAULT_RULE_BOOK,
    overrides: Iterable[Override] = (),
) -> Eligibility:
    """All rule results; an override marks a failing hard rule as authorised (it still shows as failed)."""
    by_rule = _check_overrides(candidate, overrides)
    results = []
    for rule in RULES:
        result = rule(candidate, target, on, params)
        if result.rule_id in by_rule and not result.passed:
            result = replace(result, override=by_rule[result.rule_id])
        results.append(result)
    return Eligibility(candidate.employee_id, target.position_id, on, tuple(results))


def _check_overrides(candidate: CandidateFacts, overrides: Iterable[Override]) -> dict[str, Override]:
    by_rule: dict[str, Override] = {}
    problems = []
    for index, override in enumerate(overrides):
        if override.approver_id == candidate.employee_id or override.approver_id in (
            candidate.relative_ids or ()
        ):
            problems.append(
                FieldProblem(
                    f"overrides[{index}].approver_id",
                    "pegawai atau kerabatnya tidak boleh menyetujui pengecualian",
                )
            )
        if not override.reason.strip():
            problems.append(FieldProblem(f"overrides[{index}].reason", "alasan pengecualian wajib diisi"))
        by_rule[override.rule_id] = override
    if problems:
        raise InvalidInput(problems)
    return by_rule
