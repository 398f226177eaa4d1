"""Proposals and moves: inbox, create (from the candidate ranking's link), detail, actions, documents, closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.engine.workflow import ACTION_LABELS, State, allowed_actions
from tepat.organization.models import Seat
from tepat.people.models import Employee
from tepat.transfers import selectors
from tepat.transfers.checklists import KIND_LABELS, required_documents
from tepat.transfers.forms import (
    ClosingForm,
    DocumentForm,
    MoveActionForm,
    OverrideForm,
    PickForm,
    ProposalCreateForm,
)
from tepat.transfers.models import ClosingItem, Move
from tepat.transfers.services.actions import move_act
from tepat.transfers.services.closing import closing_item_complete
from tepat.transfers.services.documents import document_read, document_upload
from tepat.transfers.services.proposals import (
    MoveOptions,
    proposal_create,
    proposal_submit,
)
from tepat.transfers.services.verification import move_verify
from tepat.transfers.views.authority import override_choices
from tepat.transfers.views.common import pdf_response, refused

OVERRIDABLE = frozenset({State.DRAF, State.DIAJUKAN, State.DIKEMBALIKAN})


class ProposalListView(TemplateView):
    """The inbox: moves per state with counts (what the viewer's roles can act on first), then proposals."""

    template_name = "transfers/proposal_list.html"
    paginate_by = 25

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        state = self.request.GET.get("status", "")
        rows = selectors.proposal_list(viewer=self.request.user, state=state)
        context["counts"] = selectors.inbox_counts(viewer=self.request.user)
        context["state"] = state
        context["page_obj"] = Paginator(rows, self.paginate_by).get_page(self.request.GET.get("page"))
        return context


def _pick(request: HttpRequest, data: Any) -> tuple[Employee, Seat]:
    """The employee (scoped: 404 outside the viewer's reach) and the seat named by public ids."""
    form = PickForm(data)
    if not form.is_valid():
        raise Http404("Pegawai atau formasi tidak ditemukan.")
    try:
        employee = (
            Employee.objects.visible_to(request.user)
            .select_related("seat__position__unit", "unit")
            .get(public_id=form.cleaned_data["employee"])
        )
        seat = Seat.objects.select_related("position__unit").get(public_id=form.cleaned_data["seat"])
    except (Employee.DoesNotExist, Seat.DoesNotExist):
        raise Http404("Pegawai atau formasi tidak ditemukan.") from None
    return employee, seat


def proposal_create_view(request: HttpRequest) -> HttpResponse:
    """GET ?seat=<seat public_id>&employee=<employee public_id>; POST creates a one-move proposal in draf."""
    employee, seat = _pick(request, request.POST if request.method == "POST" else request.GET)
    form = ProposalCreateForm(
        request.POST or None, initial={"employee": employee.public_id, "seat": seat.public_id}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        options = MoveOptions(
            mutation_type=data["mutation_type"],
            own_request=data["own_request"],
            external_instansi=data["external_instansi"],
            external_letter_number=data["external_letter_number"],
            external_letter_date=data["external_letter_date"],
        )
        try:
            proposal = proposal_create(
                actor=request.user, employee=employee, seat=seat, reason=data["reason"], options=options
            )
        except ApplicationError as error:
            form.add_error(_form_field(error.field, form), error.message)
        else:
            messages.success(request, "Usulan tersimpan sebagai draf. Lengkapi dokumen lalu ajukan.")
            return redirect(proposal)
    context = {
        "form": form,
        "employee": employee,
        "seat": seat,
        "occupant": Employee.objects.filter(seat=seat).first(),
    }
    return render(request, "transfers/proposal_create.html", context, status=400 if form.errors else 200)


def _form_field(field: str | None, form: Any) -> str | None:
    name = (field or "").split(".")[-1]
    return name if name in form.fields else None


class ProposalDetailView(TemplateView):
    template_name = "transfers/proposal_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        proposal = scoped_or_404(self.request, selectors.proposal_get, public_id=kwargs["public_id"])
        roles = user_scope(self.request.user).roles
        context["proposal"] = proposal
        context["moves"] = [(m, _actions(m, roles)) for m in proposal.moves.all()]
        context["batch_actions"] = {a for m in proposal.moves.all() for a, _ in _actions(m, roles)}
        return context


def _actions(move: Move, roles: frozenset[str]) -> list[tuple[str, str]]:
    return [(a.value, ACTION_LABELS[a]) for a in allowed_actions(move.status, roles) if a not in SYSTEM_ONLY]


SYSTEM_ONLY = frozenset({"berlakukan", "tahan", "terbitkan_sk"})


@require_POST
def proposal_batch_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Submit (proposer) or verify (BKPP) every move of the batch that is ready; each move moves on its own."""
    proposal = scoped_or_404(request, selectors.proposal_get, public_id=public_id)
    action = request.POST.get("action", "")
    try:
        if action == "ajukan":
            done = proposal_submit(proposal=proposal, actor=request.user)
        elif action == "verifikasi":
            ready = [m for m in proposal.moves.all() if m.status == "diajukan"]
            done = [move_verify(move=m, actor=request.user) for m in ready]
        else:
            raise ApplicationError("Tindakan tidak dikenal.", field="action")
    except ApplicationError as error:
        return refused(request, error, proposal.get_absolute_url())
    messages.success(request, f"{len(done)} usulan diproses.")
    return redirect(proposal)


class MoveDetailView(TemplateView):
    template_name = "transfers/move_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        move = scoped_or_404(self.request, selectors.move_get, public_id=kwargs["public_id"])
        roles = user_scope(self.request.user).roles
        present = {d.kind for d in move.documents.all()}
        context["move"] = move
        context["actions"] = _actions(move, roles)
        context["checklist"] = [
            (code, KIND_LABELS[code], code in present)
            for code in required_documents(move.mutation_type, move.own_request)
        ]
        context["document_form"] = DocumentForm()
        context["closing_form"] = ClosingForm()
        context["snapshot"] = move.verification_snapshot or move.proposed_snapshot
        rule_ids = override_choices(context["snapshot"])
        if Role.APPROVER in roles and rule_ids and move.status in OVERRIDABLE:
            context["override_form"] = OverrideForm(rule_ids=rule_ids)
        return context


@require_POST
def move_act_view(request: HttpRequest, public_id: str) -> HttpResponse:
    move = scoped_or_404(request, selectors.move_get, public_id=public_id)
    form = MoveActionForm(request.POST)
    back = request.POST.get("next") or move.get_absolute_url()
    if not form.is_valid():
        return refused(request, ApplicationError("Tindakan tidak dikenal.", field="action"), back, status=400)
    try:
        done = move_act(
            move=move,
            actor=request.user,
            action=form.cleaned_data["action"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        return refused(request, error, back)
    messages.success(request, f"{done.employee.full_name}: {done.status_label}.")
    return redirect(back if back.startswith("/") else move.get_absolute_url())


@require_POST
def document_upload_view(request: HttpRequest, public_id: str) -> HttpResponse:
    move = scoped_or_404(request, selectors.move_get, public_id=public_id)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        return refused(
            request,
            ApplicationError(f"{first[0]}: {first[1][0]}", field=first[0]),
            move.get_absolute_url(),
            400,
        )
    try:
        document_upload(
            move=move,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            uploaded_file=request.FILES["berkas"],
        )
    except ApplicationError as error:
        return refused(request, error, move.get_absolute_url(), status=400)
    messages.success(request, "Dokumen tersimpan.")
    return redirect(move)


def document_download_view(request: HttpRequest, public_id: str) -> HttpResponse:
    document = scoped_or_404(request, selectors.document_get, public_id=public_id)
    try:
        content = document_read(document=document, actor=request.user)
    except ApplicationError as error:
        return refused(request, error, document.move.get_absolute_url(), status=500)
    return pdf_response(content, f"{document.kind}.pdf", inline=False)


@require_POST
def closing_done_view(request: HttpRequest, public_id: str) -> HttpResponse:
    move = scoped_or_404(request, selectors.move_get, public_id=public_id)
    item = next((i for i in move.closing_items.all() if str(i.pk) == request.POST.get("item")), None)
    if item is None:
        raise Http404("Langkah penutup tidak ditemukan.")
    form = ClosingForm(request.POST)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        return refused(
            request, ApplicationError(f"{field}: {errors[0]}", field=field), move.get_absolute_url(), 400
        )
    try:
        closing_item_complete(item=item, actor=request.user, **form.cleaned_data)
    except ApplicationError as error:
        return refused(request, error, move.get_absolute_url())
    messages.success(request, f"{ClosingItem.Kind(item.kind).label}: tercatat.")
    return redirect(move)
