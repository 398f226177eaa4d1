"""The pulse survey: the employee's open surveys and the answer form; aggregated results for leaders only."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from tepat.core.scoping import today
from tepat.core.views_utils import scoped_or_404
from tepat.engine.communication import QUESTIONS
from tepat.engine.errors import ApplicationError
from tepat.transfers import selectors_feedback as selectors
from tepat.transfers.forms_feedback import SurveyForm
from tepat.transfers.services.objections import feedback_rules
from tepat.transfers.services.surveys import survey_answer
from tepat.transfers.views.common import form_error


def survey_list_view(request: HttpRequest) -> HttpResponse:
    surveys = selectors.open_surveys(viewer=request.user, on=today())
    return render(request, "transfers/survey_list.html", {"surveys": surveys})


def survey_answer_view(request: HttpRequest, public_id: str) -> HttpResponse:
    survey = scoped_or_404(request, selectors.survey_get, public_id=public_id)
    form = SurveyForm(request.POST or None)
    if survey.answered_at is None and request.method == "POST" and form.is_valid():
        raw = {q.code: form.cleaned_data.get(q.code) for q in QUESTIONS}
        try:
            survey_answer(survey=survey, actor=request.user, raw=raw, comment=form.cleaned_data["comment"])
        except ApplicationError as error:
            form_error(form, error)
        else:
            messages.success(request, "Terima kasih, jawaban Anda tersimpan.")
            return redirect("transfers:survey_list")
    context = {"survey": survey, "form": form, "closed": survey.closes_on < today()}
    return render(request, "transfers/survey_answer.html", context, status=400 if form.errors else 200)


def survey_results_view(request: HttpRequest) -> HttpResponse:
    on = today()
    context = {
        "rows": selectors.survey_results(viewer=request.user, on=on),
        "questions": QUESTIONS,
        "rules": feedback_rules(on),
    }
    return render(request, "transfers/survey_results.html", context)
