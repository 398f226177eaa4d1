"""The pulse survey 90 days after the TMT (five Likert questions and a comment), and the daily feedback job.

`surveys_open_due` creates the surveys the engine says are due (one per move, idempotent); `feedback_due_run`
runs it with the escalation of late objections and tickets. The worker runs it through `feedback_due_task`
(re-armed daily while a deferring task backend is configured) and `manage.py feedback_due` runs it on demand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from tepat.core.audit import audit_record, audit_record_many
from tepat.core.scoping import today
from tepat.engine.communication import survey_answers, survey_closes, survey_due
from tepat.engine.errors import ApplicationError, ConcurrentUpdate
from tepat.engine.workflow import State
from tepat.transfers.models import Move, PulseSurvey
from tepat.transfers.services.objections import (
    SYSTEM_LABEL,
    feedback_escalate,
    feedback_rules,
    mail_after_commit,
)

APPLIED = (State.BERLAKU, State.SELESAI)
MAX_COMMENT = 2000


def surveys_open_due(*, on: date) -> list[PulseSurvey]:
    """Open the survey of every applied move whose TMT + N days has come and whose survey would still be open."""
    rules = feedback_rules(on)
    newest_tmt = on - timedelta(days=rules.survey_after_days)
    oldest_tmt = newest_tmt - timedelta(days=rules.survey_open_days)
    moves = list(
        Move.objects.filter(
            status__in=APPLIED, tmt__gte=oldest_tmt, tmt__lte=newest_tmt, pulse_survey__isnull=True
        ).select_related("employee__user", "target_seat__position")
    )
    with transaction.atomic():
        surveys = [
            PulseSurvey(
                move=m,
                employee=m.employee,
                unit_id=m.target_seat.position.unit_id,
                due_on=survey_due(m.tmt, rules),  # type: ignore[arg-type]  # tmt filtered not null above
                closes_on=survey_closes(m.tmt, rules),  # type: ignore[arg-type]
            )
            for m in moves
        ]
        PulseSurvey.objects.bulk_create(surveys, ignore_conflicts=True)
        created = list(PulseSurvey.objects.filter(move__in=moves).select_related("move"))
        audit_record_many(actor=None, action="survey_open", objects=created, actor_label=SYSTEM_LABEL)
        for move in moves:
            user = move.employee.user
            if user is not None:
                mail_after_commit(
                    [user.email],
                    "Survei singkat 90 hari di jabatan baru",
                    "Lima pertanyaan singkat tentang jabatan baru Anda menunggu di Tepat (menu Survei).",
                )
    return created


def _comment(raw: str) -> str:
    text = raw.strip()
    if len(text) > MAX_COMMENT:
        raise ApplicationError(f"Komentar paling panjang {MAX_COMMENT} karakter.", field="comment")
    return text


@transaction.atomic
def survey_answer(*, survey: PulseSurvey, actor: Any, raw: dict[str, Any], comment: str = "") -> PulseSurvey:
    """Answered once, by the employee it is for, while it is open; the answers never enter the audit row."""
    if survey.employee.user_id != actor.pk:
        raise ApplicationError("Survei ini bukan untuk Anda.")
    if survey.answered_at is not None:
        raise ApplicationError("Survei ini sudah Anda jawab. Terima kasih.")
    if today() > survey.closes_on:
        raise ApplicationError(f"Survei ini sudah ditutup pada {survey.closes_on:%d-%m-%Y}.")
    answers = survey_answers(raw)
    text = _comment(comment)
    updated = PulseSurvey.objects.filter(pk=survey.pk, answered_at__isnull=True).update(
        answered_at=timezone.now(), comment=text, **answers
    )
    if updated != 1:
        raise ConcurrentUpdate("Survei ini sudah Anda jawab. Terima kasih.")
    survey.refresh_from_db()
    audit_record(actor=actor, action="survey_answer", obj=survey, changes={"answered": True})
    return survey


@dataclass(frozen=True)
class FeedbackReport:
    surveys_opened: int
    objections_escalated: int
    corrections_escalated: int

    def line(self) -> str:
        return (
            f"{self.surveys_opened} survei dibuka, {self.objections_escalated} keberatan dan "
            f"{self.corrections_escalated} permintaan perbaikan data dieskalasi."
        )


def feedback_due_run(*, now: datetime | None = None) -> FeedbackReport:
    """The daily job: idempotent, safe to run any number of times a day."""
    moment = now or timezone.now()
    opened = surveys_open_due(on=timezone.localdate(moment))
    objections, tickets = feedback_escalate(now=moment)
    return FeedbackReport(len(opened), objections, tickets)
