"""SK list and issue, detail, hash-checked downloads (SK, petikan), the public verification page, notices."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from tepat.core.audit import security_event
from tepat.core.middleware import client_ip
from tepat.core.scoping import today, user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers import selectors, selectors_feedback
from tepat.transfers.forms import CorrectionForm, DecreeIssueForm, VerifyCodeForm
from tepat.transfers.services.decree import CORRECTABLE, decree_by_code, decree_issue, decree_read
from tepat.transfers.services.notices import notice_mark_read
from tepat.transfers.services.petikan import petikan_read
from tepat.transfers.views.common import pdf_response, refused

VERIFY_LIMIT = 20  # look-ups per address per window (R-01: the public page is rate-limited)
VERIFY_WINDOW = 600


def decree_list_view(request: HttpRequest) -> HttpResponse:
    form = DecreeIssueForm(request.POST or None, initial={"tmt": today()})
    approved = selectors.moves_in_state(viewer=request.user, state=State.DISETUJUI)
    if request.method == "POST" and form.is_valid():
        chosen = [m for m in approved if str(m.public_id) in request.POST.getlist("move")]
        try:
            decree = decree_issue(actor=request.user, moves=chosen, tmt=form.cleaned_data["tmt"])
        except ApplicationError as error:
            return refused(request, error, request.path)
        messages.success(request, f"SK {decree.number_text} terbit.")
        return redirect(decree)
    context = {
        "form": form,
        "approved": approved,
        "decrees": selectors.decree_list(viewer=request.user)[:100],
    }
    return render(request, "transfers/decree_list.html", context, status=400 if form.errors else 200)


class DecreeDetailView(TemplateView):
    template_name = "transfers/decree_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        decree = scoped_or_404(self.request, selectors.decree_get, public_id=kwargs["public_id"])
        context["decree"] = decree
        if user_scope(self.request.user).has(Role.HR_ADMIN):
            context["correctable"] = [m for m in decree.moves.all() if m.status in CORRECTABLE]
            context["correction_form"] = CorrectionForm(initial={"tmt": decree.tmt})
        return context


def decree_download_view(request: HttpRequest, public_id: str) -> HttpResponse:
    decree = scoped_or_404(request, selectors.decree_get, public_id=public_id)
    try:
        content = decree_read(decree=decree, actor=request.user)
    except ApplicationError as error:
        return refused(request, error, decree.get_absolute_url(), status=500)
    return pdf_response(content, f"SK-{decree.year}-{decree.number:03d}.pdf")


def _limited(request: HttpRequest) -> bool:
    key = f"sk-verify:{client_ip(request) or '-'}"
    cache.add(key, 0, VERIFY_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, VERIFY_WINDOW)
        count = 1
    return count > VERIFY_LIMIT


def sk_verify_view(request: HttpRequest) -> HttpResponse:
    """Public: says only whether a code is genuine, with the SK number and date (R-01)."""
    form = VerifyCodeForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "checked": False}
    if form.is_bound and form.is_valid():
        if _limited(request):
            security_event(actor=request.user, action="sk_verify_rate_limited", detail={})
            context["limited"] = True
            return render(request, "transfers/sk_verify.html", context, status=429)
        decree = decree_by_code(code=form.cleaned_data["kode"])
        context.update(checked=True, genuine=decree is not None)
        if decree is not None:
            context.update(number=decree.number_text, issued_on=decree.issued_on)
    return render(request, "transfers/sk_verify.html", context)


class MyNoticesView(TemplateView):
    template_name = "transfers/my_notices.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        notices = selectors.notices_for(viewer=self.request.user)
        context["notices"] = selectors_feedback.notices_with_feedback(notices=notices, on=today())
        context["open_surveys"] = selectors_feedback.open_surveys(viewer=self.request.user, on=today())
        context["moves"] = selectors.own_moves(viewer=self.request.user)
        return context


@require_POST
def notice_read_view(request: HttpRequest, public_id: str) -> HttpResponse:
    notice = selectors.notices_for(viewer=request.user).filter(public_id=public_id).first()
    if notice is None:
        security_event(actor=request.user, action="scope_404", detail={"path": request.path})
        return render(request, "404.html", status=404)
    notice_mark_read(notice=notice, actor=request.user)
    messages.success(request, "Ditandai sudah dibaca.")
    return redirect("transfers:my_notices")


def petikan_download_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """The employee's own petikan (from their notices) or, for staff, any move they may see."""
    move = scoped_or_404(request, selectors.move_get, public_id=public_id)
    try:
        content = petikan_read(move=move, actor=request.user)
    except ApplicationError as error:
        own = move.employee.user_id == request.user.pk
        back = reverse("transfers:my_notices") if own else move.get_absolute_url()
        return refused(request, error, back, status=409)
    name = move.decree.number_text.replace("/", "-") if move.decree else "SK"
    return pdf_response(content, f"petikan-{name}.pdf")
