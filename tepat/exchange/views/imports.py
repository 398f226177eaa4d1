"""Import pages: upload → preview (with progress for large files) → commit or rollback. Thin: parse, call one
service or selector, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import TemplateView

from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.exchange.columns import COLUMNS, ImportKind
from tepat.exchange.forms import CommitForm, UploadForm
from tepat.exchange.safety import xlsx_response
from tepat.exchange.selectors import import_batch_get, import_batch_list, template_sheets
from tepat.exchange.services.batches import import_batch_create, import_batch_request_commit
from tepat.exchange.services.rollback import import_batch_rollback


def _home_context(request: HttpRequest, form: UploadForm | None = None) -> dict[str, Any]:
    is_admin = user_scope(request.user).has(Role.HR_ADMIN)
    return {
        "is_admin": is_admin,
        "form": form or UploadForm(),
        "kinds": [(kind, label, COLUMNS[kind]) for kind, label in ImportKind.choices],
        "batches": import_batch_list(viewer=request.user) if is_admin else [],
    }


class ExchangeHomeView(TemplateView):
    template_name = "exchange/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **_home_context(self.request)}


class TemplateDownloadView(View):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        if kind not in ImportKind.values:
            return HttpResponse(status=404)
        sheets = template_sheets(kind=kind)
        return xlsx_response(f"templat-{kind}.xlsx", sheets, actor=request.user, subject="exchange.template")


class ImportUploadView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                batch = import_batch_create(
                    actor=request.user, upload=form.cleaned_data["berkas"], kind=form.cleaned_data["kind"]
                )
            except ApplicationError as error:
                form.add_error("berkas", error.message)
            else:
                return redirect(batch)
        return render(request, "exchange/home.html", _home_context(request, form), status=400)


class ImportBatchDetailView(TemplateView):
    template_name = "exchange/batch_detail.html"

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["exchange/_batch_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        batch = scoped_or_404(self.request, import_batch_get, public_id=kwargs["public_id"])
        return {
            **super().get_context_data(**kwargs),
            "batch": batch,
            "commit_form": CommitForm(),
            "is_admin": user_scope(self.request.user).has(Role.HR_ADMIN),
        }


class ImportBatchCommitView(View):
    def post(self, request: HttpRequest, public_id: str) -> HttpResponse:
        batch = scoped_or_404(request, import_batch_get, public_id=public_id)
        form = CommitForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        try:
            batch = import_batch_request_commit(batch=batch, actor=request.user, reason=reason)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Impor {batch.get_status_display().lower()}.")
        return redirect(batch)


class ImportBatchRollbackView(View):
    def post(self, request: HttpRequest, public_id: str) -> HttpResponse:
        batch = scoped_or_404(request, import_batch_get, public_id=public_id)
        try:
            batch = import_batch_rollback(batch=batch, actor=request.user)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Impor dibatalkan: data dikembalikan seperti sebelum impor.")
        return redirect(batch)
