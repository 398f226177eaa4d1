"""Pages of the review cycle: the list (due, late, needing support) and one review with its form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError, FieldProblem
from tepat.engine.reviews import QUESTION_LABELS, ReviewStatus
from tepat.engine.roles import Role
from tepat.evaluation.forms import ReviewFilterForm, ReviewForm
from tepat.evaluation.selectors.reviews import (
    FILTER_OPEN,
    attention,
    review_counts,
    review_rows,
    review_schedule_get,
    review_schedules,
    skp_history,
)
from tepat.evaluation.services.reviews import current_review_plan, review_submit

PAGE_SIZE = 25


def _query_string(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def review_list(request: HttpRequest) -> HttpResponse:
    # A unit head lands on what they have to do now; the BKPP on everything.
    default = FILTER_OPEN if not user_scope(request.user).government_wide else ""
    form = ReviewFilterForm(request.GET or {"status": default}, viewer=request.user)
    status, query, unit = default, "", None
    if form.is_valid():
        data = form.cleaned_data
        status, query, unit = data["status"], data["q"].strip(), data["unit"]
    plan = current_review_plan()
    rows = review_schedules(viewer=request.user, status=status, query=query, unit=unit, plan=plan)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page_obj": page,
        "rows": review_rows(page.object_list, plan),
        "counts": review_counts(viewer=request.user, plan=plan),
        "plan": plan,
        **attention(viewer=request.user, plan=plan),
        "query_string": _query_string(request),
    }
    return render(request, "evaluation/review_list.html", context)


def _form_error(form: ReviewForm, error: ApplicationError) -> None:
    problems = getattr(error, "problems", None) or [FieldProblem(error.field or "", error.message)]
    for problem in problems:
        form.add_error(problem.path if problem.path in form.fields else None, problem.message)


def review_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    schedule = scoped_or_404(request, review_schedule_get, public_id=public_id)
    plan = current_review_plan()
    [row] = review_rows([schedule], plan)
    scope = user_scope(request.user)
    can_submit = (
        row.status in (ReviewStatus.DUE, ReviewStatus.OVERDUE)
        and scope.has(Role.UNIT_HEAD)
        and any(schedule.unit.path.startswith(p) for p in scope.unit_paths)
    )
    form = ReviewForm(request.POST or None) if can_submit else None
    if request.method == "POST":
        form = form or ReviewForm(request.POST)
        if form.is_valid():
            try:
                review_submit(
                    actor=request.user,
                    schedule=schedule,
                    answers=form.answers(),
                    comments=form.cleaned_data["comments"],
                )
            except ApplicationError as error:
                _form_error(form, error)
            else:
                messages.success(request, "Tinjauan terkirim. Terima kasih.")
                return redirect(schedule.get_absolute_url())
    context: dict[str, Any] = {
        "row": row,
        "schedule": schedule,
        "move": schedule.move,
        "form": form,
        "plan": plan,
        "answers": _answers(row.review),
        "skp": skp_history(schedule=schedule),
    }
    return render(
        request, "evaluation/review_detail.html", context, status=400 if form and form.errors else 200
    )


def _answers(review: Any) -> list[tuple[str, int]]:
    if review is None:
        return []
    return [(label, review.answers.get(code)) for code, label in QUESTION_LABELS.items()]
