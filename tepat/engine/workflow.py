"""The transfer workflow (DESIGN.md "Workflow states"): one transition table, one guarded function.

Shaped like h11's `_state.py` and Oscar's `pipeline`: `TRANSITIONS[state][action] -> next_state`, plus the roles
allowed per action. Only the `transfers` services call `transition()` and save the status (SECURITY.md R-05).
Separation of duties, quorum, delegation and the decision prerequisites are pure checks over small dataclasses
(R-06, R-31); the service runs them before `transition()`, inside the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TypeVar

from tepat.engine.errors import FieldProblem, IllegalTransition, InvalidInput
from tepat.engine.roles import ROLE_LABELS, Role


class State(StrEnum):
    DRAF = "draf"
    DIAJUKAN = "diajukan"
    DIVERIFIKASI = "diverifikasi"
    DIPERTIMBANGKAN = "dipertimbangkan"
    DISETUJUI = "disetujui"
    SK_TERBIT = "sk_terbit"
    BERLAKU = "berlaku"
    SELESAI = "selesai"
    DIKEMBALIKAN = "dikembalikan"
    DITOLAK = "ditolak"
    DIBATALKAN = "dibatalkan"
    DITAHAN = "ditahan"


class Action(StrEnum):
    AJUKAN = "ajukan"
    TARIK = "tarik"
    KEMBALIKAN = "kembalikan"
    VERIFIKASI = "verifikasi"
    REKOMENDASIKAN = "rekomendasikan"
    SETUJUI = "setujui"
    TOLAK = "tolak"
    TERBITKAN_SK = "terbitkan_sk"
    BERLAKUKAN = "berlakukan"
    TAHAN = "tahan"
    LANJUTKAN = "lanjutkan"
    BATALKAN = "batalkan"
    SELESAIKAN = "selesaikan"


class SystemRole(StrEnum):
    """Non-human actors; `apply_due_tmt` acts as SYSTEM_ACTOR with this role (R-07)."""

    TMT = "sistem_tmt"


SYSTEM_ACTOR = "sistem.tmt"  # the named user the audit trail shows for TMT application

S, A = State, Action

TRANSITIONS: dict[State, dict[Action, State]] = {
    S.DRAF: {A.AJUKAN: S.DIAJUKAN, A.TARIK: S.DIBATALKAN},
    S.DIKEMBALIKAN: {A.AJUKAN: S.DIAJUKAN, A.TARIK: S.DIBATALKAN},
    S.DIAJUKAN: {A.VERIFIKASI: S.DIVERIFIKASI, A.KEMBALIKAN: S.DIKEMBALIKAN, A.TARIK: S.DIBATALKAN},
    S.DIVERIFIKASI: {A.REKOMENDASIKAN: S.DIPERTIMBANGKAN, A.KEMBALIKAN: S.DIKEMBALIKAN},
    S.DIPERTIMBANGKAN: {A.SETUJUI: S.DISETUJUI, A.TOLAK: S.DITOLAK},
    S.DISETUJUI: {A.TERBITKAN_SK: S.SK_TERBIT, A.BATALKAN: S.DIBATALKAN},
    # Cancelling after the SK means a cancelling decree, which the service issues; the table only allows it.
    S.SK_TERBIT: {A.BERLAKUKAN: S.BERLAKU, A.TAHAN: S.DITAHAN, A.BATALKAN: S.DIBATALKAN},
    # Lifting a hold returns to sk_terbit so that the next idempotent TMT run re-checks the hard rules.
    S.DITAHAN: {A.LANJUTKAN: S.SK_TERBIT, A.BATALKAN: S.DIBATALKAN},
    S.BERLAKU: {A.SELESAIKAN: S.SELESAI},
    S.SELESAI: {},
    S.DITOLAK: {},
    S.DIBATALKAN: {},
}

PROPOSERS = frozenset({Role.ANALYST, Role.UNIT_HEAD})
_HR, _PPK = frozenset({Role.HR_ADMIN}), frozenset({Role.APPROVER})

ROLES: dict[Action, frozenset[str]] = {
    A.AJUKAN: PROPOSERS,
    A.TARIK: PROPOSERS,
    A.KEMBALIKAN: _HR,
    A.VERIFIKASI: _HR,
    A.REKOMENDASIKAN: frozenset({Role.BOARD_MEMBER}),
    A.SETUJUI: _PPK,
    A.TOLAK: _PPK,
    A.TERBITKAN_SK: _HR,
    A.BERLAKUKAN: frozenset({SystemRole.TMT}),
    A.TAHAN: frozenset({SystemRole.TMT}),
    A.LANJUTKAN: _PPK,  # lifting a hold is an authorised override of a failing hard rule
    A.BATALKAN: _PPK,
    A.SELESAIKAN: _HR,  # closing checklist: pelantikan, SPMT, serah terima jabatan, SKPP
}

TERMINAL_STATES = frozenset({S.SELESAI, S.DITOLAK, S.DIBATALKAN})
# Every non-terminal state holds the employee: the partial unique constraint uses this set.
ACTIVE_STATES = frozenset(State) - TERMINAL_STATES
DECIDED_STATES = frozenset({S.DISETUJUI, S.SK_TERBIT, S.BERLAKU, S.SELESAI, S.DITOLAK, S.DITAHAN})

STATE_LABELS: dict[str, str] = {
    S.DRAF: "Draf",
    S.DIAJUKAN: "Diajukan",
    S.DIVERIFIKASI: "Diverifikasi BKPP",
    S.DIPERTIMBANGKAN: "Dipertimbangkan Tim Penilai Kinerja",
    S.DISETUJUI: "Disetujui PPK",
    S.SK_TERBIT: "SK terbit",
    S.BERLAKU: "Berlaku (TMT)",
    S.SELESAI: "Selesai",
    S.DIKEMBALIKAN: "Dikembalikan ke pengusul",
    S.DITOLAK: "Ditolak",
    S.DIBATALKAN: "Dibatalkan",
    S.DITAHAN: "Ditahan pada TMT",
}

ACTION_LABELS: dict[str, str] = {
    A.AJUKAN: "Ajukan",
    A.TARIK: "Tarik usulan",
    A.KEMBALIKAN: "Kembalikan ke pengusul",
    A.VERIFIKASI: "Verifikasi",
    A.REKOMENDASIKAN: "Catat pertimbangan Tim Penilai Kinerja",
    A.SETUJUI: "Setujui",
    A.TOLAK: "Tolak",
    A.TERBITKAN_SK: "Terbitkan SK",
    A.BERLAKUKAN: "Berlakukan pada TMT",
    A.TAHAN: "Tahan pada TMT",
    A.LANJUTKAN: "Lanjutkan setelah ditahan",
    A.BATALKAN: "Batalkan keputusan",
    A.SELESAIKAN: "Selesaikan (daftar penutup lengkap)",
}

ACTOR_LABELS: dict[str, str] = {**ROLE_LABELS, SystemRole.TMT: "Sistem (penerapan TMT)"}


# --- steps after a state change ---


class Event(StrEnum):
    NOTIFY_PROPOSER = "notify.proposer"
    NOTIFY_VERIFIERS = "notify.verifiers"
    NOTIFY_BOARD = "notify.board"
    NOTIFY_APPROVER = "notify.approver"
    NOTIFY_HR_ADMIN = "notify.hr_admin"
    NOTIFY_EMPLOYEE = "notify.employee"
    NOTIFY_UNITS = "notify.units"  # heads of the origin and target units
    RELEASE_SEAT = "seat.release"
    RENDER_PETIKAN = "sk.render_petikan"
    OPEN_CLOSING_CHECKLIST = "closing.open_checklist"
    CREATE_DEVELOPMENT_PLAN = "development.create_plan"
    SCHEDULE_REVIEWS = "evaluation.schedule_reviews"


E = Event

# Recorded in the event table in the transition's transaction; the Django handler registry runs them after commit.
EVENTS_ON_ENTER: dict[State, tuple[Event, ...]] = {
    S.DRAF: (),
    S.DIAJUKAN: (E.NOTIFY_VERIFIERS,),
    S.DIKEMBALIKAN: (E.NOTIFY_PROPOSER,),
    S.DIVERIFIKASI: (E.NOTIFY_BOARD,),
    S.DIPERTIMBANGKAN: (E.NOTIFY_APPROVER,),
    S.DISETUJUI: (E.NOTIFY_HR_ADMIN, E.NOTIFY_PROPOSER),
    S.DITOLAK: (E.NOTIFY_PROPOSER, E.RELEASE_SEAT),
    S.DIBATALKAN: (E.NOTIFY_PROPOSER, E.RELEASE_SEAT),
    S.SK_TERBIT: (E.NOTIFY_EMPLOYEE, E.NOTIFY_UNITS, E.RENDER_PETIKAN),
    S.DITAHAN: (E.NOTIFY_HR_ADMIN, E.NOTIFY_APPROVER),
    S.BERLAKU: (E.NOTIFY_EMPLOYEE, E.OPEN_CLOSING_CHECKLIST, E.CREATE_DEVELOPMENT_PLAN, E.SCHEDULE_REVIEWS),
    S.SELESAI: (E.NOTIFY_EMPLOYEE, E.NOTIFY_UNITS),
}


# --- the table's one function ---

_E = TypeVar("_E", bound=StrEnum)


def _parse(enum: type[_E], value: str, what: str) -> _E:
    try:
        return enum(value)
    except ValueError:
        raise IllegalTransition(f"{what} tidak dikenal: {value!r}") from None


def transition(state: str, action: str, role: str) -> State:
    """The next state, or IllegalTransition with the reason; nothing else changes a move's status."""
    current, act = _parse(State, state, "Status"), _parse(Action, action, "Tindakan")
    if role not in ACTOR_LABELS:
        raise IllegalTransition(f"Peran tidak dikenal: {role!r}")
    label, act_label = STATE_LABELS[current], ACTION_LABELS[act]
    if current in TERMINAL_STATES:
        raise IllegalTransition(
            f'Usulan berstatus "{label}" sudah selesai diproses; tidak ada tindakan lagi.'
        )
    if act in (A.SETUJUI, A.TOLAK) and current in DECIDED_STATES:
        raise IllegalTransition(f'Usulan ini sudah diputuskan (status: "{label}").')
    if act not in TRANSITIONS[current]:
        raise IllegalTransition(f'Tindakan "{act_label}" tidak dapat dilakukan pada status "{label}".')
    if role not in ROLES[act]:
        raise IllegalTransition(f'Peran "{ACTOR_LABELS[role]}" tidak berwenang melakukan "{act_label}".')
    return TRANSITIONS[current][act]


def allowed_actions(state: str, roles: Iterable[str]) -> tuple[Action, ...]:
    """What these roles may do now, in table order (for buttons and inboxes)."""
    held = set(roles)
    return tuple(a for a in TRANSITIONS[_parse(State, state, "Status")] if held & ROLES[a])


# --- separation of duties (R-06) ---


class Duty(StrEnum):
    USUL = "usul"
    VERIFIKASI = "verifikasi"
    PERTIMBANGAN = "pertimbangan"
    KEPUTUSAN = "keputusan"
    ADMINISTRASI = "administrasi"
    SISTEM = "sistem"


ACTION_DUTY: dict[Action, Duty] = {
    A.AJUKAN: Duty.USUL,
    A.TARIK: Duty.USUL,
    A.KEMBALIKAN: Duty.VERIFIKASI,
    A.VERIFIKASI: Duty.VERIFIKASI,
    A.REKOMENDASIKAN: Duty.PERTIMBANGAN,
    A.SETUJUI: Duty.KEPUTUSAN,
    A.TOLAK: Duty.KEPUTUSAN,
    A.LANJUTKAN: Duty.KEPUTUSAN,
    A.BATALKAN: Duty.KEPUTUSAN,
    A.TERBITKAN_SK: Duty.ADMINISTRASI,
    A.SELESAIKAN: Duty.ADMINISTRASI,
    A.BERLAKUKAN: Duty.SISTEM,
    A.TAHAN: Duty.SISTEM,
}

_NOT_FOR_PROPOSER = frozenset({Duty.VERIFIKASI, Duty.PERTIMBANGAN, Duty.KEPUTUSAN})


@dataclass(frozen=True)
class Actor:
    user_id: str
    roles: frozenset[str] = frozenset()  # standing grants at the time of acting
    employee_id: str | None = None  # the actor's own employee record, if any
    relatives: frozenset[str] = frozenset()  # employee ids of declared relatives


@dataclass(frozen=True)
class Case:
    case_id: str
    employee_id: str
    proposer_id: str  # user ids from here on
    verifier_id: str | None = None
    conflicted: frozenset[str] = frozenset()  # board members who declared a conflict on this agenda item
    origin_unit_path: tuple[str, ...] = ()  # root first, down to the unit
    target_unit_path: tuple[str, ...] = ()


def duty_conflicts(actor: Actor, case: Case, duty: Duty) -> tuple[str, ...]:
    """Every reason the actor may not perform this duty on this case; empty when clear."""
    if duty is Duty.SISTEM:
        return ()
    reasons = []
    if actor.employee_id is not None and actor.employee_id == case.employee_id:
        reasons.append("tidak boleh bertindak atas usulan tentang diri sendiri")
    if case.employee_id in actor.relatives:
        reasons.append("pegawai yang diusulkan adalah keluarga yang telah dideklarasikan")
    if duty in _NOT_FOR_PROPOSER and actor.user_id == case.proposer_id:
        reasons.append("pengusul tidak boleh memverifikasi, mempertimbangkan, atau memutuskan usulannya")
    if duty is Duty.KEPUTUSAN and actor.user_id == case.verifier_id:
        reasons.append("verifikator tidak boleh memutuskan usulan yang diverifikasinya")
    if duty is Duty.PERTIMBANGAN and actor.user_id in case.conflicted:
        reasons.append("anggota Tim telah menyatakan konflik kepentingan pada usulan ini")
    return tuple(reasons)


def check_duties(actor: Actor, case: Case, action: str) -> None:
    reasons = duty_conflicts(actor, case, ACTION_DUTY[_parse(Action, action, "Tindakan")])
    if reasons:
        raise IllegalTransition("Pemisahan tugas: " + "; ".join(reasons) + ".")


# --- board quorum ---


@dataclass(frozen=True)
class QuorumRule:
    minimum: int  # distinct eligible, non-conflicted members needed
    board_size: int
    legal_basis: str = "PP 11/2017 Ps 191; susunan Tim ditetapkan PPK"


DEMO_QUORUM = QuorumRule(minimum=2, board_size=3)


@dataclass(frozen=True)
class QuorumResult:
    counted: tuple[str, ...]
    excluded: tuple[tuple[str, str], ...]  # (user_id, reason)
    met: bool


def board_quorum(members: Sequence[Actor], case: Case, rule: QuorumRule = DEMO_QUORUM) -> QuorumResult:
    """Count each eligible member once; a member without the role or with a conflict does not count."""
    counted: list[str] = []
    excluded: list[tuple[str, str]] = []
    for member in members:
        reasons = duty_conflicts(member, case, Duty.PERTIMBANGAN)
        if member.user_id in counted:
            excluded.append((member.user_id, "sudah dihitung"))
        elif Role.BOARD_MEMBER not in member.roles:
            excluded.append((member.user_id, "bukan anggota Tim Penilai Kinerja"))
        elif reasons:
            excluded.append((member.user_id, "; ".join(reasons)))
        else:
            counted.append(member.user_id)
    return QuorumResult(tuple(counted), tuple(excluded), len(counted) >= rule.minimum)


# --- decision authority and prerequisites ---


@dataclass(frozen=True)
class Delegation:
    delegate_id: str
    valid_from: date
    valid_to: date | None  # inclusive; None = until revoked
    scope: frozenset[str] = frozenset()  # unit ids whose subtrees are covered; empty = the whole government
    legal_basis: str = ""


def delegation_covers(delegation: Delegation, case: Case, on: date) -> bool:
    """In force on `on`, and both the origin and the target unit lie inside the delegated scope."""
    if on < delegation.valid_from or (delegation.valid_to is not None and on > delegation.valid_to):
        return False
    if not delegation.scope:
        return True
    paths = (case.origin_unit_path, case.target_unit_path)
    return all(bool(delegation.scope.intersection(path)) for path in paths)


def check_decision_authority(
    actor: Actor, case: Case, on: date, delegations: Iterable[Delegation] = ()
) -> None:
    """A PPK decides by role; anyone else only under a delegation that covers this case on this date."""
    if Role.APPROVER in actor.roles:
        return
    if any(d.delegate_id == actor.user_id and delegation_covers(d, case, on) for d in delegations):
        return
    raise IllegalTransition(
        f"Tidak ada pelimpahan wewenang PPK yang berlaku untuk usulan ini pada {on:%d-%m-%Y}."
    )


@dataclass(frozen=True)
class BoardRecommendation:
    berita_acara_number: str
    berita_acara_date: date


def check_decision(recommendation: BoardRecommendation | None, reason: str, decided_on: date) -> None:
    """R-05/R-31: no decision without the Tim's berita acara (number and date) and a written reason."""
    if recommendation is None or not recommendation.berita_acara_number.strip():
        raise IllegalTransition(
            "Keputusan memerlukan pertimbangan Tim Penilai Kinerja (nomor dan tanggal berita acara)."
        )
    problems = []
    if decided_on < recommendation.berita_acara_date:
        problems.append(
            FieldProblem("decided_on", "tanggal keputusan tidak boleh sebelum tanggal berita acara")
        )
    if not reason.strip():
        problems.append(FieldProblem("reason", "alasan keputusan wajib diisi"))
    if problems:
        raise InvalidInput(problems)
