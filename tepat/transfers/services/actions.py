"""One map from a workflow action to the transfers service that performs it, for the web pages and the API.

Each service ends in `workflow.move_transition` (the one writer of the status). Actions with their own path
(board recommendation, SK issue, TMT) are not here and are refused with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tepat.engine.errors import IllegalTransition
from tepat.engine.workflow import ACTION_LABELS
from tepat.transfers.models import Move
from tepat.transfers.services.closing import move_finish
from tepat.transfers.services.decisions import move_cancel, move_decide, move_resume
from tepat.transfers.services.proposals import move_submit, move_withdraw
from tepat.transfers.services.verification import move_return, move_verify
from tepat.transfers.services.workflow import refusals_logged

# The actions this map performs; the others have their own pages (board, SK, TMT).
MOVE_ACTIONS = frozenset(
    {"ajukan", "tarik", "kembalikan", "verifikasi", "setujui", "tolak", "batalkan", "lanjutkan", "selesaikan"}
)


def move_act(*, move: Move, actor: Any, action: str, reason: str = "") -> Move:
    handlers: dict[str, Callable[[], Move]] = {
        "ajukan": lambda: move_submit(move=move, actor=actor),
        "tarik": lambda: move_withdraw(move=move, actor=actor, reason=reason),
        "kembalikan": lambda: move_return(move=move, actor=actor, note=reason),
        "verifikasi": lambda: move_verify(move=move, actor=actor, note=reason),
        "setujui": lambda: move_decide(move=move, actor=actor, approve=True, reason=reason),
        "tolak": lambda: move_decide(move=move, actor=actor, approve=False, reason=reason),
        "batalkan": lambda: move_cancel(move=move, actor=actor, reason=reason),
        "lanjutkan": lambda: move_resume(move=move, actor=actor, reason=reason),
        "selesaikan": lambda: move_finish(move=move, actor=actor),
    }
    handler = handlers.get(action)
    if handler is None:
        with refusals_logged(actor=actor, action=action, move=move):  # a refused attempt is a security event
            label = ACTION_LABELS.get(action, action)
            raise IllegalTransition(f'Tindakan "{label}" tidak dilakukan di sini.', field="action")
    return handler()
