"""Shared view helpers: refusals as 409 pages with the reason, service errors on forms, PDFs with no-store."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tepat.engine.errors import ApplicationError, FieldProblem


def refused(request: HttpRequest, error: ApplicationError, back: str, status: int = 409) -> HttpResponse:
    """The reason in Indonesian, naming the field where there is one; nothing was changed."""
    context = {"message": error.message, "field": error.field, "back": back}
    return render(request, "transfers/refused.html", context, status=status)


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def form_error(form: Any, error: ApplicationError) -> None:
    """Put a service's refusal on the form: each problem on the field it names, else at the top."""
    problems = getattr(error, "problems", None) or [FieldProblem(error.field or "", error.message)]
    for problem in problems:
        name = problem.path.split(".")[-1]
        form.add_error(name if name in form.fields else None, problem.message)
