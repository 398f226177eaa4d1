"""Scenario pages: list/create, settings, run with progress, plan, lock/forbid, compare, export. Thin views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View
from django.views.generic import TemplateView

from tepat.core.scoping import today
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.organization.models import Seat
from tepat.people.models import Employee
from tepat.planning.models import ScenarioPair
from tepat.planning.scenarios import selectors
from tepat.planning.scenarios.compare import runs_compare
from tepat.planning.scenarios.export import scenario_run_xlsx
from tepat.planning.scenarios.forms import PairForm, ScenarioForm
from tepat.planning.scenarios.services import (
    scenario_create,
    scenario_pair_remove,
    scenario_pair_set,
    scenario_run_send,
    scenario_run_start,
    scenario_update,
)


def form_errors(form: Any, error: ValidationError) -> None:
    """Service errors onto the form, each under the field it names."""
    for field, messages_ in error.message_dict.items():
        target = field if field in form.fields else None
        for message in messages_:
            form.add_error(target, message)


class ScenarioListView(TemplateView):
    template_name = "planning/scenarios/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "scenarios": selectors.scenario_list(viewer=self.request.user),
        }


class ScenarioFormView(View):
    """Create (no public_id) or change the settings of a scenario."""

    template_name = "planning/scenarios/form.html"

    def _scenario(self, request: HttpRequest, public_id: Any) -> Any:
        return scoped_or_404(request, selectors.scenario_get, public_id=public_id) if public_id else None

    def get(self, request: HttpRequest, public_id: Any = None) -> HttpResponse:
        scenario = self._scenario(request, public_id)
        initial = {} if scenario else {"on": today()}
        form = ScenarioForm(instance=scenario, initial=initial)
        return render(request, self.template_name, {"form": form, "scenario": scenario})

    def post(self, request: HttpRequest, public_id: Any = None) -> HttpResponse:
        scenario = self._scenario(request, public_id)
        form = ScenarioForm(request.POST, instance=scenario)
        if form.is_valid():
            data = form.cleaned_data
            args = {"actor": request.user, "fields": data, "scope_units": list(data["scope_units"]),
                    "pool_extra": data["pool_extra_nips"]}  # fmt: skip
            try:
                saved = scenario_update(scenario=scenario, **args) if scenario else scenario_create(**args)
            except ValidationError as error:
                form_errors(form, error)
            else:
                messages.success(request, "Skenario disimpan. Jalankan untuk mendapatkan rencana.")
                return redirect(saved)
        return render(request, self.template_name, {"form": form, "scenario": scenario}, status=400)


class ScenarioDetailView(TemplateView):
    template_name = "planning/scenarios/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        scenario = scoped_or_404(self.request, selectors.scenario_get, public_id=kwargs["public_id"])
        return {
            **super().get_context_data(**kwargs),
            "scenario": scenario,
            "runs": selectors.scenario_runs(scenario=scenario),
            "pairs": selectors.scenario_pairs(scenario=scenario),
            "scope_units": list(scenario.scope_units.all()),
        }


class ScenarioRunStartView(View):
    def post(self, request: HttpRequest, public_id: Any) -> HttpResponse:
        scenario = scoped_or_404(request, selectors.scenario_get, public_id=public_id)
        run = scenario_run_start(scenario=scenario, actor=request.user)
        return redirect(run)


class ScenarioRunView(TemplateView):
    """The plan of one version, or its progress bar while it is computed."""

    template_name = "planning/scenarios/run.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        run = scoped_or_404(self.request, selectors.scenario_run_get, public_id=kwargs["public_id"])
        context = {**super().get_context_data(**kwargs), "run": run, "scenario": run.scenario}
        if run.finished:
            context["pairs"] = selectors.scenario_pairs(scenario=run.scenario)
            context["others"] = [r for r in selectors.scenario_runs(scenario=run.scenario) if r.pk != run.pk]
        return context


class ScenarioRunProgressView(View):
    """Polled by htmx every second; tells the page to reload once the run has finished."""

    def get(self, request: HttpRequest, public_id: Any) -> HttpResponse:
        run = scoped_or_404(request, selectors.scenario_run_status, public_id=public_id)
        response = render(request, "planning/scenarios/_progress.html", {"run": run})
        if run.finished:
            response["HX-Refresh"] = "true"
        return response


class ScenarioPairView(View):
    """Lock or forbid a pair (from a row of the plan), or remove one; then back to where the analyst was."""

    def post(self, request: HttpRequest, public_id: Any) -> HttpResponseBase:
        scenario = scoped_or_404(request, selectors.scenario_get, public_id=public_id)
        back = request.POST.get("next") or scenario.get_absolute_url()
        if not back.startswith("/") or back.startswith("//"):
            back = scenario.get_absolute_url()
        if "remove" in request.POST:
            pair = get_object_or_404(ScenarioPair, pk=request.POST["remove"], scenario=scenario)
            scenario_pair_remove(scenario=scenario, actor=request.user, pair=pair)
            messages.success(request, "Pasangan dihapus dari skenario.")
            return redirect(back)
        form = PairForm(request.POST)
        if not form.is_valid():
            messages.error(
                request, "Pasangan tidak valid: " + "; ".join(f"{k}: {v[0]}" for k, v in form.errors.items())
            )
            return redirect(back)
        data = form.cleaned_data
        employee = get_object_or_404(Employee, public_id=data["employee"])
        seat = get_object_or_404(Seat, public_id=data["seat"])
        try:
            pair = scenario_pair_set(scenario=scenario, actor=request.user, employee=employee, seat=seat,
                                     kind=data["kind"], reason=data["reason"])  # fmt: skip
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, f"{pair.get_kind_display()}: {employee.full_name}. Hitung ulang untuk versi baru."
            )
        return redirect(back)


class ScenarioCompareView(TemplateView):
    template_name = "planning/scenarios/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        scenario = scoped_or_404(self.request, selectors.scenario_get, public_id=kwargs["public_id"])
        runs = {str(r.public_id): r for r in scenario.runs.select_related("scenario")}
        a, b = runs.get(self.request.GET.get("a", "")), runs.get(self.request.GET.get("b", ""))
        if a is None or b is None:
            raise Http404("Pilih dua versi skenario ini untuk dibandingkan.")
        return {**super().get_context_data(**kwargs), "scenario": scenario, "cmp": runs_compare(a=a, b=b)}


class ScenarioRunExportView(View):
    def get(self, request: HttpRequest, public_id: Any) -> HttpResponse:
        run = scoped_or_404(request, selectors.scenario_run_get, public_id=public_id)
        if not run.finished or not run.plan:
            raise Http404("Versi ini belum selesai dihitung.")
        return scenario_run_xlsx(run=run, actor=request.user)


class ScenarioRunSendView(View):
    """The chosen moves of a version become one batch proposal (draf) in the transfer workflow."""

    def post(self, request: HttpRequest, public_id: Any) -> HttpResponse:
        run = scoped_or_404(request, selectors.scenario_run_get, public_id=public_id)
        try:
            selected = [tuple(int(x) for x in value.split(":")) for value in request.POST.getlist("move")]
            proposal = scenario_run_send(run=run, actor=request.user, selected=selected)  # type: ignore[arg-type]
        except ValueError:
            messages.error(request, "Pilihan mutasi tidak valid.")
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except ApplicationError as error:
            messages.error(
                request, f"Usulan ditolak: {error.message} ({error.field})" if error.field else error.message
            )
        else:
            messages.success(
                request, f'Usulan "{proposal.title}" dibuat dengan {proposal.moves.count()} mutasi (draf).'
            )
        return redirect(run)
