"""Authority pages: the PPK's delegation grants, Plt./Plh. for seats a decision leaves open, rule overrides."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tepat.core.scoping import today, user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.transfers import selectors
from tepat.transfers.forms import ActingForm, DelegationForm, OverrideForm
from tepat.transfers.services.decisions import acting_appoint, delegation_grant, rule_override_record
from tepat.transfers.views.common import form_error, refused


def delegation_list_view(request: HttpRequest) -> HttpResponse:
    """Pelimpahan wewenang PPK: a period and a unit subtree; the PPK grants, BKPP and the auditor read."""
    form = DelegationForm(request.POST or None, initial={"valid_from": today()})
    if request.method == "POST" and form.is_valid():
        try:
            delegation_grant(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, "Pelimpahan wewenang tercatat.")
            return redirect("transfers:delegation_list")
    context = {
        "form": form,
        "can_grant": user_scope(request.user).has(Role.APPROVER),
        "grants": selectors.delegation_list(viewer=request.user)[:200],
        "today": today(),
    }
    return render(request, "transfers/delegation_list.html", context, status=400 if form.errors else 200)


def acting_list_view(request: HttpRequest) -> HttpResponse:
    """Plt./Plh. for the origin seats of decided moves; a head seat also gives a unit-head grant."""
    moves = list(selectors.seats_left_open(viewer=request.user)[:200])
    form = ActingForm(request.POST or None, moves=moves, initial={"valid_from": today(), "kind": "plt"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        move = next(m for m in moves if str(m.public_id) == data["move"])
        try:
            acting_appoint(
                actor=request.user,
                seat=move.origin_seat,  # type: ignore[arg-type]
                employee=data["nip"],
                kind=data["kind"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                basis=data["basis"],
                move=move,
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, "Penunjukan Plt./Plh. tercatat.")
            return redirect("transfers:acting_list")
    context = {
        "form": form,
        "can_appoint": user_scope(request.user).has(Role.HR_ADMIN),
        "appointments": selectors.acting_list(viewer=request.user)[:200],
    }
    return render(request, "transfers/acting_list.html", context, status=400 if form.errors else 200)


def override_choices(snapshot: dict[str, Any]) -> list[str]:
    """The hard rules that fail in the move's latest assessment (the ones an override can lift)."""
    rules: list[dict[str, Any]] = snapshot.get("rules", [])
    return sorted(
        {str(r["rule_id"]) for r in rules if r.get("outcome") == "fail" and r.get("severity") == "hard"}
    )


@require_POST
def override_record_view(request: HttpRequest, public_id: str) -> HttpResponse:
    move = scoped_or_404(request, selectors.move_get, public_id=public_id)
    snapshot = move.verification_snapshot or move.proposed_snapshot
    form = OverrideForm(request.POST, rule_ids=override_choices(snapshot))
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else "Masukan"
        return refused(
            request, ApplicationError(f"{label}: {errors[0]}", field=field), move.get_absolute_url(), 400
        )
    try:
        rule_override_record(move=move, actor=request.user, **form.cleaned_data)
    except ApplicationError as error:
        return refused(request, error, move.get_absolute_url())
    messages.success(request, f"Pengecualian aturan {form.cleaned_data['rule_id']} tercatat.")
    return redirect(move)
