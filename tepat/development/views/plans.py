"""Plan pages: the staff list (filters, pagination, export), the plan detail, the employee's own plan, catalogue."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tepat.core.policy_types import BKPP, STAFF_READERS
from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.development import policy, selectors
from tepat.development.exports import plans_xlsx
from tepat.development.forms import (
    CancelForm,
    CompleteForm,
    EnrolForm,
    ItemForm,
    PlanCreateForm,
    PlanFilterForm,
    ReassessForm,
    shared_choices,
    with_choices,
)
from tepat.development.models import DevelopmentPlan, PlanItem, Route
from tepat.development.services.plans import plan_create
from tepat.engine.errors import ApplicationError, FieldProblem
from tepat.people.models import Employee

PAGE_SIZE = 25


def _filters(request: HttpRequest) -> tuple[PlanFilterForm, selectors.PlanFilters]:
    form = PlanFilterForm(request.GET or None, viewer=request.user)
    if not form.is_valid():
        return form, selectors.PlanFilters()
    data = form.cleaned_data
    return form, selectors.PlanFilters(
        unit=data["unit"],
        status=data["status"],
        behind=data["behind"],
        q=data["q"].strip(),
        reassessment_due=data["due"],
    )


def plan_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    plans = selectors.plan_list(viewer=request.user, filters=filters)
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.with_progress(page)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "rows": rows,
        "query_string": query.urlencode(),
        "summary": selectors.plan_summary(viewer=request.user),
        "can_create": user_scope(request.user).has(*BKPP),
    }
    return render(request, "development/plan_list.html", context)


def plan_export_view(request: HttpRequest) -> HttpResponse:
    _, filters = _filters(request)
    return plans_xlsx(viewer=request.user, filters=filters)


def plan_create_view(request: HttpRequest) -> HttpResponse:
    form = PlanCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employee = Employee.objects.visible_to(request.user).filter(nip=data["nip"]).first()
        if employee is None:
            form.add_error("nip", "NIP tidak ditemukan dalam cakupan Anda.")
        else:
            try:
                plan = plan_create(
                    actor=request.user, employee=employee, start=data["start"], reason=data["reason"]
                )
            except ApplicationError as error:
                for problem in getattr(error, "problems", None) or [
                    FieldProblem(error.field or "", error.message)
                ]:
                    # The service names the employee; on this form the employee is the NIP field.
                    name = "nip" if problem.path == "employee" else problem.path
                    form.add_error(name if name in form.fields else None, problem.message)
            else:
                messages.success(request, "Rencana pengembangan disusun dari kesenjangan kompetensi.")
                return redirect(plan)
    return render(request, "development/plan_create.html", {"form": form}, status=400 if form.errors else 200)


def _item_rows(
    request: HttpRequest, plan: DevelopmentPlan, items: list[PlanItem], bound: dict[str, Any]
) -> list[dict[str, Any]]:
    scope = user_scope(request.user)
    own = plan.employee.user_id is not None and plan.employee.user_id == request.user.pk
    active = plan.status == DevelopmentPlan.Status.ACTIVE
    choices = shared_choices() if active and policy.may_plan(scope) else {}
    rows = []
    for item in items:
        key = str(item.public_id)
        open_ = active and item.is_open
        rows.append(
            {
                "item": item,
                "can_enrol": open_
                and item.status == PlanItem.Status.PLANNED
                and policy.enrol_refusal(scope, own=own) is None,
                "can_complete": open_ and policy.completion_refusal(scope, own=own, route=item.route) is None,
                "can_edit": open_ and policy.may_plan(scope),
                "complete_form": bound.get(f"complete:{key}")
                or CompleteForm(
                    initial={"jp": item.jp_planned, "organizer": item.course.provider if item.course else ""},
                    prefix=f"c-{key[:8]}",
                ),
                "edit_form": with_choices(bound.get(f"edit:{key}") or _edit_form(item), choices),
                "cancel_form": bound.get(f"cancel:{key}") or CancelForm(prefix=f"x-{key[:8]}"),
                "enrol_form": bound.get(f"enrol:{key}") or EnrolForm(prefix=f"e-{key[:8]}"),
            }
        )
    return rows


def _edit_form(item: PlanItem) -> ItemForm:
    initial = {
        "course": item.course_id,
        "activity": item.activity,
        "competency": item.competency_id,
        "route": item.route,
        "due": item.due,
        "jp_planned": item.jp_planned,
        "note": item.note,
    }
    return ItemForm(initial=initial, prefix=f"u-{str(item.public_id)[:8]}")


def render_plan(
    request: HttpRequest, plan: DevelopmentPlan, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    view = selectors.plan_view(plan)
    scope = user_scope(request.user)
    bound = bound or {}
    context = {
        "plan": plan,
        "view": view,
        "rows": _item_rows(request, plan, view.items, bound),
        "can_plan": plan.status == DevelopmentPlan.Status.ACTIVE and policy.may_plan(scope),
        "can_reassess": plan.status == DevelopmentPlan.Status.ACTIVE and policy.may_reassess(scope),
        "add_form": bound.get("add") or ItemForm(prefix="add", initial={"route": Route.NONKLASIKAL}),
        "reassess_form": bound.get("reassess") or ReassessForm(prefix="r"),
        "is_staff_view": scope.has(*STAFF_READERS),
    }
    return render(request, "development/plan_detail.html", context, status=status)


def plan_detail_view(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = scoped_or_404(request, selectors.plan_get, public_id=public_id)
    return render_plan(request, plan)


def my_plan_view(request: HttpRequest) -> HttpResponse:
    plans = list(selectors.my_plans(viewer=request.user))
    current = plans[0] if plans else None
    view = selectors.plan_view(current) if current else None
    progress, trainings = selectors.my_progress(viewer=request.user)
    context = {
        "plans": plans,
        "current": current,
        "view": view,
        "my_rows": [{"item": item} for item in view.items] if view else [],
        "progress": progress,
        "trainings": trainings,
    }
    return render(request, "development/my_plan.html", context)


def course_list_view(request: HttpRequest) -> HttpResponse:
    route = request.GET.get("route", "")
    route = route if route in Route.values else ""
    q = request.GET.get("q", "").strip()[:60]
    courses = selectors.course_list(q=q, route=route)
    page = Paginator(courses, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page_obj": page,
        "route": route,
        "q": q,
        "routes": Route.choices,
        "query_string": query.urlencode(),
    }
    return render(request, "development/course_list.html", context)
