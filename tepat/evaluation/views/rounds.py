"""Post-transfer evaluation pages: the overview (runs + the reviews slot), one round, its Excel export."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tepat.core.forms import BootstrapFormMixin
from tepat.core.scoping import today, user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.evaluation.selectors.reviews import overview_reviews
from tepat.evaluation.selectors.rounds import chart_data, evaluation_run_get, evaluation_runs, round_view
from tepat.evaluation.services.rounds import evaluation_run
from tepat.evaluation.views.round_export import round_xlsx
from tepat.organization.models import Unit, UnitKind

PAGE_SIZE = 50
RUNS_SHOWN = 30
SCOPE_KINDS = (UnitKind.DINAS, UnitKind.BADAN, UnitKind.KECAMATAN, UnitKind.SETDA)


class RoundForm(BootstrapFormMixin, forms.Form):
    round_year = forms.IntegerField(
        label="Tahun putaran (TMT mutasi)",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Tahun putaran wajib diisi.", "invalid": "Tahun putaran harus angka."},
    )
    scope_unit = forms.ModelChoiceField(
        label="Lingkup (unit tujuan)",
        queryset=Unit.objects.filter(kind__in=SCOPE_KINDS).order_by("name"),
        required=False,
        empty_label="Seluruh Pemerintah Kota",
    )
    k = forms.IntegerField(label="Pembanding per pegawai", min_value=1, max_value=10, initial=3)


def overview(request: HttpRequest) -> HttpResponse:
    can_run = user_scope(request.user).has("hr_admin", "analyst")
    form = RoundForm(initial={"round_year": today().year - 1, "k": 3}) if can_run else None
    return render(request, "evaluation/overview.html", _overview_context(request, form))


def _overview_context(request: HttpRequest, form: RoundForm | None) -> dict[str, Any]:
    return {
        "runs": list(evaluation_runs(viewer=request.user)[:RUNS_SHOWN]),
        # a unit head sees a run's figures only re-aggregated over their subtree, on the round page
        "partial": not user_scope(request.user).government_wide,
        "form": form,
        **overview_reviews(viewer=request.user),
    }


@require_POST
def round_create(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            run = evaluation_run(
                actor=request.user,
                round_year=data["round_year"],
                scope_unit=data["scope_unit"],
                parameters={"k": data["k"]},
            )
        except ValidationError as error:
            for name, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
        else:
            messages.success(request, f"Evaluasi putaran {run.round_year} selesai dihitung.")
            return redirect(run.get_absolute_url())
    return render(request, "evaluation/overview.html", _overview_context(request, form), status=400)


def round_detail(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    run = scoped_or_404(request, evaluation_run_get, public_id=public_id)
    view = round_view(viewer=request.user, run=run)
    page = Paginator(view.movers, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "evaluation/round_detail.html",
        {"view": view, "run": run, "page": page, "chart": chart_data(view.chart), "s": view.summary},
    )


def round_export(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    run = scoped_or_404(request, evaluation_run_get, public_id=public_id)
    return round_xlsx(round_view(viewer=request.user, run=run), actor=request.user)
