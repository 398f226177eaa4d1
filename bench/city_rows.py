"""Rows the pages added in session 2 need on top of `seed_city` (evaluation, development, communication, the
auditor's pages, Data Saya), written once per database and fast (a few seconds on the 15,000 city):

* the demo journeys through their own ensure functions (demo accounts, newcomers and their reviews, the past
  round with objections and surveys, last year's evaluation run) — the city contains the Banyumanik units they
  name; on a database without them (the test government) they write nothing and the pages that need one of
  their objects are reported "not yet available";
* one active development plan per seated employee (the city-scale plan list and export): one plan through
  `plan_create`, then copied in bulk for everyone else (same items; positions are each employee's own);
* bench users for the auditor and for one employee (Data Saya, "my plan").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

PLAN_BATCH = 2000


@dataclass(frozen=True)
class AddedRows:
    auditor_id: int
    employee_user_id: int
    round_public_id: str
    plan_public_id: str
    move_public_id: str  # a move with an audit trail (the auditor's case page)
    talent_box: int  # the fullest box of the whole city (the box list)


def _demo_journeys() -> None:
    """The demo journeys' rows; each ensure function is idempotent. Skipped where the demo units are missing."""
    from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist

    from tepat.demo.accounts import demo_accounts_ensure
    from tepat.demo.communication import demo_communication_ensure
    from tepat.demo.development import demo_development_ensure
    from tepat.demo.evaluation import demo_evaluation_ensure
    from tepat.demo.reviews import demo_reviews_ensure

    try:
        with transaction.atomic():
            demo_accounts_ensure()
    except (ObjectDoesNotExist, ImproperlyConfigured):
        return  # not the city (no Banyumanik units) or TEPAT_DEMO off: the journeys' rows are not written
    demo_reviews_ensure()
    demo_development_ensure()
    demo_communication_ensure()
    demo_evaluation_ensure()


def _plans_for_everyone(actor: Any, employee: Any) -> str:
    """One active plan per seated active employee; returns the public id of the fixture employee's plan."""
    from tepat.core.scoping import today
    from tepat.development.models import DevelopmentPlan, PlanItem
    from tepat.development.services.plans import plan_create
    from tepat.people.models import Employee

    active = DevelopmentPlan.objects.filter(status=DevelopmentPlan.Status.ACTIVE)
    template = active.filter(employee=employee).first()
    if template is None:
        start = employee.position_since or today()
        template = plan_create(actor=actor, employee=employee, start=start, reason="Rencana tahunan (bench)")
    items = list(PlanItem.objects.filter(plan=template))
    planned = active.values("employee_id")
    staff = (
        Employee.objects.filter(is_active=True, seat__isnull=False)
        .exclude(pk__in=planned)
        .order_by("pk")
        .values_list("pk", "seat__position_id")
    )
    copied = [
        DevelopmentPlan(
            employee_id=pk, position_id=position, start=template.start, end=template.end,
            reason=template.reason, gaps=template.gaps, missing=template.missing,
            reassessment_due=template.reassessment_due, created_by_id=template.created_by_id,
        )
        for pk, position in staff
    ]  # fmt: skip
    for start in range(0, len(copied), PLAN_BATCH):
        plans = DevelopmentPlan.objects.bulk_create(copied[start : start + PLAN_BATCH])
        PlanItem.objects.bulk_create(
            PlanItem(
                plan=plan, competency_id=i.competency_id, gap=i.gap, route=i.route, course_id=i.course_id,
                activity=i.activity, due=i.due, jp_planned=i.jp_planned,
            )
            for plan in plans
            for i in items
        )  # fmt: skip
    return str(template.public_id)


def _employee_user(employee: Any, bench_user: Any) -> int:
    """The bench employee account, linked to the fixture employee (Data Saya, "my plan")."""
    from tepat.engine.roles import Role
    from tepat.people.models import Employee

    user_id = int(bench_user("bench.employee", Role.EMPLOYEE, None))
    if employee.user_id != user_id:
        Employee.objects.filter(user_id=user_id).exclude(pk=employee.pk).update(user=None)
        Employee.objects.filter(pk=employee.pk).update(user_id=user_id)
    return user_id


def _fullest_box(analyst_id: int) -> int:
    import numpy as np

    from tepat.accounts.models import User
    from tepat.evaluation.selectors.talent import talent_data

    boxes = talent_data(viewer=User.objects.get(pk=analyst_id)).boxes
    placed = boxes[boxes > 0]
    return int(np.bincount(placed).argmax()) if placed.size else 5


def added_rows(*, analyst_id: int, employee_public_id: str, bench_user: Any) -> AddedRows:
    """Write what is missing (idempotent) and return the ids the added pages ask for."""
    from tepat.accounts.models import User
    from tepat.core.models import AuditEntry
    from tepat.engine.roles import Role
    from tepat.evaluation.models import EvaluationRun
    from tepat.people.models import Employee
    from tepat.transfers.models import Move

    _demo_journeys()
    employee = Employee.objects.get(public_id=employee_public_id)
    with transaction.atomic():
        plan = _plans_for_everyone(User.objects.get(pk=analyst_id), employee)
        employee_user = _employee_user(employee, bench_user)
    run = EvaluationRun.objects.order_by("-pk").first()
    audited = set(AuditEntry.objects.filter(object_type="transfers.move").values_list("object_id", flat=True))
    moves = Move.objects.order_by("pk").values_list("public_id", flat=True)
    move = next((str(m) for m in moves if str(m) in audited), None) or next((str(m) for m in moves), "")
    return AddedRows(
        auditor_id=bench_user("bench.auditor", Role.AUDITOR, None),
        employee_user_id=employee_user,
        round_public_id=str(run.public_id) if run else "",
        plan_public_id=plan,
        move_public_id=move,
        talent_box=_fullest_box(analyst_id),
    )
