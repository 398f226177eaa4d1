"""Board sessions (Sidang Tim Penilai Kinerja) and the PPK's decision page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers import selectors
from tepat.transfers.forms import BoardActionForm, BoardSessionForm
from tepat.transfers.models import BoardSession, Move
from tepat.transfers.services.board import (
    board_agenda_add,
    board_attend,
    board_declare_conflict,
    board_session_close,
    board_session_create,
    board_vote,
)
from tepat.transfers.services.minutes import minutes_read
from tepat.transfers.views.common import pdf_response, refused


def board_list_view(request: HttpRequest) -> HttpResponse:
    form = BoardSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = board_session_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(session)
    context = {"form": form, "sessions": selectors.board_session_list(viewer=request.user)}
    return render(request, "transfers/board_list.html", context, status=400 if form.errors else 200)


class BoardDetailView(TemplateView):
    template_name = "transfers/board_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        session = scoped_or_404(self.request, selectors.board_session_get, public_id=kwargs["public_id"])
        user = self.request.user
        scope = user_scope(user)
        context["session"] = session
        context["items"] = selectors.board_items(session=session, viewer=user)
        context["present"] = [a.member for a in session.attendance.all()]
        context["i_am_present"] = any(a.member_id == user.pk for a in session.attendance.all())
        context["is_member"] = scope.has(Role.BOARD_MEMBER)
        context["is_admin"] = scope.has(Role.HR_ADMIN)
        if session.is_open and scope.has(Role.HR_ADMIN):
            context["candidates"] = selectors.moves_in_state(viewer=user, state=State.DIVERIFIKASI).filter(
                board_session__isnull=True
            )
        return context


def _move(session: BoardSession, public_id: Any) -> Move:
    move = Move.objects.filter(board_session=session, public_id=public_id).first()
    if move is None:
        raise ApplicationError("Usulan tidak ada dalam agenda sidang ini.", field="move")
    return move


def _board_action(request: HttpRequest, session: BoardSession, data: dict[str, Any]) -> str:
    user, action = request.user, data["action"]
    if action == "agenda":
        ids = [part for part in data["moves"].split(",") if part.strip()]
        moves = list(
            selectors.moves_in_state(viewer=user, state=State.DIVERIFIKASI).filter(public_id__in=ids)
        )
        return f"{board_agenda_add(session=session, moves=moves, actor=user)} usulan masuk agenda."
    if action == "hadir":
        board_attend(session=session, member=user)
        return "Kehadiran tercatat."
    if action in ("pertimbangan", "setuju", "tidak_setuju"):
        # The page sends the vote as the button's own action (no script needed under the CSP).
        recommends = action == "setuju" or (action == "pertimbangan" and data["recommends"] == "ya")
        move = _move(session, data["move"])
        board_vote(session=session, move=move, member=user, recommends=recommends, note=data["note"])
        return "Pertimbangan tercatat."
    if action == "konflik":
        board_declare_conflict(
            session=session, move=_move(session, data["move"]), member=user, reason=data["note"]
        )
        return "Pernyataan konflik kepentingan tercatat; Anda tidak dihitung untuk usulan ini."
    outcome = board_session_close(session=session, actor=user)
    return f"Sidang ditutup: {len(outcome['considered'])} dipertimbangkan, {len(outcome['no_quorum'])} tanpa kuorum."


@require_POST
def board_act_view(request: HttpRequest, public_id: str) -> HttpResponse:
    session = scoped_or_404(request, selectors.board_session_get, public_id=public_id)
    form = BoardActionForm(request.POST)
    if not form.is_valid():
        return refused(
            request,
            ApplicationError("Masukan tidak lengkap.", field="action"),
            session.get_absolute_url(),
            400,
        )
    try:
        messages.success(request, _board_action(request, session, form.cleaned_data))
    except ApplicationError as error:
        return refused(request, error, session.get_absolute_url())
    return redirect(session)


def board_minutes_view(request: HttpRequest, public_id: str) -> HttpResponse:
    session = scoped_or_404(request, selectors.board_session_get, public_id=public_id)
    try:
        content = minutes_read(session=session, actor=request.user)
    except ApplicationError as error:
        return refused(request, error, session.get_absolute_url())
    return pdf_response(content, f"berita-acara-{session.held_on:%Y%m%d}.pdf")


class DecisionListView(TemplateView):
    """The PPK's page: moves with the Tim's recommendation, each decided on its own with a reason."""

    template_name = "transfers/decision_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["moves"] = selectors.moves_in_state(viewer=self.request.user, state=State.DIPERTIMBANGKAN)
        context["held"] = selectors.moves_in_state(viewer=self.request.user, state=State.DITAHAN)
        return context
