"""BKPP verification: documents complete and the eligibility rules re-run as of that day (issue 6 §2)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from tepat.core.scoping import today
from tepat.engine.errors import IllegalTransition, NotEligible
from tepat.engine.rules import Override
from tepat.engine.workflow import Action
from tepat.planning.inputs import PairAssessment, assess_pair, eligibility_for
from tepat.transfers.checklists import KIND_LABELS, missing_documents
from tepat.transfers.models import Move, RuleOverride
from tepat.transfers.services.actors import employee_of, role_for
from tepat.transfers.services.workflow import move_transition, refusals_logged


def _case_actor_ids(move: Move, actor: Any) -> frozenset[str]:
    people = [employee_of(move.proposal.created_by), employee_of(actor)]
    return frozenset(str(e.pk) for e in people if e is not None)


def _overrides(move: Move) -> list[Override]:
    rows = RuleOverride.objects.filter(move=move).select_related("approved_by")
    result = []
    for row in rows:
        approver = employee_of(row.approved_by)
        approver_id = str(approver.pk) if approver else f"user:{row.approved_by_id}"
        result.append(Override(row.rule_id, row.reason, approver_id, row.decided_on))
    return result


def move_assess(*, move: Move, on: date, actor: Any = None) -> PairAssessment:
    """Eligibility (with recorded overrides and case actors) plus the fit breakdown, as of `on`."""
    pair = assess_pair(
        employee=move.employee,
        seat=move.target_seat,
        on=on,
        own_request=move.own_request,
        mutation_type=move.mutation_type,
    )
    jpm = pair.fit.jpm if pair.fit.jpm is not None and math.isfinite(pair.fit.jpm) else None
    eligibility = eligibility_for(
        employee=move.employee,
        seat=move.target_seat,
        on=on,
        jpm=jpm,
        own_request=move.own_request,
        mutation_type=move.mutation_type,
        case_actor_ids=_case_actor_ids(move, actor),
        overrides=_overrides(move),
    )
    return PairAssessment(eligibility, pair.fit)


def blocking_reasons(assessment: PairAssessment) -> list[str]:
    return [f"{r.message} ({r.legal_basis})" for r in assessment.eligibility.results if r.blocking]


def move_verify(*, move: Move, actor: Any, note: str = "") -> Move:
    """Documents complete and no hard rule failing today without an override, then `diverifikasi`."""
    with refusals_logged(actor=actor, action=Action.VERIFIKASI, move=move):
        return _verify(move, actor, note)


def _verify(move: Move, actor: Any, note: str) -> Move:
    role = role_for(actor, Action.VERIFIKASI)
    present = set(move.documents.values_list("kind", flat=True))
    missing = missing_documents(move.mutation_type, move.own_request, present)
    if missing:
        labels = "; ".join(KIND_LABELS[code] for code in missing)
        raise IllegalTransition(f"Dokumen belum lengkap: {labels}.", field="documents")
    assessment = move_assess(move=move, on=today(), actor=actor)
    reasons = blocking_reasons(assessment)
    if reasons:
        raise NotEligible("Syarat belum terpenuhi per hari ini: " + " ".join(reasons))
    return move_transition(
        move=move,
        action=Action.VERIFIKASI,
        actor=actor,
        role=role,
        reason=note,
        fields={"verification_snapshot": assessment.snapshot(), "verified_by": actor},
    )


def move_return(*, move: Move, actor: Any, note: str) -> Move:
    """Back to the proposer with a note (`dikembalikan`)."""
    with refusals_logged(actor=actor, action=Action.KEMBALIKAN, move=move):
        if not note.strip():
            raise IllegalTransition("Catatan pengembalian wajib diisi.", field="note")
        role = role_for(actor, Action.KEMBALIKAN)
    return move_transition(
        move=move, action=Action.KEMBALIKAN, actor=actor, role=role, reason=note, fields={"note": note}
    )
