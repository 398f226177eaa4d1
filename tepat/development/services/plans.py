"""Development plans: opened from a move at TMT (idempotent), opened by hand, updated, re-assessed."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record, diff
from tepat.core.scoping import today, user_scope
from tepat.development import policy
from tepat.development.inputs import catalogue, latest_levels, rules_on, standard_for
from tepat.development.models import DevelopmentPlan, PlanItem, TrainingCourse
from tepat.engine.development import (
    DevelopmentRules,
    GapAnalysis,
    ProposedItem,
    negative_gaps,
    plan_decision,
    propose_items,
    reassessment_due,
)
from tepat.engine.errors import ApplicationError, FieldProblem, InvalidInput
from tepat.engine.rules.dates import format_date
from tepat.organization.models import Competency, Position
from tepat.people.models import Employee
from tepat.transfers.models import Move

SYSTEM = "system:workflow"


def field_changed(move: Move) -> bool:
    """DOMAIN §7: a move into a different field (rumpun jabatan) opens a plan even without measured gaps."""
    origin = move.origin_seat.position.family if move.origin_seat is not None else ""
    target = move.target_seat.position.family
    return bool(origin and target and origin != target)


def _proposal(
    employee: Employee, position: Position, start: date, changed: bool
) -> tuple[GapAnalysis, tuple[ProposedItem, ...], DevelopmentRules]:
    rules = rules_on(start)
    analysis = negative_gaps(standard_for(position), latest_levels(employee), rules)
    items = propose_items(analysis, tmt=start, catalogue=catalogue(), rules=rules, field_changed=changed)
    return analysis, items, rules


def _gap_rows(analysis: GapAnalysis) -> list[dict[str, Any]]:
    return [asdict(gap) for gap in analysis.gaps]


def _create(
    *,
    employee: Employee,
    position: Position,
    start: date,
    move: Move | None,
    changed: bool,
    reason: str,
    actor: Any,
    proposal: tuple[GapAnalysis, tuple[ProposedItem, ...], DevelopmentRules] | None = None,
) -> DevelopmentPlan:
    analysis, proposed, rules = proposal or _proposal(employee, position, start, changed)
    due = reassessment_due(start, [], rules).due
    plan = DevelopmentPlan(
        employee=employee,
        move=move,
        position=position,
        start=start,
        end=due,
        reason=reason,
        field_changed=changed,
        gaps=_gap_rows(analysis),
        missing=list(analysis.missing),
        reassessment_due=due,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    plan.full_clean()
    plan.save()
    PlanItem.objects.bulk_create(_items(plan, proposed))
    audit_record(
        actor=actor,
        action="development_plan_create",
        obj=plan,
        changes={
            "items": len(proposed),
            "gaps": len(analysis.gaps),
            "move": str(move.public_id) if move else "",
        },
        reason=reason,
        actor_label="" if getattr(actor, "is_authenticated", False) else SYSTEM,
    )
    return plan


def _items(plan: DevelopmentPlan, proposed: tuple[ProposedItem, ...]) -> list[PlanItem]:
    codes = {item.competency for item in proposed if item.competency}
    competencies = {c.code: c for c in Competency.objects.filter(code__in=codes)}
    courses = {
        c.code: c for c in TrainingCourse.objects.filter(code__in={i.course for i in proposed if i.course})
    }
    return [
        PlanItem(
            plan=plan,
            competency=competencies.get(item.competency),
            gap=item.gap,
            route=item.route.value,
            course=courses.get(item.course or ""),
            activity=item.activity[:200],
            due=item.due,
            jp_planned=item.jp,
            reason=item.reason,
        )
        for item in proposed
    ]


@transaction.atomic
def plan_open_for_move(*, move: Move, actor: Any = None) -> DevelopmentPlan | None:
    """The plan of a move that entered `berlaku`; the same plan on every later call (unique per move)."""
    existing = DevelopmentPlan.objects.filter(move=move).first()
    if existing is not None:
        return existing
    move = Move.objects.select_related("employee", "origin_seat__position", "target_seat__position").get(
        pk=move.pk
    )
    position = move.target_seat.position
    start = move.tmt or today()
    changed = field_changed(move)
    _close_superseded(move, start, actor)
    proposal = _proposal(move.employee, position, start, changed)
    decision = plan_decision(proposal[0], field_changed=changed)
    if not decision.open:
        audit_record(
            actor=actor,
            action="development_plan_not_needed",
            obj=move,
            reason=decision.reason,
            actor_label=SYSTEM,
        )
        return None
    return _create(
        employee=move.employee,
        position=position,
        start=start,
        move=move,
        changed=changed,
        reason=decision.reason,
        actor=actor,
        proposal=proposal,
    )


def _close_superseded(move: Move, start: date, actor: Any) -> None:
    """Plans for the post the employee leaves end with the move: open items are cancelled (JP earned stay)."""
    old = list(
        DevelopmentPlan.objects.filter(employee=move.employee, status=DevelopmentPlan.Status.ACTIVE).exclude(
            move=move
        )
    )
    if not old:
        return
    note = f"Pegawai pindah jabatan (TMT {format_date(start)}); diganti rencana jabatan baru."
    PlanItem.objects.filter(
        plan__in=old, status__in=[PlanItem.Status.PLANNED, PlanItem.Status.ENROLLED]
    ).update(status=PlanItem.Status.CANCELLED, note=note)
    for plan in old:
        plan.status = DevelopmentPlan.Status.CANCELLED
        plan.end = max(start, plan.start)
        plan.reassessment_note = note
        plan.save(update_fields=["status", "end", "reassessment_note", "updated_at"])
        audit_record(
            actor=actor,
            action="development_plan_superseded",
            obj=plan,
            changes={"move": str(move.public_id)},
            reason=note,
            actor_label=SYSTEM,
        )


@transaction.atomic
def plan_create(*, actor: Any, employee: Employee, start: date, reason: str) -> DevelopmentPlan:
    """A plan not tied to a move (e.g. the yearly plan), seeded from the gaps against the current post."""
    problems = []
    if employee.seat_id is None:
        problems.append(
            FieldProblem("employee", "Pegawai belum menduduki jabatan: rencana tidak dapat disusun.")
        )
    if not reason.strip():
        problems.append(FieldProblem("reason", "Dasar rencana wajib diisi."))
    if DevelopmentPlan.objects.filter(employee=employee, status=DevelopmentPlan.Status.ACTIVE).exists():
        problems.append(FieldProblem("employee", "Pegawai ini sudah punya rencana pengembangan yang aktif."))
    if problems:
        raise InvalidInput(problems)
    position = Position.objects.get(seats__pk=employee.seat_id or 0)
    return _create(
        employee=employee,
        position=position,
        start=start,
        move=None,
        changed=False,
        reason=reason,
        actor=actor,
    )


@transaction.atomic
def plan_update(*, actor: Any, plan: DevelopmentPlan, data: dict[str, Any]) -> DevelopmentPlan:
    if not policy.may_plan(user_scope(actor)):
        raise ApplicationError(policy.NOT_PLANNER)
    allowed = {"status", "end", "reason"}
    changes = diff(plan, {k: v for k, v in data.items() if k in allowed})
    for name in changes:
        setattr(plan, name, data[name])
    if data.get("end") and data["end"] < plan.start:
        raise InvalidInput(
            [FieldProblem("end", "Tanggal selesai rencana tidak boleh sebelum tanggal mulai.")]
        )
    plan.full_clean()
    plan.save(update_fields=[*changes, "updated_at"])
    audit_record(actor=actor, action="development_plan_update", obj=plan, changes=changes)
    return plan


@transaction.atomic
def plan_reassess(*, actor: Any, plan: DevelopmentPlan, reassessed_on: date, note: str) -> DevelopmentPlan:
    """Mark the re-assessment done (the results themselves are competency assessments in the people app)."""
    if not policy.may_reassess(user_scope(actor)):
        raise ApplicationError("Hanya Admin Kepegawaian (BKPP) yang mencatat asesmen ulang.")
    if reassessed_on > today():
        raise InvalidInput(
            [FieldProblem("reassessed_on", "Tanggal asesmen ulang tidak boleh di masa depan.")]
        )
    if reassessed_on < plan.start:
        raise InvalidInput([FieldProblem("reassessed_on", "Tanggal asesmen ulang tidak boleh sebelum TMT.")])
    open_items = plan.items.filter(status__in=[PlanItem.Status.PLANNED, PlanItem.Status.ENROLLED]).count()
    plan.reassessed_on = reassessed_on
    plan.reassessment_note = note
    plan.status = DevelopmentPlan.Status.DONE
    plan.save(update_fields=["reassessed_on", "reassessment_note", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="development_plan_reassess",
        obj=plan,
        changes={"reassessed_on": reassessed_on.isoformat(), "open_items": open_items},
        reason=note,
    )
    return plan
