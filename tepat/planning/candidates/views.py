"""Candidate pages: thin views that parse input, call one selector or service, and render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.generic import TemplateView, View

from tepat.core.scoping import today
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import InvalidInput
from tepat.engine.fit import COMPONENTS
from tepat.engine.reference import POSITION_KIND_LABELS
from tepat.people.selectors import employee_get
from tepat.planning.candidates import forms
from tepat.planning.candidates.profiles import (
    ProfileInput,
    component_labels,
    ranking_profile_create,
    ranking_profile_list,
    ranking_profiles_for_kinds,
    weights_as_percent,
)
from tepat.planning.candidates.ranking import ELIGIBLE, CandidateFilters, candidate_ranking
from tepat.planning.candidates.selectors import (
    candidate_compare,
    employee_competency_gaps,
    employee_fit_positions,
    seat_for_ranking,
)
from tepat.planning.candidates.services import candidate_ranking_record, candidate_view_record


def _filters(form: forms.CandidateFilterForm) -> tuple[CandidateFilters, str, int]:
    if not form.is_valid():
        return CandidateFilters(), ELIGIBLE, 1
    data = form.cleaned_data
    filters = CandidateFilters(unit=data["unit"], rank=data["rank"], order=data["order"] or "lengkap")
    return filters, data["tab"] or ELIGIBLE, data["page"] or 1


class CandidateRankingView(TemplateView):
    template_name = "planning/candidates/ranking.html"

    def get_template_names(self) -> list[str]:
        if getattr(self.request, "htmx", False):
            return ["planning/candidates/_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        seat = scoped_or_404(self.request, seat_for_ranking, public_id=kwargs["public_id"])
        form = forms.CandidateFilterForm(self.request.GET or None)
        filters, tab, page = _filters(form)
        ranking = candidate_ranking(
            viewer=self.request.user, seat=seat, on=today(), filters=filters, tab=tab, page=page
        )
        context["record"] = candidate_ranking_record(actor=self.request.user, ranking=ranking)
        context.update(ranking=ranking, seat=seat, position=seat.position, form=form)
        context["query"] = _query_without(self.request, "page", "tab")
        return context


def _query_without(request: HttpRequest, *keys: str) -> str:
    params = request.GET.copy()
    for key in keys:
        params.pop(key, None)
    return params.urlencode()


class CandidateCompareView(View):
    template_name = "planning/candidates/compare.html"

    def get(self, request: HttpRequest, public_id: str) -> HttpResponse:
        seat = scoped_or_404(request, seat_for_ranking, public_id=public_id)
        form = forms.CompareForm(request.GET)
        context: dict[str, Any] = {"seat": seat, "position": seat.position, "form": form}
        if not form.is_valid():
            return render(request, self.template_name, context, status=400)
        try:
            comparison = candidate_compare(
                viewer=request.user, seat=seat, on=today(), employee_ids=form.cleaned_data["e"]
            )
        except ObjectDoesNotExist:
            form.add_error("e", "kandidat tidak dikenal atau tidak aktif")
            return render(request, self.template_name, context, status=400)
        candidate_view_record(
            actor=request.user,
            action="view_candidate_comparison",
            subject=str(seat.public_id),
            changes={"candidates": form.cleaned_data["e"], "profile": comparison.profile.label},
        )
        context["comparison"] = comparison
        return render(request, self.template_name, context)


class EmployeeFitView(TemplateView):
    template_name = "planning/candidates/employee_fit.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        employee = scoped_or_404(self.request, employee_get, public_id=kwargs["public_id"])
        suggestions = employee_fit_positions(employee=employee, on=today())
        candidate_view_record(
            actor=self.request.user,
            action="view_employee_fit",
            subject=str(employee.public_id),
            changes={"suggested": [str(s.seat.public_id) for s in suggestions]},
        )
        context.update(
            employee=employee, suggestions=suggestions, gaps=employee_competency_gaps(employee=employee)
        )
        return context


class RankingProfileListView(TemplateView):
    template_name = "planning/candidates/profile_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["profiles"] = ranking_profile_list()
        current = ranking_profiles_for_kinds()
        context["current"] = [(POSITION_KIND_LABELS[kind], profile) for kind, profile in current.items()]
        context["components"] = component_labels()
        return context


class RankingProfileCreateView(View):
    template_name = "planning/candidates/profile_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        kind = request.GET.get("position_kind", "")
        current = ranking_profiles_for_kinds().get(kind)
        initial: dict[str, Any] = {"position_kind": kind}
        if current is not None:
            percent = weights_as_percent(current.weights)
            initial.update({f"weight_{key}": value for key, value in percent.items()})
            initial.update(method=current.method, core_weight=current.core_weight * 100)
        form = forms.RankingProfileForm(initial=initial)
        return render(request, self.template_name, {"form": form})

    def post(self, request: HttpRequest) -> HttpResponseBase:
        form = forms.RankingProfileForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                row = ranking_profile_create(actor=request.user, data=_profile_input(data))
            except InvalidInput as exc:
                for problem in exc.problems:
                    form.add_error(problem.path if problem.path in form.fields else None, problem.message)
            else:
                messages.success(request, f"Profil {row} disimpan.")
                return redirect("planning:ranking_profile_list")
        return render(request, self.template_name, {"form": form}, status=400)


def _profile_input(data: dict[str, Any]) -> ProfileInput:
    return ProfileInput(
        position_kind=data["position_kind"],
        method=data["method"],
        weights={c.value: data[f"weight_{c.value}"] for c in COMPONENTS},
        core_weight=data["core_weight"] / 100,
        note=data["note"],
    )
