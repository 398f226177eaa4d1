"""The employee's own request (mutasi atas permintaan sendiri): pick a unit, then an open seat, reason, letter."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tepat.engine.errors import ApplicationError
from tepat.organization.models import Unit
from tepat.transfers import selectors
from tepat.transfers.forms import OwnRequestForm, UnitPickForm
from tepat.transfers.services.own_request import hard_failures, own_request_create
from tepat.transfers.views.common import form_error


def _unit(request: HttpRequest) -> Unit | None:
    data = request.POST if request.method == "POST" else request.GET
    pick = UnitPickForm({"unit": data.get("unit", "")})
    return pick.cleaned_data["unit"] if pick.is_valid() else None


def own_request_view(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    seats = list(selectors.open_seats(unit=unit)) if unit else []
    initial = {"unit": unit.public_id} if unit else {}
    form = OwnRequestForm(request.POST or None, request.FILES or None, seats=seats, initial=initial)
    if request.method == "POST" and unit is None:
        form.add_error(None, "Pilih unit tujuan terlebih dahulu.")
    elif request.method == "POST" and form.is_valid():
        seat = next(s for s in seats if str(s.public_id) == form.cleaned_data["seat"])
        try:
            proposal = own_request_create(
                actor=request.user,
                seat=seat,
                reason=form.cleaned_data["reason"],
                letter=form.cleaned_data["berkas"],
            )
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(
                request, "Permohonan tersimpan. Atasan atau BKPP meneruskannya untuk diverifikasi."
            )
            for message in hard_failures(proposal):
                messages.warning(request, f"Syarat yang belum terpenuhi hari ini: {message}")
            return redirect("transfers:my_notices")
    context = {
        "pick": UnitPickForm(initial={"unit": unit.public_id} if unit else None),
        "unit": unit,
        "seats": seats,
        "form": form,
    }
    return render(request, "transfers/own_request.html", context, status=400 if form.errors else 200)
