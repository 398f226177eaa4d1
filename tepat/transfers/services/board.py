"""Sidang Tim Penilai Kinerja: agenda, attendance, declared conflicts, one view per member, quorum, berita acara."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.core.rules import load_rule_book
from tepat.core.scoping import user_scope
from tepat.engine.errors import ApplicationError, IllegalTransition, InvalidInput
from tepat.engine.roles import Role
from tepat.engine.workflow import (
    DEMO_QUORUM,
    Action,
    Duty,
    QuorumResult,
    QuorumRule,
    State,
    board_quorum,
    duty_conflicts,
)
from tepat.transfers.models import Attendance, BoardSession, BoardVote, ConflictDeclaration, Move
from tepat.transfers.services.actors import engine_actor, engine_case
from tepat.transfers.services.minutes import minutes_render
from tepat.transfers.services.workflow import move_transition, refusals_logged

QUORUM_RULE = "TPK"


def quorum_rule(on: date) -> QuorumRule:
    """The quorum is rule data (`TPK.quorum_minimum`, `TPK.board_size`); the engine's demo rule is the fallback."""
    book = load_rule_book()
    try:
        minimum = book.resolve(QUORUM_RULE, "quorum_minimum", on)
        size = book.resolve(QUORUM_RULE, "board_size", on)
    except InvalidInput:
        return DEMO_QUORUM
    return QuorumRule(minimum=int(minimum.value), board_size=int(size.value), legal_basis=minimum.legal_basis)


def _require(user: Any, role: str, what: str) -> None:
    if role not in user_scope(user).roles:
        raise IllegalTransition(f"Peran Anda tidak berwenang {what}.")


def _require_open(session: BoardSession) -> None:
    if not session.is_open:
        raise IllegalTransition("Sidang sudah ditutup; berita acara telah terbit.")


@transaction.atomic
def board_session_create(*, actor: Any, number: str, held_on: date, place: str) -> BoardSession:
    _require(actor, Role.HR_ADMIN, "menjadwalkan sidang Tim Penilai Kinerja")
    if not number.strip():
        raise ApplicationError("Nomor berita acara wajib diisi.", field="number")
    if BoardSession.objects.filter(number=number.strip()).exists():
        raise ApplicationError("Nomor berita acara sudah dipakai.", field="number")
    rule = quorum_rule(held_on)
    session = BoardSession.objects.create(
        number=number.strip(),
        held_on=held_on,
        place=place.strip() or "BKPP",
        quorum_minimum=rule.minimum,
        board_size=rule.board_size,
        quorum_basis=rule.legal_basis,
        created_by=actor,
    )
    audit_record(actor=actor, action="board_session_create", obj=session, changes={"quorum": rule.minimum})
    return session


@transaction.atomic
def board_agenda_add(*, session: BoardSession, moves: Iterable[Move], actor: Any) -> int:
    _require(actor, Role.HR_ADMIN, "menyusun agenda sidang")
    _require_open(session)
    ids = [move.pk for move in moves]
    added = Move.objects.filter(pk__in=ids, status=State.DIVERIFIKASI, board_session__isnull=True).update(
        board_session=session
    )
    if added != len(ids):
        raise IllegalTransition(
            "Hanya usulan berstatus Diverifikasi yang belum diagendakan dapat ditambahkan."
        )
    for move in Move.objects.filter(pk__in=ids):
        audit_record(actor=actor, action="board_agenda_add", obj=move, changes={"session": session.number})
    return added


def board_attend(*, session: BoardSession, member: Any) -> Attendance:
    _require(member, Role.BOARD_MEMBER, "mengisi daftar hadir Tim")
    _require_open(session)
    attendance, created = Attendance.objects.get_or_create(session=session, member=member)
    if created:
        audit_record(actor=member, action="board_attend", obj=session)
    return attendance


def _on_agenda(session: BoardSession, move: Move) -> None:
    move.refresh_from_db(fields=["board_session", "status"])
    if move.board_session_id != session.pk or move.status != State.DIVERIFIKASI:
        raise IllegalTransition("Usulan ini tidak ada dalam agenda sidang yang terbuka.")


def board_declare_conflict(
    *, session: BoardSession, move: Move, member: Any, reason: str
) -> ConflictDeclaration:
    _require(member, Role.BOARD_MEMBER, "menyatakan konflik kepentingan")
    _require_open(session)
    _on_agenda(session, move)
    if not reason.strip():
        raise ApplicationError("Alasan konflik kepentingan wajib diisi.", field="reason")
    with transaction.atomic():
        BoardVote.objects.filter(move=move, member=member).delete()  # a recused member's view does not stand
        declaration, _ = ConflictDeclaration.objects.get_or_create(
            move=move, member=member, defaults={"session": session, "reason": reason.strip()}
        )
        audit_record(actor=member, action="board_declare_conflict", obj=move, reason=reason)
    return declaration


def board_vote(
    *, session: BoardSession, move: Move, member: Any, recommends: bool, note: str = ""
) -> BoardVote:
    """One view per member per move (unique pair); conflicted, absent or self-interested members are refused."""
    with refusals_logged(actor=member, action="board_vote", move=move):
        _require(member, Role.BOARD_MEMBER, "memberi pertimbangan")
        _require_open(session)
        _on_agenda(session, move)
        if not Attendance.objects.filter(session=session, member=member).exists():
            raise IllegalTransition("Isi daftar hadir sebelum memberi pertimbangan.")
        reasons = duty_conflicts(engine_actor(member), engine_case(move), Duty.PERTIMBANGAN)
        if reasons:
            raise IllegalTransition("Pemisahan tugas: " + "; ".join(reasons) + ".")
        try:
            with transaction.atomic():
                vote = BoardVote.objects.create(
                    session=session, move=move, member=member, recommends=recommends, note=note.strip()
                )
                audit_record(actor=member, action="board_vote", obj=move, changes={"recommends": recommends})
        except IntegrityError as error:
            raise IllegalTransition("Anda sudah memberi pertimbangan atas usulan ini.") from error
        return vote


def move_quorum(session: BoardSession, move: Move) -> QuorumResult:
    """Distinct present members who voted and are clear of conflicts (engine `board_quorum`)."""
    present = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    votes = BoardVote.objects.filter(move=move, member_id__in=present).select_related("member")
    case = engine_case(move)
    rule = QuorumRule(session.quorum_minimum, session.board_size, session.quorum_basis)
    return board_quorum([engine_actor(v.member, session.held_on) for v in votes], case, rule)


def board_session_close(*, session: BoardSession, actor: Any) -> dict[str, list[Move]]:
    """Record the Tim's recommendation on each agenda move that reached quorum; the rest leave the agenda."""
    _require(actor, Role.BOARD_MEMBER, "menutup sidang")
    _require_open(session)
    outcome: dict[str, list[Move]] = {"considered": [], "no_quorum": []}
    with transaction.atomic():
        locked = BoardSession.objects.select_for_update().get(pk=session.pk)
        _require_open(locked)
        for move in Move.objects.filter(board_session=locked, status=State.DIVERIFIKASI).order_by("pk"):
            _close_item(locked, move, actor, outcome)
        BoardSession.objects.filter(pk=locked.pk).update(
            status=BoardSession.Status.CLOSED, closed_by=actor, closed_at=timezone.now()
        )
        audit_record(
            actor=actor,
            action="board_session_close",
            obj=locked,
            changes={"considered": len(outcome["considered"])},
        )
    session.refresh_from_db()
    transaction.on_commit(lambda: minutes_render(session=session))
    return outcome


def _close_item(session: BoardSession, move: Move, actor: Any, outcome: dict[str, list[Move]]) -> None:
    result = move_quorum(session, move)
    if not result.met:
        Move.objects.filter(pk=move.pk).update(board_session=None)
        audit_record(
            actor=actor, action="board_no_quorum", obj=move, changes={"counted": len(result.counted)}
        )
        outcome["no_quorum"].append(move)
        return
    votes = BoardVote.objects.filter(move=move, member_id__in=[int(pk) for pk in result.counted])
    yes = votes.filter(recommends=True).count()
    recommends = yes * 2 > len(result.counted)
    notes = "; ".join(v.note for v in votes if v.note)
    recorder = actor if str(actor.pk) in result.counted else votes.first().member  # type: ignore[union-attr]
    done = move_transition(
        move=move,
        action=Action.REKOMENDASIKAN,
        actor=recorder,
        role=Role.BOARD_MEMBER,
        reason=f"Berita acara {session.number}",
        fields={"board_recommends": recommends, "board_note": notes[:2000]},
    )
    outcome["considered"].append(done)
