"""Plan items: add, edit, cancel, enrol, complete (completion writes the employee's riwayat pelatihan)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record, diff
from tepat.core.scoping import Scope, today, user_scope
from tepat.development import policy
from tepat.development.models import DevelopmentPlan, PlanItem, Route, TrainingCourse
from tepat.engine.errors import ApplicationError, FieldProblem, InvalidInput
from tepat.organization.models import Competency
from tepat.people.services.records import RecordKind, records_bulk_add

MAX_JP = Decimal(999)


@dataclass(frozen=True)
class ItemData:
    activity: str
    route: str
    due: date
    jp_planned: Decimal
    course: TrainingCourse | None = None
    competency: Competency | None = None
    note: str = ""


@dataclass(frozen=True)
class Completion:
    start: date
    end: date
    jp: Decimal
    organizer: str = ""


def _visible(actor: Any, plan: DevelopmentPlan) -> None:
    if not DevelopmentPlan.objects.visible_to(actor).filter(pk=plan.pk).exists():
        raise ApplicationError("Rencana pengembangan tidak ditemukan.")


def _locked(item: PlanItem) -> PlanItem:
    """The item re-read under a row lock (its status as of now, not as of the page the actor saw)."""
    return (
        PlanItem.objects.select_for_update(of=("self",))
        .select_related("plan__employee", "course")
        .get(pk=item.pk)
    )


def _active(plan: DevelopmentPlan) -> None:
    if plan.status != DevelopmentPlan.Status.ACTIVE:
        raise ApplicationError("Rencana ini sudah tidak aktif; kegiatan tidak dapat diubah.")


def _own(actor: Any, plan: DevelopmentPlan) -> bool:
    return plan.employee.user_id is not None and plan.employee.user_id == actor.pk


def _planner(actor: Any, plan: DevelopmentPlan) -> Scope:
    _visible(actor, plan)
    scope = user_scope(actor)
    if not policy.may_plan(scope):
        raise ApplicationError(policy.NOT_PLANNER)
    _active(plan)
    return scope


def _check(data: ItemData, plan: DevelopmentPlan) -> None:
    problems = []
    if not data.activity.strip() and data.course is None:
        problems.append(FieldProblem("activity", "Isi nama kegiatan atau pilih pelatihan dari katalog."))
    if data.course is None and data.route not in Route.values:
        problems.append(FieldProblem("route", "Jalur harus klasikal atau nonklasikal."))
    if not Decimal(0) < data.jp_planned <= MAX_JP:
        problems.append(
            FieldProblem("jp_planned", "JP direncanakan harus lebih dari 0 dan paling banyak 999.")
        )
    if data.due < plan.start:
        problems.append(FieldProblem("due", "Tenggat tidak boleh sebelum TMT/awal rencana."))
    if problems:
        raise InvalidInput(problems)


@transaction.atomic
def item_add(*, actor: Any, plan: DevelopmentPlan, data: ItemData) -> PlanItem:
    _planner(actor, plan)
    _check(data, plan)
    item = PlanItem(
        plan=plan,
        competency=data.competency,
        route=data.course.route if data.course else data.route,
        course=data.course,
        activity=(data.activity.strip() or (data.course.name if data.course else ""))[:200],
        due=data.due,
        jp_planned=data.jp_planned,
        note=data.note,
        reason="Ditambahkan oleh penyusun rencana.",
    )
    item.full_clean()
    item.save()
    audit_record(actor=actor, action="plan_item_add", obj=plan, changes={"item": str(item.public_id)})
    return item


EDITABLE = ("activity", "route", "due", "jp_planned", "course", "competency", "note")


@transaction.atomic
def item_update(*, actor: Any, item: PlanItem, data: ItemData) -> PlanItem:
    _planner(actor, item.plan)
    if not item.is_open:
        raise ApplicationError("Kegiatan yang sudah selesai atau batal tidak dapat diubah.")
    _check(data, item.plan)
    values = {name: getattr(data, name) for name in EDITABLE}
    values["activity"] = (data.activity.strip() or (data.course.name if data.course else ""))[:200]
    if data.course is not None:
        values["route"] = data.course.route
    changes = diff(item, values)
    for name, value in values.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action="plan_item_update",
        obj=item.plan,
        changes={"item": str(item.public_id), **changes},
    )
    return item


@transaction.atomic
def item_cancel(*, actor: Any, item: PlanItem, reason: str) -> PlanItem:
    _planner(actor, item.plan)
    if not item.is_open:
        raise ApplicationError("Kegiatan yang sudah selesai atau batal tidak dapat dibatalkan.")
    if not reason.strip():
        raise InvalidInput([FieldProblem("note", "Alasan pembatalan wajib diisi.")])
    item.status = PlanItem.Status.CANCELLED
    item.note = reason.strip()
    item.save(update_fields=["status", "note", "updated_at"])
    audit_record(
        actor=actor,
        action="plan_item_cancel",
        obj=item.plan,
        changes={"item": str(item.public_id)},
        reason=reason,
    )
    return item


@transaction.atomic
def item_enrol(*, actor: Any, item: PlanItem, enrolled_on: date | None = None) -> PlanItem:
    item = _locked(item)
    plan = item.plan
    _visible(actor, plan)
    refusal = policy.enrol_refusal(user_scope(actor), own=_own(actor, plan))
    if refusal:
        raise ApplicationError(refusal)
    _active(plan)
    if item.status != PlanItem.Status.PLANNED:
        raise ApplicationError("Hanya kegiatan berstatus direncanakan yang dapat dicatat terdaftar.")
    day = enrolled_on or today()
    if day > today():
        raise InvalidInput([FieldProblem("enrolled_on", "Tanggal mendaftar tidak boleh di masa depan.")])
    item.status = PlanItem.Status.ENROLLED
    item.enrolled_on = day
    item.save(update_fields=["status", "enrolled_on", "updated_at"])
    audit_record(actor=actor, action="plan_item_enrol", obj=plan, changes={"item": str(item.public_id)})
    return item


def _completion_problems(item: PlanItem, done: Completion) -> list[FieldProblem]:
    problems = []
    if done.end > today():
        problems.append(FieldProblem("end", "Tanggal selesai pelatihan tidak boleh di masa depan."))
    if done.start > done.end:
        problems.append(FieldProblem("start", "Tanggal mulai pelatihan tidak boleh sesudah tanggal selesai."))
    if done.end < item.plan.start:
        problems.append(FieldProblem("end", "Pelatihan yang selesai sebelum TMT tidak termasuk rencana ini."))
    if not Decimal(0) < done.jp <= MAX_JP:
        problems.append(FieldProblem("jp", "JP harus lebih dari 0 dan paling banyak 999."))
    return problems


@transaction.atomic
def item_complete(*, actor: Any, item: PlanItem, done: Completion) -> PlanItem:
    """Confirm completion: writes a people.TrainingRecord (the JP counted) and links it; audited twice.

    The item row is locked first, so two confirmations at once write one training record, not two.
    """
    item = _locked(item)
    plan = item.plan
    _visible(actor, plan)
    refusal = policy.completion_refusal(user_scope(actor), own=_own(actor, plan), route=item.route)
    if refusal:
        raise ApplicationError(refusal)
    _active(plan)
    if not item.is_open:
        raise ApplicationError("Kegiatan ini sudah selesai atau batal.")
    problems = _completion_problems(item, done)
    if problems:
        raise InvalidInput(problems)
    organizer = done.organizer.strip() or (item.course.provider if item.course else "")
    (record,) = records_bulk_add(
        actor=actor,
        kind=RecordKind.TRAINING,
        rows=[
            {
                "employee_id": plan.employee_id,
                "title": item.activity,
                "kind": item.route,
                "jp": done.jp,
                "start": done.start,
                "end": done.end,
                "organizer": organizer[:150],
            }
        ],
        reason=f"Kegiatan rencana pengembangan {plan.public_id}",
    )
    item.training = record  # type: ignore[assignment]
    item.status = PlanItem.Status.DONE
    item.save(update_fields=["training", "status", "updated_at"])
    audit_record(
        actor=actor,
        action="plan_item_complete",
        obj=plan,
        changes={"item": str(item.public_id), "jp": str(done.jp), "end": done.end.isoformat()},
    )
    return item
