"""The employee's own page to state up to three placement preferences (issue 5 item 6)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from tepat.people.models import MAX_PREFERENCES, Employee
from tepat.people.selectors import employee_for_user
from tepat.people.services.preferences import PreferenceItem, employee_preferences_set
from tepat.planning.scenarios.forms import PreferenceForm
from tepat.planning.scenarios.selectors import preferences_of
from tepat.planning.scenarios.views import form_errors

TEMPLATE = "planning/scenarios/my_preferences.html"


def _me(request: HttpRequest) -> Employee:
    employee = employee_for_user(user=request.user)
    if employee is None:
        raise Http404("Akun ini tidak terhubung dengan data pegawai.")
    return employee


def _initial(employee: Employee) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for row in preferences_of(employee=employee):
        k = row.rank
        initial |= {f"unit_{k}": row.unit_id, f"position_{k}": row.position_id, f"reason_{k}": row.reason,
                    f"note_{k}": row.note}  # fmt: skip
    return initial


def _items(data: dict[str, Any]) -> list[PreferenceItem]:
    items = []
    for k in range(1, MAX_PREFERENCES + 1):
        if data.get(f"unit_{k}") or data.get(f"position_{k}"):
            items.append(PreferenceItem(data.get(f"unit_{k}"), data.get(f"position_{k}"), data[f"reason_{k}"],
                                        data.get(f"note_{k}") or ""))  # fmt: skip
    return items


class MyPreferencesView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        employee = _me(request)
        form = PreferenceForm(initial=_initial(employee))
        return render(request, TEMPLATE, {"form": form, "employee": employee})

    def post(self, request: HttpRequest) -> HttpResponse:
        employee = _me(request)
        form = PreferenceForm(request.POST)
        if form.is_valid():
            try:
                count = employee_preferences_set(
                    employee=employee, actor=request.user, items=_items(form.cleaned_data)
                )
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(
                    request, f"{count} pilihan penempatan disimpan." if count else "Pilihan dikosongkan."
                )
                return redirect("planning:my_preferences")
        return render(request, TEMPLATE, {"form": form, "employee": employee}, status=400)
