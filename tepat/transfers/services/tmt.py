"""Apply due moves on their TMT (R-07): as the named system actor, idempotent, audited.

A move in `sk_terbit` whose TMT has come is re-checked (hard rules as of the TMT) and applied through
`employee_assign_seat` (history closed and opened, seat moved). Moves in a chain wait for the seat ahead of them
to be vacated in the same run; a move still blocked at the end goes to `ditahan` with the reason.
A second run finds nothing in `sk_terbit` and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from tepat.engine.errors import ApplicationError
from tepat.engine.workflow import Action, State, SystemRole
from tepat.people.models import Employee
from tepat.people.services.placement import employee_assign_seat
from tepat.transfers.models import Move
from tepat.transfers.services.actors import system_user
from tepat.transfers.services.verification import blocking_reasons, move_assess
from tepat.transfers.services.workflow import move_transition


@dataclass
class TmtReport:
    applied: list[str] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return f"{len(self.applied)} mutasi diberlakukan, {len(self.held)} ditahan."


def apply_due_tmt(*, on: date) -> TmtReport:
    actor = system_user()
    report = TmtReport()
    pending = list(_due(on))
    while pending:
        waiting = [move for move in pending if not _try_apply(move, actor, on, report)]
        if len(waiting) == len(pending):
            break
        pending = waiting
    for move in pending:
        _hold(move, actor, _blocked_reason(move), report)
    return report


def _due(on: date) -> list[Move]:
    return list(
        Move.objects.filter(status=State.SK_TERBIT, tmt__lte=on)
        .select_related("employee", "target_seat__position__unit", "decree", "proposal")
        .order_by("tmt", "pk")
    )


def _try_apply(move: Move, actor: object, on: date, report: TmtReport) -> bool:
    """True when the move was settled (applied or held); False when it waits for its seat to be vacated."""
    if Employee.objects.filter(seat=move.target_seat).exclude(pk=move.employee_id).exists():
        return False
    reasons = blocking_reasons(move_assess(move=move, on=move.tmt or on))
    if reasons:
        _hold(move, actor, "Syarat tidak terpenuhi pada TMT: " + " ".join(reasons), report)
        return True
    try:
        _apply(move, actor)
    except (ValidationError, ApplicationError) as error:
        _hold(move, actor, _message(error), report)
        return True
    report.applied.append(str(move.public_id))
    return True


@transaction.atomic
def _apply(move: Move, actor: object) -> None:
    if move.tmt is None or move.decree is None:
        raise ApplicationError("Usulan tanpa SK atau TMT tidak dapat diberlakukan.")
    employee_assign_seat(
        actor=actor,
        employee=move.employee,
        seat=move.target_seat,
        start=move.tmt,
        sk_number=move.decree.number_text,
    )
    snapshot = move_assess(move=move, on=move.tmt).snapshot()
    move_transition(
        move=move,
        action=Action.BERLAKUKAN,
        actor=actor,
        role=SystemRole.TMT,
        reason=f"TMT {move.tmt:%d-%m-%Y}",
        fields={"tmt_snapshot": snapshot},
    )


def _hold(move: Move, actor: object, reason: str, report: TmtReport) -> None:
    move_transition(
        move=move,
        action=Action.TAHAN,
        actor=actor,
        role=SystemRole.TMT,
        reason=reason,
        fields={"hold_reason": reason},
    )
    report.held.append((str(move.public_id), reason))


def _blocked_reason(move: Move) -> str:
    occupant = Employee.objects.filter(seat=move.target_seat).exclude(pk=move.employee_id).first()
    name = occupant.full_name if occupant else "pegawai lain"
    return f"Formasi tujuan masih ditempati {name} pada TMT."


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(getattr(error, "message", error))
