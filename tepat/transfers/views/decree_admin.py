"""The BKPP admin's SK pages: the data blocks of the template (R-19) and the correction SK (R-30)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.transfers import selectors
from tepat.transfers.forms import CorrectionForm, DecreeSettingsForm
from tepat.transfers.services.decree import CORRECTABLE, decree_issue, decree_settings
from tepat.transfers.services.decree_blocks import decree_settings_update
from tepat.transfers.views.common import form_error, refused


def decree_settings_view(request: HttpRequest) -> HttpResponse:
    """Menimbang, Mengingat, signer and tembusan for the next SKs; issued SKs keep their frozen text."""
    current = decree_settings()
    form = DecreeSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            decree_settings_update(actor=request.user, data=form.cleaned_data)
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, "Isian SK tersimpan; berlaku untuk SK yang terbit berikutnya.")
            return redirect("transfers:decree_settings")
    context = {"form": form, "current": current, "can_edit": user_scope(request.user).has(Role.HR_ADMIN)}
    return render(request, "transfers/decree_settings.html", context, status=400 if form.errors else 200)


@require_POST
def decree_correct_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Issue a new SK that corrects this one for the chosen moves; the old SK stays as it was."""
    decree = scoped_or_404(request, selectors.decree_get, public_id=public_id)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        label = form.fields[field].label if field in form.fields else "Masukan"
        error = ApplicationError(f"{label}: {errors[0]}", field=field)
        return refused(request, error, decree.get_absolute_url(), 400)
    chosen = set(request.POST.getlist("move"))
    moves = [m for m in decree.moves.all() if str(m.public_id) in chosen and m.status in CORRECTABLE]
    try:
        correction = decree_issue(
            actor=request.user,
            moves=moves,
            tmt=form.cleaned_data["tmt"],
            corrects=decree,
            correction_reason=form.cleaned_data["correction_reason"],
        )
    except ApplicationError as error:
        return refused(request, error, decree.get_absolute_url())
    messages.success(request, f"SK perbaikan {correction.number_text} terbit atas SK {decree.number_text}.")
    return redirect(correction)
