"""Reads behind the transfers endpoints, scoped by `visible_to(viewer)` through the transfers app's selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from tepat.core.types import Viewer
from tepat.engine.workflow import allowed_actions
from tepat.transfers import selectors as transfer_selectors
from tepat.transfers.models import Move, MoveStep, Proposal
from tepat.transfers.services.decree import decree_by_code

# What a caller can do on a move through `POST /moves/{id}/transitions`; recording the board's recommendation
# (board session), issuing the SK (decree issue) and the TMT steps (system) have their own paths.
API_ACTIONS = frozenset(
    {"ajukan", "tarik", "kembalikan", "verifikasi", "setujui", "tolak", "batalkan", "lanjutkan", "selesaikan"}
)
MOVE_LIST_RELATED = ("employee", "target_seat__position__unit", "origin_unit", "decree", "proposal")


def move_actions(*, status: str, roles: frozenset[str]) -> list[str]:
    """The transitions these roles may request on a move in `status`, in table order."""
    return [str(a) for a in allowed_actions(status, roles) if a in API_ACTIONS]


def api_proposal_list(*, viewer: Viewer, status: str = "") -> QuerySet[Proposal]:
    return transfer_selectors.proposal_list(viewer=viewer, state=status)


def api_proposal_get(*, viewer: Viewer, public_id: str) -> Proposal:
    return transfer_selectors.proposal_get(viewer=viewer, public_id=public_id)


def api_move_list(*, viewer: Viewer, status: str = "") -> QuerySet[Move]:
    moves = Move.objects.visible_to(viewer).select_related(*MOVE_LIST_RELATED).order_by("-updated_at", "-id")
    return moves.filter(status=status) if status else moves


def api_move_get(*, viewer: Viewer, public_id: str) -> Move:
    steps = MoveStep.objects.order_by("at", "id")
    return (
        Move.objects.visible_to(viewer)
        .select_related(*MOVE_LIST_RELATED)
        .prefetch_related(Prefetch("steps", queryset=steps))
        .get(public_id=public_id)
    )


def api_decree_verify(*, code: str) -> dict[str, Any]:
    """What the public verification page says about a code: genuine or not, with the SK number and date."""
    decree = decree_by_code(code=code)
    if decree is None:
        return {"genuine": False, "number": None, "issued_on": None}
    return {"genuine": True, "number": decree.number_text, "issued_on": decree.issued_on}
