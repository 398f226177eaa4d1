"""Objections (keberatan): the employee files one from the notice; the BKPP queue, the detail with the
recommendation's factors (UU 27/2022 Pasal 10) and the answer. Correction tickets (Pasal 30) live here too."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tepat.core.scoping import today, user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.transfers import selectors_feedback as selectors
from tepat.transfers.forms_feedback import (
    CorrectionForm,
    CorrectionHandleForm,
    ObjectionAnswerForm,
    ObjectionForm,
)
from tepat.transfers.services.objections import (
    correction_file,
    correction_handle,
    feedback_rules,
    first_notice_day,
    objection_answer,
    objection_file,
    objection_mark_read,
    personal_read,
    window_for,
)
from tepat.transfers.views.common import form_error, refused

PAGE_SIZE = 50


def objection_create_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """The employee's form, reachable from their own SK notice only; a closed window says why."""
    notice = scoped_or_404(request, selectors.notice_for_objection, public_id=public_id)
    on = today()
    window = window_for(notice.move, first_notice_day(notice.move), on, feedback_rules(on))
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and window.open and form.is_valid():
        try:
            objection_file(notice=notice, actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, "Keberatan Anda terkirim ke BKPP. Jawaban akan tampil di halaman ini.")
            return redirect("transfers:my_notices")
    status = 400 if form.errors else (409 if request.method == "POST" and not window.open else 200)
    context = {"notice": notice, "form": form, "window": window}
    return render(request, "transfers/objection_create.html", context, status=status)


def objection_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "terbuka")
    status = status if status in selectors.QUEUE_FILTERS else "terbuka"
    page = Paginator(selectors.objection_queue(viewer=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    on = today()
    for objection in page.object_list:
        objection.due_label = selectors.due_text(objection.due_on, on, closed=not objection.is_open)  # type: ignore[attr-defined]
    context = {"page": page, "status": status, "filters": list(selectors.QUEUE_FILTERS), "today": on}
    return render(request, "transfers/objection_list.html", context)


def objection_detail_view(request: HttpRequest, public_id: str) -> HttpResponse:
    objection = scoped_or_404(request, selectors.objection_get, public_id=public_id)
    scope = user_scope(request.user)
    own = objection.move.employee.user_id == request.user.pk
    if own:
        objection_mark_read(objection=objection, actor=request.user)
    personal_read(obj=objection, actor=request.user)
    can_answer = objection.is_open and scope.has(Role.HR_ADMIN, Role.ANALYST) and not own
    context = {
        "objection": objection,
        "own": own,
        "staff": scope.government_wide or bool(scope.unit_paths),
        "can_answer": can_answer,
        "form": ObjectionAnswerForm() if can_answer else None,
        **selectors.objection_context(objection, today()),
    }
    return render(request, "transfers/objection_detail.html", context)


@require_POST
def objection_answer_view(request: HttpRequest, public_id: str) -> HttpResponse:
    objection = scoped_or_404(request, selectors.objection_get, public_id=public_id)
    form = ObjectionAnswerForm(request.POST)
    if form.is_valid():
        try:
            objection_answer(
                objection=objection,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "terima",
                answer=form.cleaned_data["answer"],
                follow_up=form.cleaned_data["follow_up"],
            )
        except ApplicationError as error:
            if not getattr(error, "problems", None):
                return refused(request, error, objection.get_absolute_url())
            form_error(form, error)
        else:
            messages.success(request, "Jawaban tersimpan dan dikirim kepada pegawai.")
            return redirect(objection)
    context = {
        "objection": objection,
        "own": False,
        "staff": True,
        "can_answer": True,
        "form": form,
        **selectors.objection_context(objection, today()),
    }
    return render(request, "transfers/objection_detail.html", context, status=400)


# --- correction tickets (UU 27/2022 Pasal 30) ---


def correction_create_view(request: HttpRequest) -> HttpResponse:
    """`transfers:correction_create`: the "Minta perbaikan data" form, with the employee's own tickets below."""
    form = CorrectionForm(request.POST or None, initial={"field": request.GET.get("data", "")})
    if request.method == "POST" and form.is_valid():
        try:
            ticket = correction_file(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(
                request,
                f"Permintaan perbaikan tercatat; batas waktu penanganan {ticket.due_at:%d-%m-%Y %H:%M}.",
            )
            return redirect("transfers:correction_create")
    context = {"form": form, "tickets": selectors.own_corrections(viewer=request.user)[:50]}
    return render(request, "transfers/correction_create.html", context, status=400 if form.errors else 200)


def correction_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "terbuka")
    page = Paginator(selectors.correction_list(viewer=request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(request, "transfers/correction_list.html", {"page": page, "status": status})


def correction_detail_view(request: HttpRequest, public_id: str) -> HttpResponse:
    ticket = scoped_or_404(request, selectors.correction_get, public_id=public_id)
    if request.method == "GET":
        personal_read(obj=ticket, actor=request.user)
    form = None
    if ticket.is_open and user_scope(request.user).has(Role.HR_ADMIN):
        form = CorrectionHandleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                correction_handle(
                    ticket=ticket,
                    actor=request.user,
                    done=form.cleaned_data["decision"] == "selesai",
                    outcome=form.cleaned_data["outcome"],
                )
            except ApplicationError as error:
                if not getattr(error, "problems", None):
                    return refused(request, error, ticket.get_absolute_url())
                form_error(form, error)
            else:
                messages.success(request, "Hasil tersimpan dan dikirim kepada pegawai.")
                return redirect(ticket)
    status = 400 if form is not None and form.errors else 200
    return render(
        request, "transfers/correction_detail.html", {"ticket": ticket, "form": form}, status=status
    )
