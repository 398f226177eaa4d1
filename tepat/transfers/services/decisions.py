"""The PPK's decision per move (R-05, R-31), delegation of that authority, holds lifted or cancelled, Plt./Plh."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from django.db import transaction

from tepat.accounts.models import RoleGrant, User
from tepat.accounts.services import role_grant_create
from tepat.core.audit import audit_record
from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.engine.roles import Role
from tepat.engine.workflow import (
    DECIDED_STATES,
    STATE_LABELS,
    TERMINAL_STATES,
    Action,
    BoardRecommendation,
    State,
    check_decision,
    check_decision_authority,
)
from tepat.organization.models import Seat, Unit
from tepat.people.models import Employee
from tepat.transfers.models import ActingAppointment, Move, RuleOverride
from tepat.transfers.services.actors import (
    delegations_for,
    engine_actor,
    engine_case,
    full_authority,
    role_for,
)
from tepat.transfers.services.workflow import move_transition, refusals_logged


def _recommendation(move: Move) -> BoardRecommendation | None:
    session = move.board_session
    if session is None or move.board_recommends is None:
        return None
    return BoardRecommendation(session.number, session.held_on)


def move_decide(*, move: Move, actor: Any, approve: bool, reason: str, on: date | None = None) -> Move:
    """Approve (`disetujui`) or reject (`ditolak`) one move; a second decision gets "sudah diputuskan"."""
    action = Action.SETUJUI if approve else Action.TOLAK
    decided_on = on or today()
    with refusals_logged(actor=actor, action=action, move=move):
        role = role_for(actor, action)
        check_decision(_recommendation(move), reason, decided_on)
        actor_facts = engine_actor(actor, decided_on)
        if not full_authority(actor, decided_on):
            actor_facts = replace(actor_facts, roles=actor_facts.roles - {Role.APPROVER})
        check_decision_authority(actor_facts, engine_case(move), decided_on, delegations_for(actor))
        try:
            return move_transition(
                move=move,
                action=action,
                actor=actor,
                role=role,
                reason=reason,
                fields={"decided_by": actor, "decided_on": decided_on, "decision_reason": reason.strip()},
            )
        except IllegalTransition as error:
            raise _already_decided(move) or error from error


def _already_decided(move: Move) -> IllegalTransition | None:
    """A rejected move is terminal too: both read "sudah diputuskan" to the one who came second."""
    status = State(Move.objects.values_list("status", flat=True).get(pk=move.pk))
    if status not in DECIDED_STATES | TERMINAL_STATES:
        return None
    error = IllegalTransition(f'Usulan ini sudah diputuskan (status: "{STATE_LABELS[status]}").')
    error.logged = True  # type: ignore[attr-defined]
    return error


def move_cancel(*, move: Move, actor: Any, reason: str) -> Move:
    """Cancel an approved or held move (after the SK, a cancelling decree follows outside this step)."""
    with refusals_logged(actor=actor, action=Action.BATALKAN, move=move):
        if not reason.strip():
            raise ApplicationError("Alasan pembatalan wajib diisi.", field="reason")
        role = role_for(actor, Action.BATALKAN)
        return move_transition(move=move, action=Action.BATALKAN, actor=actor, role=role, reason=reason)


def move_resume(*, move: Move, actor: Any, reason: str) -> Move:
    """Lift a TMT hold (an authorised override): back to `sk_terbit`, so the next TMT run re-checks it."""
    with refusals_logged(actor=actor, action=Action.LANJUTKAN, move=move):
        if not reason.strip():
            raise ApplicationError("Alasan melanjutkan wajib diisi.", field="reason")
        role = role_for(actor, Action.LANJUTKAN)
        return move_transition(
            move=move,
            action=Action.LANJUTKAN,
            actor=actor,
            role=role,
            reason=reason,
            fields={"hold_reason": ""},
        )


@transaction.atomic
def rule_override_record(*, move: Move, actor: Any, rule_id: str, reason: str) -> RuleOverride:
    """The PPK's written exception to one failing hard rule (DOMAIN.md §1.5), before verification."""
    role_for(actor, Action.SETUJUI)
    if not full_authority(actor):
        raise IllegalTransition("Hanya PPK yang dapat memberi pengecualian aturan.")
    if not reason.strip():
        raise ApplicationError("Alasan dan dasar pengecualian wajib diisi.", field="reason")
    if move.status not in ("diajukan", "draf", "dikembalikan"):
        raise IllegalTransition("Pengecualian hanya dicatat sebelum verifikasi.")
    override, _ = RuleOverride.objects.update_or_create(
        move=move,
        rule_id=rule_id,
        defaults={"reason": reason.strip(), "approved_by": actor, "decided_on": today()},
    )
    audit_record(
        actor=actor, action="rule_override_record", obj=move, changes={"rule_id": rule_id}, reason=reason
    )
    return override


def delegation_grant(
    *, actor: Any, delegate: User, valid_from: date, valid_to: date, unit: Unit | None, basis: str
) -> RoleGrant:
    """The PPK delegates decision authority for a period (and optionally a unit subtree) as a role grant."""
    if not full_authority(actor):
        raise IllegalTransition("Hanya PPK yang dapat melimpahkan wewenang keputusan.")
    if delegate.pk == actor.pk:
        raise ApplicationError("Wewenang tidak dapat dilimpahkan kepada diri sendiri.", field="delegate")
    if valid_to < valid_from:
        raise ApplicationError("Tanggal akhir pelimpahan harus setelah tanggal mulai.", field="valid_to")
    if not basis.strip():
        raise ApplicationError("Dasar pelimpahan (nomor surat) wajib diisi.", field="basis")
    if unit is None:
        raise ApplicationError("Pelimpahan harus dibatasi pada satu unit.", field="unit")
    return role_grant_create(
        actor=actor,
        user=delegate,
        role=Role.APPROVER,
        unit=unit,
        valid_from=valid_from,
        valid_to=valid_to,
        basis=f"Pelimpahan wewenang PPK: {basis.strip()}"[:200],
    )


@transaction.atomic
def acting_appoint(
    *,
    actor: Any,
    seat: Seat,
    employee: Employee,
    kind: str,
    valid_from: date,
    valid_to: date | None,
    basis: str,
    move: Move | None = None,
) -> ActingAppointment:
    """Plt./Plh. for a seat a decision leaves open; a head seat also gives the acting official a unit-head grant."""
    role_for(actor, Action.TERBITKAN_SK)
    if kind not in ActingAppointment.Kind.values:
        raise ApplicationError("Jenis penunjukan harus Plt. atau Plh.", field="kind")
    if not basis.strip():
        raise ApplicationError("Dasar penunjukan wajib diisi.", field="basis")
    grant = None
    position = seat.position
    if position.is_head and employee.user is not None:
        grant = role_grant_create(
            actor=actor,
            user=employee.user,
            role=Role.UNIT_HEAD,
            unit=position.unit,
            valid_from=valid_from,
            valid_to=valid_to,
            basis=f"{kind.upper()}. {position.name}"[:200],
        )
    appointment = ActingAppointment.objects.create(
        seat=seat,
        employee=employee,
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
        basis=basis.strip(),
        move=move,
        grant=grant,
        appointed_by=actor,
    )
    audit_record(actor=actor, action="acting_appoint", obj=appointment, changes={"seat": str(seat.public_id)})
    return appointment
