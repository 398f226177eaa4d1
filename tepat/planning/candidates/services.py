"""Writes of the candidate pages: store a recommendation once per distinct input, audit every view (R-31)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.planning.candidates.ranking import Ranking
from tepat.planning.models import CandidateRanking


@transaction.atomic
def candidate_ranking_record(*, actor: Any, ranking: Ranking) -> CandidateRanking:
    """The recommendation row (profile + rule versions + input hash + top list) and one access audit row."""
    key = {
        "seat": ranking.seat,
        "on": ranking.on,
        "profile_label": ranking.profile.label,
        "input_hash": ranking.input_hash,
    }
    defaults = {
        "profile_id": ranking.profile.profile_id,
        "rule_versions": list(ranking.rule_versions),
        "result": ranking.top,
        "candidate_count": ranking.eligible_count + ranking.ineligible_count,
        "created_by": actor if getattr(actor, "is_authenticated", False) else None,
    }
    try:
        with transaction.atomic():
            record, _ = CandidateRanking.objects.get_or_create(**key, defaults=defaults)
    except IntegrityError:  # the same ranking stored by a parallel request
        record = CandidateRanking.objects.get(**key)
    audit_record(
        actor=actor,
        action="view_candidate_ranking",
        kind=AuditEntry.Kind.ACCESS,
        object_type="planning.candidateranking",
        object_id=str(record.pk),
        changes={
            "seat": str(ranking.seat.public_id),
            "profile": ranking.profile.label,
            "input_hash": ranking.input_hash,
            "tab": ranking.tab,
            "page": ranking.page.number,
            "shown": [str(row.employee.public_id) for row in ranking.rows],
        },
    )
    return record


def candidate_view_record(*, actor: Any, action: str, subject: str, changes: dict[str, Any]) -> None:
    """Access row for the comparison and the employee-side suggestions (processing of personal data)."""
    audit_record(
        actor=actor,
        action=action,
        kind=AuditEntry.Kind.ACCESS,
        object_type="people.employee" if action == "view_employee_fit" else "organization.seat",
        object_id=subject,
        changes=changes,
    )
