"""Item actions (POST only): add, edit or cancel, enrol, complete; and the plan's re-assessment marker.

A refused or invalid action re-renders the plan with the bound form and its errors (status 400 or 409);
nothing is saved in that case.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from tepat.core.views_utils import scoped_or_404
from tepat.development import selectors
from tepat.development.forms import CancelForm, CompleteForm, EnrolForm, ItemForm, ReassessForm
from tepat.development.models import DevelopmentPlan, PlanItem
from tepat.development.services.items import (
    Completion,
    ItemData,
    item_add,
    item_cancel,
    item_complete,
    item_enrol,
    item_update,
)
from tepat.development.services.plans import plan_reassess
from tepat.development.views.plans import render_plan
from tepat.engine.errors import ApplicationError
from tepat.transfers.views.common import form_error


def _run(
    request: HttpRequest,
    plan: DevelopmentPlan,
    form: forms.Form,
    key: str,
    action: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ApplicationError as error:
            form_error(form, error)
            messages.error(request, error.message)
            return render_plan(request, plan, bound={key: form}, status=409 if not form.errors else 400)
        messages.success(request, done)
        return redirect(plan)
    messages.error(request, "Periksa isian yang ditandai.")
    return render_plan(request, plan, bound={key: form}, status=400)


def _item_data(data: dict[str, Any]) -> ItemData:
    return ItemData(
        activity=data["activity"],
        route=data["route"],
        due=data["due"],
        jp_planned=data["jp_planned"],
        course=data["course"],
        competency=data["competency"],
        note=data["note"],
    )


@require_POST
def item_add_view(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = scoped_or_404(request, selectors.plan_get, public_id=public_id)
    form = ItemForm(request.POST, prefix="add")
    return _run(
        request,
        plan,
        form,
        "add",
        lambda data: item_add(actor=request.user, plan=plan, data=_item_data(data)),
        "Kegiatan ditambahkan ke rencana.",
    )


def _item(request: HttpRequest, public_id: str) -> PlanItem:
    return scoped_or_404(request, selectors.item_get, public_id=public_id)


@require_POST
def item_edit_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Edit the item, or cancel it when the form says `batal` (a reason is required)."""
    item = _item(request, public_id)
    key = str(item.public_id)
    if request.POST.get("action") == "batal":
        cancel = CancelForm(request.POST, prefix=f"x-{key[:8]}")
        return _run(
            request,
            item.plan,
            cancel,
            f"cancel:{key}",
            lambda data: item_cancel(actor=request.user, item=item, reason=data["note"]),
            "Kegiatan dibatalkan.",
        )
    form = ItemForm(request.POST, prefix=f"u-{key[:8]}")
    return _run(
        request,
        item.plan,
        form,
        f"edit:{key}",
        lambda data: item_update(actor=request.user, item=item, data=_item_data(data)),
        "Kegiatan diperbarui.",
    )


@require_POST
def item_enrol_view(request: HttpRequest, public_id: str) -> HttpResponse:
    item = _item(request, public_id)
    key = str(item.public_id)
    form = EnrolForm(request.POST, prefix=f"e-{key[:8]}")
    return _run(
        request,
        item.plan,
        form,
        f"enrol:{key}",
        lambda data: item_enrol(actor=request.user, item=item, enrolled_on=data["enrolled_on"]),
        "Pendaftaran dicatat.",
    )


@require_POST
def item_complete_view(request: HttpRequest, public_id: str) -> HttpResponse:
    item = _item(request, public_id)
    key = str(item.public_id)
    form = CompleteForm(request.POST, prefix=f"c-{key[:8]}")
    return _run(
        request,
        item.plan,
        form,
        f"complete:{key}",
        lambda data: item_complete(
            actor=request.user,
            item=item,
            done=Completion(data["start"], data["end"], data["jp"], data["organizer"]),
        ),
        "Penyelesaian dikonfirmasi; JP tercatat di riwayat pelatihan.",
    )


@require_POST
def plan_reassess_view(request: HttpRequest, public_id: str) -> HttpResponse:
    plan = scoped_or_404(request, selectors.plan_get, public_id=public_id)
    form = ReassessForm(request.POST, prefix="r")
    return _run(
        request,
        plan,
        form,
        "reassess",
        lambda data: plan_reassess(
            actor=request.user, plan=plan, reassessed_on=data["reassessed_on"], note=data["note"]
        ),
        "Asesmen ulang dicatat; rencana selesai.",
    )
