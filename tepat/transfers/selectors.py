"""Reads of the transfers app; every query starts from `visible_to(viewer)` (R-03)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from tepat.accounts.models import RoleGrant
from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine.roles import Role
from tepat.engine.workflow import STATE_LABELS, State, allowed_actions
from tepat.organization.models import Seat, Unit
from tepat.transfers.models import (
    ActingAppointment,
    BoardSession,
    BoardVote,
    ClosingItem,
    Decree,
    Move,
    MoveDocument,
    MoveStep,
    Notice,
    Proposal,
)
from tepat.transfers.models.proposals import PROMISED_STATES

MOVE_RELATED = ("employee", "target_seat__position__unit", "origin_seat__position", "origin_unit", "decree")


def inbox_counts(*, viewer: Viewer) -> list[dict[str, Any]]:
    """Moves per state the viewer can see, with whether the viewer's roles can act on that state."""
    roles = user_scope(viewer).roles
    rows = Move.objects.visible_to(viewer).values("status").annotate(n=Count("id")).order_by()
    counts = {row["status"]: row["n"] for row in rows}
    return [
        {
            "state": state.value,
            "label": STATE_LABELS[state],
            "count": counts.get(state.value, 0),
            "actionable": bool(allowed_actions(state, roles)),
        }
        for state in State
    ]


def proposal_list(*, viewer: Viewer, state: str = "") -> QuerySet[Proposal]:
    proposals = Proposal.objects.visible_to(viewer).select_related("created_by")
    if state:
        proposals = proposals.filter(moves__status=state).distinct()
    return proposals.annotate(
        move_count=Count("moves", distinct=True),
        open_count=Count(
            "moves", filter=~Q(moves__status__in=["selesai", "ditolak", "dibatalkan"]), distinct=True
        ),
    ).order_by("-created_at", "-id")


def proposal_get(*, viewer: Viewer, public_id: Any) -> Proposal:
    moves = Move.objects.visible_to(viewer).select_related(*MOVE_RELATED).order_by("pk")
    return (
        Proposal.objects.visible_to(viewer)
        .select_related("created_by")
        .prefetch_related(Prefetch("moves", queryset=moves))
        .get(public_id=public_id)
    )


def move_get(*, viewer: Viewer, public_id: Any) -> Move:
    return (
        Move.objects.visible_to(viewer)
        .select_related(*MOVE_RELATED, "proposal__created_by", "board_session", "verified_by", "decided_by")
        .prefetch_related(
            Prefetch("steps", queryset=MoveStep.objects.select_related("actor").order_by("at", "id")),
            Prefetch("documents", queryset=MoveDocument.objects.select_related("uploaded_by")),
            Prefetch("closing_items", queryset=ClosingItem.objects.select_related("done_by").order_by("id")),
            "overrides",
        )
        .get(public_id=public_id)
    )


def document_get(*, viewer: Viewer, public_id: Any) -> MoveDocument:
    return MoveDocument.objects.select_related("move").get(
        public_id=public_id, move__in=Move.objects.visible_to(viewer)
    )


def moves_in_state(*, viewer: Viewer, state: str) -> QuerySet[Move]:
    return (
        Move.objects.visible_to(viewer)
        .filter(status=state)
        .select_related(*MOVE_RELATED, "board_session", "proposal")
        .order_by("pk")
    )


def board_session_list(*, viewer: Viewer) -> QuerySet[BoardSession]:
    return (
        BoardSession.objects.visible_to(viewer)
        .annotate(item_count=Count("moves"))
        .order_by("-held_on", "-id")
    )


def board_session_get(*, viewer: Viewer, public_id: Any) -> BoardSession:
    return (
        BoardSession.objects.visible_to(viewer)
        .prefetch_related("attendance__member")
        .get(public_id=public_id)
    )


def board_items(*, session: BoardSession, viewer: Viewer) -> list[dict[str, Any]]:
    """Agenda moves with the votes and conflicts recorded so far, and the viewer's own vote."""
    moves = (
        Move.objects.filter(board_session=session)
        .select_related(*MOVE_RELATED)
        .prefetch_related(
            Prefetch("votes", queryset=BoardVote.objects.filter(session=session).select_related("member")),
            "conflicts__member",
        )
        .order_by("pk")
    )
    viewer_id = getattr(viewer, "pk", None)
    return [
        {
            "move": move,
            "votes": list(move.votes.all()),
            "conflicts": [c for c in move.conflicts.all() if c.session_id == session.pk],
            "mine": next((v for v in move.votes.all() if v.member_id == viewer_id), None),
            "recused": any(c.member_id == viewer_id for c in move.conflicts.all()),
        }
        for move in moves
    ]


def decree_list(*, viewer: Viewer) -> QuerySet[Decree]:
    return (
        Decree.objects.visible_to(viewer).select_related("issued_by", "corrects").order_by("-year", "-number")
    )


def decree_get(*, viewer: Viewer, public_id: Any) -> Decree:
    return (
        Decree.objects.visible_to(viewer)
        .select_related("issued_by", "corrects")
        .prefetch_related(Prefetch("moves", queryset=Move.objects.select_related(*MOVE_RELATED)))
        .get(public_id=public_id)
    )


def notices_for(*, viewer: Viewer) -> QuerySet[Notice]:
    """The employee's own notices only (R-03): by the user linked to the employee record."""
    if not user_scope(viewer).has(Role.EMPLOYEE):
        return Notice.objects.none()
    return (
        Notice.objects.filter(employee__user_id=viewer.pk or 0)
        .select_related("move__decree", "move__target_seat__position__unit")
        .order_by("-created_at", "-id")
    )


def own_moves(*, viewer: Viewer) -> QuerySet[Move]:
    return (
        Move.objects.filter(employee__user_id=viewer.pk or 0)
        .select_related(*MOVE_RELATED)
        .prefetch_related(Prefetch("steps", queryset=MoveStep.objects.order_by("at", "id")))
        .order_by("-created_at")
    )


def open_seats(*, unit: Unit, limit: int = 200) -> QuerySet[Seat]:
    """Active, unoccupied seats in the unit's subtree that no approved move has promised yet."""
    promised = Move.objects.filter(status__in=sorted(PROMISED_STATES)).values("target_seat_id")
    return (
        Seat.objects.filter(is_active=True, occupant__isnull=True, position__unit__path__startswith=unit.path)
        .exclude(pk__in=promised)
        .select_related("position__unit")
        .order_by("position__unit__path", "position__name", "number")[:limit]
    )


def delegation_list(*, viewer: Viewer) -> QuerySet[RoleGrant]:
    """Unit-limited approver grants: the PPK's delegations (government-wide readers only)."""
    if not user_scope(viewer).government_wide:
        return RoleGrant.objects.none()
    return (
        RoleGrant.objects.filter(role=Role.APPROVER, unit__isnull=False)
        .select_related("user", "unit")
        .order_by("-valid_from", "-id")
    )


def acting_list(*, viewer: Viewer) -> QuerySet[ActingAppointment]:
    if not user_scope(viewer).government_wide:
        return ActingAppointment.objects.none()
    return ActingAppointment.objects.select_related(
        "seat__position__unit", "employee", "move__employee", "appointed_by"
    ).order_by("-valid_from", "-id")


def seats_left_open(*, viewer: Viewer) -> QuerySet[Move]:
    """Moves whose decision leaves their origin seat open (approved, SK issued, in force or held)."""
    states = [State.DISETUJUI, State.SK_TERBIT, State.BERLAKU, State.DITAHAN]
    return (
        Move.objects.visible_to(viewer)
        .filter(status__in=states, origin_seat__isnull=False)
        .select_related("employee", "origin_seat__position__unit")
        .order_by("-updated_at", "-id")
    )
