"""ANJAB/ABK import pages: upload -> row-level check and preview -> confirm (all or nothing, audited)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError
from tepat.exchange.safety import Sheet, UploadRejected, check_upload, xlsx_response
from tepat.planning.needs.anjab import COLUMNS, LABELS, from_session, parse_workbook, preview, to_session
from tepat.planning.needs.rules import needs_rules
from tepat.planning.needs.services import anjab_import_commit

SESSION_KEY = "needs_anjab_import"
TEMPLATE = "planning/needs/import.html"
EXAMPLE_ROWS = [
    ["KEC-BYM-UMPEG", "KEC-BYM-UMPEG.PENGADM-UMUM", "Mengagendakan surat masuk dan keluar", "surat", 2400, 8,
     "ANJAB Kecamatan 2026"],
    ["KEC-BYM-UMPEG", "KEC-BYM-UMPEG.PENGADM-UMUM", "Mengarsipkan dokumen dinas", "berkas", 1500, 12, ""],
]  # fmt: skip


class UploadForm(forms.Form):
    berkas = forms.FileField(label="Berkas ANJAB/ABK (.xlsx)")


class NeedsImportView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, TEMPLATE, {"form": UploadForm(), "columns": _columns()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        context: dict[str, Any] = {"form": form, "columns": _columns()}
        if not form.is_valid():
            return render(request, TEMPLATE, context, status=400)
        upload = form.cleaned_data["berkas"]
        try:
            check_upload(upload, kinds=("xlsx",), actor=request.user)
        except UploadRejected as error:
            form.add_error("berkas", error.message)
            return render(request, TEMPLATE, context, status=400)
        parsed = parse_workbook(upload)
        if not parsed.ok:
            context["problems"] = parsed.problems[:500]
            context["problem_count"] = len(parsed.problems)
            return render(request, TEMPLATE, context, status=400)
        token = str(uuid.uuid4())
        request.session[SESSION_KEY] = {
            "token": token,
            "filename": upload.name,
            "rows": to_session(parsed.tasks),
        }
        context.update(
            token=token,
            filename=upload.name,
            task_count=len(parsed.tasks),
            previews=preview(parsed.tasks, needs_rules(load_rule_book(), today())),
        )
        return render(request, TEMPLATE, context)


class NeedsImportCommitView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            messages.error(request, "Pratinjau tidak ditemukan atau sudah kedaluwarsa; unggah ulang berkas.")
            return HttpResponseRedirect(reverse("planning:needs_import"))
        try:
            result = anjab_import_commit(
                actor=request.user, tasks=from_session(pending["rows"]), filename=pending["filename"]
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return HttpResponseRedirect(reverse("planning:needs_import"))
        del request.session[SESSION_KEY]
        messages.success(
            request,
            f"ABK tersimpan: {result.tasks} tugas untuk {result.positions} jabatan (batch {result.batch}).",
        )
        return HttpResponseRedirect(reverse("planning:needs_overview"))


class NeedsImportTemplateView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        guide = [[LABELS[c], c, "wajib" if c != "sumber" else "boleh kosong"] for c in COLUMNS]
        sheets = [
            Sheet("ABK", list(COLUMNS), EXAMPLE_ROWS, frozenset({"kode_unit", "kode_jabatan"})),
            Sheet("Petunjuk", ["Isian", "Nama kolom", "Keterangan"], guide),
        ]
        return xlsx_response(
            "templat-anjab-abk.xlsx", sheets, actor=request.user, subject="planning.anjab_template"
        )


def _columns() -> list[tuple[str, str]]:
    return [(c, LABELS[c]) for c in COLUMNS]
