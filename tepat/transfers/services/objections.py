"""Objections (keberatan) to a move and data correction tickets (UU 27/2022 Pasal 10 and 30).

An objection is filed by the employee on their own move while the window is open (engine rule), routed to
the BKPP, answered by a person other than the employee and the proposer, and never changes the move's status:
an accepted objection proposes a review or a cancellation that the PPK decides through the workflow (R-31).
A correction ticket is due 72 hours after filing. Late items are escalated once by `feedback_escalate`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from tepat.accounts.models import RoleGrant
from tepat.core.audit import audit_record, audit_record_many
from tepat.core.models import AuditEntry
from tepat.core.rules import load_rule_book
from tepat.core.scoping import today, user_scope
from tepat.engine.communication import (
    CommunicationRules,
    Window,
    answer_conflicts,
    communication_rules,
    correction_due,
    needs_escalation,
    objection_answer_due,
    objection_window,
)
from tepat.engine.errors import ApplicationError, ConcurrentUpdate, FieldProblem, InvalidInput
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.people.models import Employee
from tepat.transfers.models import CorrectionRequest, Move, Notice, Objection

SYSTEM_LABEL = "sistem.komunikasi"  # the audit trail's name for the escalation job
MIN_TEXT = 20
CLOSED_MOVES = frozenset({State.DIBATALKAN, State.DITOLAK})
ANSWERERS = (Role.HR_ADMIN, Role.ANALYST)


def feedback_rules(on: date | None = None) -> CommunicationRules:
    return communication_rules(load_rule_book().parameters, on or today())


def role_emails(*roles: str) -> list[str]:
    grants = RoleGrant.objects.active_on(today()).filter(role__in=roles).select_related("user")
    return sorted({g.user.email for g in grants if g.user.email})


def arm_daily_job() -> None:
    """Make sure the worker's daily run (escalation, surveys) is queued once this write commits."""
    from tepat.transfers.feedback_tasks import feedback_due_arm

    transaction.on_commit(feedback_due_arm)


def mail_after_commit(recipients: list[str], subject: str, body: str) -> None:
    """Sent once the write commits (R-07); a failed send never undoes the write."""
    addresses = sorted({a for a in recipients if a})
    if not addresses:
        return
    transaction.on_commit(
        lambda: send_mail(
            subject=f"[Tepat] {subject}",
            message=body,
            from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
            recipient_list=addresses,
            fail_silently=True,
        )
    )


def _text_problems(value: str, field: str, label: str) -> list[FieldProblem]:
    if len(value.strip()) < MIN_TEXT:
        return [FieldProblem(field, f"{label} wajib diisi, paling sedikit {MIN_TEXT} karakter")]
    return []


# --- objections ---


def first_notice_day(move: Move) -> date | None:
    """The day the employee was first told of the SK (the first notice of the move) opens the window."""
    first = (
        Notice.objects.filter(move=move)
        .order_by("created_at", "id")
        .values_list("created_at", flat=True)
        .first()
    )
    return timezone.localdate(first) if first else None


def window_for(move: Move, notice_day: date | None, on: date, rules: CommunicationRules) -> Window:
    return objection_window(notice_day, on, rules, move_closed=move.status in CLOSED_MOVES)


@transaction.atomic
def objection_file(*, notice: Notice, actor: Any, category: str, text: str) -> Objection:
    """The employee objects to their own move; due date from the engine; one open objection per move."""
    if notice.employee.user_id != actor.pk:
        raise ApplicationError("Keberatan hanya dapat diajukan atas mutasi Anda sendiri.")
    move = notice.move
    on = today()
    rules = feedback_rules(on)
    window = window_for(move, first_notice_day(move), on, rules)
    if not window.open:
        raise ApplicationError(window.message, field="category")
    problems = _text_problems(text, "text", "Uraian keberatan")
    if category not in Objection.Category.values:
        problems.insert(0, FieldProblem("category", "Alasan keberatan: pilih salah satu kategori"))
    if problems:
        raise InvalidInput(problems)
    try:
        with transaction.atomic():
            objection = Objection.objects.create(
                move=move,
                notice=notice,
                category=category,
                text=text.strip(),
                filed_by=actor,
                due_on=objection_answer_due(on, rules),
            )
    except IntegrityError:
        raise ApplicationError(
            "Masih ada keberatan Anda atas mutasi ini yang menunggu jawaban BKPP.", field="category"
        ) from None
    audit_record(
        actor=actor,
        action="objection_file",
        obj=objection,
        changes={"move": str(move.public_id), "category": category, "due_on": objection.due_on.isoformat()},
    )
    mail_after_commit(
        role_emails(*ANSWERERS),
        "Keberatan baru atas mutasi",
        f"Pegawai mengajukan keberatan ({objection.get_category_display()}). Batas jawaban: "
        f"{objection.due_on:%d-%m-%Y}. Buka Tepat: {objection.get_absolute_url()}",
    )
    arm_daily_job()
    return objection


def _answer_problems(accept: bool, answer: str, follow_up: str) -> list[FieldProblem]:
    problems = _text_problems(answer, "answer", "Jawaban")
    if accept and follow_up not in (
        Objection.FollowUp.REVIEW,
        Objection.FollowUp.CANCEL,
        Objection.FollowUp.SUPPORT,
    ):
        problems.append(FieldProblem("follow_up", "Tindak lanjut wajib dipilih bila keberatan diterima"))
    if not accept and follow_up:
        problems.append(FieldProblem("follow_up", "Tindak lanjut hanya diisi bila keberatan diterima"))
    return problems


@transaction.atomic
def objection_answer(
    *, objection: Objection, actor: Any, accept: bool, answer: str, follow_up: str = ""
) -> Objection:
    """A person at the BKPP answers. The move's status stays as it is: the PPK decides any review (R-31)."""
    if not user_scope(actor).has(*ANSWERERS):
        raise ApplicationError("Hanya Admin Kepegawaian atau Analis SDM BKPP yang menjawab keberatan.")
    move = objection.move
    employee_user = move.employee.user_id
    conflicts = answer_conflicts(
        str(actor.pk), str(employee_user) if employee_user else None, str(move.proposal.created_by_id)
    )
    if conflicts:
        raise ApplicationError("Pemisahan tugas: " + "; ".join(conflicts) + ".")
    problems = _answer_problems(accept, answer, follow_up)
    if problems:
        raise InvalidInput(problems)
    status = Objection.Status.ACCEPTED if accept else Objection.Status.REJECTED
    now = timezone.now()
    updated = Objection.objects.filter(pk=objection.pk, status=Objection.Status.OPEN).update(
        status=status,
        answer=answer.strip(),
        follow_up=follow_up if accept else "",
        answered_by=actor,
        answered_at=now,
    )
    if updated != 1:
        raise ConcurrentUpdate("Keberatan ini sudah dijawab oleh petugas lain.")
    objection.refresh_from_db()
    audit_record(
        actor=actor,
        action="objection_answer",
        obj=objection,
        changes={"status": {"old": "diajukan", "new": status}, "follow_up": objection.follow_up},
    )
    _notify_answer(objection)
    return objection


def _notify_answer(objection: Objection) -> None:
    user = objection.move.employee.user
    label = objection.get_status_display().lower()
    if user is not None:
        mail_after_commit(
            [user.email],
            f"Keberatan Anda {label}",
            f"BKPP telah menjawab keberatan Anda: {label}. Baca jawabannya di Tepat: {objection.get_absolute_url()}",
        )
    if objection.follow_up in (Objection.FollowUp.REVIEW, Objection.FollowUp.CANCEL):
        mail_after_commit(
            role_emails(Role.APPROVER),
            "Keberatan diterima: mohon keputusan PPK",
            f"BKPP menerima keberatan dan mengusulkan: {objection.get_follow_up_display()}. Status mutasi "
            f"tidak berubah sampai PPK memutuskan. {objection.move.get_absolute_url()}",
        )


@transaction.atomic
def objection_mark_read(*, objection: Objection, actor: Any) -> None:
    """The employee opened the answer (read receipt of the answer, once)."""
    if objection.move.employee.user_id != actor.pk or objection.is_open or objection.read_at:
        return
    Objection.objects.filter(pk=objection.pk, read_at__isnull=True).update(read_at=timezone.now())
    audit_record(actor=actor, action="objection_answer_read", obj=objection)


def personal_read(*, obj: Objection | CorrectionRequest, actor: Any) -> None:
    """R-23: staff reading an objection or a ticket (family and health circumstances) leave an access row."""
    owner = obj.move.employee.user_id if isinstance(obj, Objection) else obj.employee.user_id
    if owner != actor.pk:
        kind = "objection_view" if isinstance(obj, Objection) else "correction_view"
        audit_record(
            actor=actor, action=kind, obj=obj, kind=AuditEntry.Kind.ACCESS, changes={"data": "alasan pribadi"}
        )


# --- correction tickets (UU 27/2022 Pasal 30) ---


@transaction.atomic
def correction_file(*, actor: Any, field: str, wrong: str, proposed: str) -> CorrectionRequest:
    employee = Employee.objects.filter(user_id=actor.pk).first()
    if employee is None:
        raise ApplicationError("Akun Anda tidak terhubung dengan data pegawai.")
    problems = []
    if field not in CorrectionRequest.Field.values:
        problems.append(FieldProblem("field", "Data yang salah: pilih salah satu"))
    for name, value, label in (("wrong", wrong, "Yang salah"), ("proposed", proposed, "Usulan perbaikan")):
        if not value.strip():
            problems.append(FieldProblem(name, f"{label} wajib diisi"))
    if problems:
        raise InvalidInput(problems)
    now = timezone.now()
    ticket = CorrectionRequest.objects.create(
        employee=employee,
        field=field,
        wrong=wrong.strip(),
        proposed=proposed.strip(),
        filed_by=actor,
        due_at=correction_due(now, feedback_rules()),
    )
    audit_record(
        actor=actor,
        action="correction_file",
        obj=ticket,
        changes={"field": field, "due_at": ticket.due_at.isoformat()},
    )
    mail_after_commit(
        role_emails(Role.HR_ADMIN),
        "Permintaan perbaikan data pegawai",
        f"Batas waktu: {timezone.localtime(ticket.due_at):%d-%m-%Y %H:%M}. {ticket.get_absolute_url()}",
    )
    arm_daily_job()
    return ticket


@transaction.atomic
def correction_handle(
    *, ticket: CorrectionRequest, actor: Any, done: bool, outcome: str
) -> CorrectionRequest:
    """hr_admin records the outcome (the data itself is corrected through the people pages) and tells the employee."""
    if not user_scope(actor).has(Role.HR_ADMIN):
        raise ApplicationError("Hanya Admin Kepegawaian yang menangani permintaan perbaikan data.")
    if ticket.employee.user_id == actor.pk:
        raise ApplicationError(
            "Pemisahan tugas: permintaan perbaikan data Anda sendiri ditangani petugas lain."
        )
    if not outcome.strip():
        raise InvalidInput([FieldProblem("outcome", "Hasil / alasan wajib diisi")])
    status = CorrectionRequest.Status.DONE if done else CorrectionRequest.Status.REJECTED
    updated = CorrectionRequest.objects.filter(pk=ticket.pk, status=CorrectionRequest.Status.OPEN).update(
        status=status, outcome=outcome.strip(), handled_by=actor, handled_at=timezone.now()
    )
    if updated != 1:
        raise ConcurrentUpdate("Permintaan ini sudah ditangani oleh petugas lain.")
    ticket.refresh_from_db()
    audit_record(
        actor=actor,
        action="correction_handle",
        obj=ticket,
        changes={"status": {"old": "terbuka", "new": status}},
    )
    user = ticket.employee.user
    if user is not None:
        mail_after_commit(
            [user.email],
            f"Permintaan perbaikan data: {ticket.get_status_display().lower()}",
            f"Hasil: {ticket.outcome}\n{ticket.get_absolute_url()}",
        )
    return ticket


# --- escalation of late items (run by the worker loop and `manage.py feedback_due`) ---


def feedback_escalate(*, now: datetime | None = None) -> tuple[int, int]:
    """Mark late open objections and tickets escalated (once each), audit per row, mail hr_admin; idempotent.

    Rows are claimed with `select_for_update(skip_locked=True)`, so two workers never escalate one row twice."""
    moment = now or timezone.now()
    day = timezone.localdate(moment)
    with transaction.atomic():
        objections = [
            o
            for o in Objection.objects.select_for_update(skip_locked=True).filter(
                status=Objection.Status.OPEN, escalated_at__isnull=True, due_on__lt=day
            )
            if needs_escalation(o.due_on, day, closed=False, escalated=False)
        ]
        tickets = list(
            CorrectionRequest.objects.select_for_update(skip_locked=True).filter(
                status=CorrectionRequest.Status.OPEN, escalated_at__isnull=True, due_at__lt=moment
            )
        )
        Objection.objects.filter(pk__in=[o.pk for o in objections]).update(escalated_at=moment)
        CorrectionRequest.objects.filter(pk__in=[t.pk for t in tickets]).update(escalated_at=moment)
        audit_record_many(
            actor=None, action="objection_escalate", objects=objections, actor_label=SYSTEM_LABEL
        )
        audit_record_many(actor=None, action="correction_escalate", objects=tickets, actor_label=SYSTEM_LABEL)
        if objections or tickets:
            mail_after_commit(
                role_emails(Role.HR_ADMIN),
                "Eskalasi: keberatan dan permintaan perbaikan data melewati batas waktu",
                f"{len(objections)} keberatan dan {len(tickets)} permintaan perbaikan data terlambat dijawab. "
                "Buka Tepat: /mutasi/keberatan/?status=terlambat",
            )
    return len(objections), len(tickets)
