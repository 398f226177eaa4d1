"""The transfer workflow table, exhaustively, and the separation-of-duties checks (SECURITY.md R-05, R-06)."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from tepat.engine.errors import IllegalTransition, InvalidInput
from tepat.engine.roles import Role
from tepat.engine.workflow import (
    ACTION_DUTY,
    ACTION_LABELS,
    ACTIVE_STATES,
    DEMO_QUORUM,
    EVENTS_ON_ENTER,
    ROLES,
    STATE_LABELS,
    TERMINAL_STATES,
    TRANSITIONS,
    Action,
    Actor,
    BoardRecommendation,
    Case,
    Delegation,
    Event,
    QuorumRule,
    State,
    SystemRole,
    allowed_actions,
    board_quorum,
    check_decision,
    check_decision_authority,
    check_duties,
    transition,
)

S, A, R = State, Action, Role
EVERY_ROLE: tuple[str, ...] = (*Role, *SystemRole)
PROPOSER = (R.ANALYST, R.UNIT_HEAD)

# The specification, written out independently of the table: (from, action, roles allowed, to).
SPEC: list[tuple[State, Action, tuple[str, ...], State]] = [
    (S.DRAF, A.AJUKAN, PROPOSER, S.DIAJUKAN),
    (S.DRAF, A.TARIK, PROPOSER, S.DIBATALKAN),
    (S.DIKEMBALIKAN, A.AJUKAN, PROPOSER, S.DIAJUKAN),
    (S.DIKEMBALIKAN, A.TARIK, PROPOSER, S.DIBATALKAN),
    (S.DIAJUKAN, A.TARIK, PROPOSER, S.DIBATALKAN),
    (S.DIAJUKAN, A.VERIFIKASI, (R.HR_ADMIN,), S.DIVERIFIKASI),
    (S.DIAJUKAN, A.KEMBALIKAN, (R.HR_ADMIN,), S.DIKEMBALIKAN),
    (S.DIVERIFIKASI, A.KEMBALIKAN, (R.HR_ADMIN,), S.DIKEMBALIKAN),
    (S.DIVERIFIKASI, A.REKOMENDASIKAN, (R.BOARD_MEMBER,), S.DIPERTIMBANGKAN),
    (S.DIPERTIMBANGKAN, A.SETUJUI, (R.APPROVER,), S.DISETUJUI),
    (S.DIPERTIMBANGKAN, A.TOLAK, (R.APPROVER,), S.DITOLAK),
    (S.DISETUJUI, A.TERBITKAN_SK, (R.HR_ADMIN,), S.SK_TERBIT),
    (S.DISETUJUI, A.BATALKAN, (R.APPROVER,), S.DIBATALKAN),
    (S.SK_TERBIT, A.BERLAKUKAN, (SystemRole.TMT,), S.BERLAKU),
    (S.SK_TERBIT, A.TAHAN, (SystemRole.TMT,), S.DITAHAN),
    (S.SK_TERBIT, A.BATALKAN, (R.APPROVER,), S.DIBATALKAN),
    (S.DITAHAN, A.LANJUTKAN, (R.APPROVER,), S.SK_TERBIT),
    (S.DITAHAN, A.BATALKAN, (R.APPROVER,), S.DIBATALKAN),
    (S.BERLAKU, A.SELESAIKAN, (R.HR_ADMIN,), S.SELESAI),
]
ALLOWED = {(s, a, r): to for s, a, roles, to in SPEC for r in roles}
TRIPLES = list(itertools.product(State, Action, EVERY_ROLE))


@pytest.mark.parametrize(("state", "action", "role"), [t for t in TRIPLES if t in ALLOWED])
def test_allowed_transition_reaches_the_specified_state(state: State, action: Action, role: str) -> None:
    assert transition(state, action, role) is ALLOWED[(state, action, role)]


@pytest.mark.parametrize(("state", "action", "role"), [t for t in TRIPLES if t not in ALLOWED])
def test_every_other_triple_is_refused(state: State, action: Action, role: str) -> None:
    with pytest.raises(IllegalTransition) as caught:
        transition(state, action, role)
    assert caught.value.message  # an Indonesian reason, never empty


def test_the_table_has_no_transition_beyond_the_spec() -> None:
    in_table = {(s, a) for s, moves in TRANSITIONS.items() for a in moves}
    assert in_table == {(s, a) for s, a, _, _ in SPEC}
    assert set(TRANSITIONS) == set(State)
    assert set(ROLES) == set(Action) == set(ACTION_DUTY) == set(ACTION_LABELS)


def test_every_state_is_reachable_from_draf() -> None:
    seen, frontier = {S.DRAF}, [S.DRAF]
    while frontier:
        for nxt in TRANSITIONS[frontier.pop()].values():
            if nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(State)


def test_active_and_terminal_states_partition_the_states() -> None:
    assert {S.SELESAI, S.DITOLAK, S.DIBATALKAN} == TERMINAL_STATES
    assert set(State) == ACTIVE_STATES | TERMINAL_STATES
    assert not ACTIVE_STATES & TERMINAL_STATES
    assert all(not TRANSITIONS[s] for s in TERMINAL_STATES)
    assert all(TRANSITIONS[s] for s in ACTIVE_STATES)


def test_labels_and_events_cover_every_state() -> None:
    assert set(STATE_LABELS) == set(EVENTS_ON_ENTER) == set(State)
    assert all(isinstance(e, Event) for events in EVENTS_ON_ENTER.values() for e in events)
    assert Event.SCHEDULE_REVIEWS in EVENTS_ON_ENTER[S.BERLAKU]
    assert Event.CREATE_DEVELOPMENT_PLAN in EVENTS_ON_ENTER[S.BERLAKU]


@pytest.mark.parametrize(
    ("state", "action", "role", "message"),
    [
        (S.DISETUJUI, A.SETUJUI, R.APPROVER, "sudah diputuskan"),
        (S.DITOLAK, A.SETUJUI, R.APPROVER, "sudah selesai diproses"),
        (S.SELESAI, A.SELESAIKAN, R.HR_ADMIN, "sudah selesai diproses"),
        (S.DRAF, A.SETUJUI, R.APPROVER, 'tidak dapat dilakukan pada status "Draf"'),
        (S.DIPERTIMBANGKAN, A.SETUJUI, R.ANALYST, 'Peran "Analis SDM (BKPP)" tidak berwenang'),
        (S.SK_TERBIT, A.BERLAKUKAN, R.HR_ADMIN, "tidak berwenang"),
        ("terbang", A.AJUKAN, R.ANALYST, "Status tidak dikenal"),
        (S.DRAF, "lompat", R.ANALYST, "Tindakan tidak dikenal"),
        (S.DRAF, A.AJUKAN, "superuser", "Peran tidak dikenal"),
    ],
)
def test_refusals_say_why(state: str, action: str, role: str, message: str) -> None:
    with pytest.raises(IllegalTransition, match=re.escape(message)):
        transition(state, action, role)


def test_plain_strings_work_like_the_enums() -> None:
    assert transition("diajukan", "verifikasi", "hr_admin") is S.DIVERIFIKASI


@pytest.mark.parametrize(
    ("state", "roles", "expected"),
    [
        (S.DRAF, {R.ANALYST}, (A.AJUKAN, A.TARIK)),
        (S.DIAJUKAN, {R.HR_ADMIN}, (A.VERIFIKASI, A.KEMBALIKAN)),
        (S.DIAJUKAN, {R.HR_ADMIN, R.UNIT_HEAD}, (A.VERIFIKASI, A.KEMBALIKAN, A.TARIK)),
        (S.DIPERTIMBANGKAN, {R.APPROVER}, (A.SETUJUI, A.TOLAK)),
        (S.SK_TERBIT, {SystemRole.TMT}, (A.BERLAKUKAN, A.TAHAN)),
        (S.SK_TERBIT, {R.EMPLOYEE, R.AUDITOR}, ()),
        (S.SELESAI, set(EVERY_ROLE), ()),
    ],
)
def test_allowed_actions(state: State, roles: set[str], expected: tuple[Action, ...]) -> None:
    assert allowed_actions(state, roles) == expected


@pytest.mark.parametrize(("state", "role"), list(itertools.product(State, EVERY_ROLE)))
def test_allowed_actions_agree_with_transition(state: State, role: str) -> None:
    assert set(allowed_actions(state, [role])) == {a for a in Action if (state, a, role) in ALLOWED}


# --- separation of duties ---

CASE = Case(
    "M1",
    employee_id="E-target",
    proposer_id="u.analis",
    verifier_id="u.admin",
    conflicted=frozenset({"u.tim3"}),
)


def actor(user: str, *roles: str, employee: str | None = None, relatives: tuple[str, ...] = ()) -> Actor:
    return Actor(user, frozenset(roles), employee, frozenset(relatives))


@pytest.mark.parametrize(
    ("who", "action", "reason"),
    [
        (actor("u.analis", R.ANALYST), A.AJUKAN, None),
        (actor("u.analis", R.ANALYST, R.HR_ADMIN), A.VERIFIKASI, "pengusul tidak boleh"),
        (actor("u.analis", R.BOARD_MEMBER), A.REKOMENDASIKAN, "pengusul tidak boleh"),
        (actor("u.analis", R.APPROVER), A.SETUJUI, "pengusul tidak boleh"),
        (actor("u.analis", R.APPROVER), A.TOLAK, "pengusul tidak boleh"),
        (actor("u.admin", R.HR_ADMIN), A.VERIFIKASI, None),
        (actor("u.admin", R.APPROVER), A.SETUJUI, "verifikator tidak boleh"),
        (actor("u.admin", R.HR_ADMIN), A.TERBITKAN_SK, None),
        (actor("u.ppk", R.APPROVER), A.SETUJUI, None),
        (actor("u.ppk", R.APPROVER, employee="E-target"), A.SETUJUI, "diri sendiri"),
        (actor("u.lurah", R.UNIT_HEAD, employee="E-target"), A.AJUKAN, "diri sendiri"),
        (actor("u.ppk", R.APPROVER, relatives=("E-target",)), A.SETUJUI, "keluarga"),
        (actor("u.admin2", R.HR_ADMIN, relatives=("E-target",)), A.VERIFIKASI, "keluarga"),
        (actor("u.tim3", R.BOARD_MEMBER), A.REKOMENDASIKAN, "konflik kepentingan"),
        (actor("u.tim1", R.BOARD_MEMBER), A.REKOMENDASIKAN, None),
        (actor("u.tim3", R.APPROVER), A.SETUJUI, None),  # the declaration is per board agenda item
        (actor("sistem.tmt", SystemRole.TMT), A.BERLAKUKAN, None),
    ],
)
def test_separation_of_duties(who: Actor, action: Action, reason: str | None) -> None:
    if reason is None:
        check_duties(who, CASE, action)
    else:
        with pytest.raises(IllegalTransition, match=reason):
            check_duties(who, CASE, action)


def test_all_duty_reasons_are_given_at_once() -> None:
    both = actor("u.analis", R.APPROVER, employee="E-target")
    with pytest.raises(IllegalTransition) as caught:
        check_duties(both, CASE, A.SETUJUI)
    assert "diri sendiri" in caught.value.message
    assert "pengusul" in caught.value.message


# --- quorum ---

TIM1, TIM2, TIM3 = (actor(f"u.tim{i}", R.BOARD_MEMBER) for i in (1, 2, 3))


@pytest.mark.parametrize(
    ("members", "counted", "met"),
    [
        ([TIM1, TIM2], ("u.tim1", "u.tim2"), True),
        ([TIM1, TIM2, TIM3], ("u.tim1", "u.tim2"), True),  # tim3 declared a conflict
        ([TIM1, TIM3], ("u.tim1",), False),
        ([TIM1, TIM1], ("u.tim1",), False),  # the same member twice counts once
        ([TIM1, actor("u.x", R.APPROVER)], ("u.tim1",), False),  # not on the board
        ([TIM1, actor("u.analis", R.BOARD_MEMBER)], ("u.tim1",), False),  # the proposer
        ([TIM1, actor("u.tim4", R.BOARD_MEMBER, employee="E-target")], ("u.tim1",), False),
        ([TIM1, actor("u.tim5", R.BOARD_MEMBER, relatives=("E-target",))], ("u.tim1",), False),
        ([], (), False),
    ],
)
def test_quorum_counts_distinct_eligible_members(
    members: list[Actor], counted: tuple[str, ...], met: bool
) -> None:
    result = board_quorum(members, CASE)
    assert (result.counted, result.met) == (counted, met)
    assert len(result.excluded) == len(members) - len(counted)


def test_quorum_size_is_rule_data() -> None:
    assert (DEMO_QUORUM.minimum, DEMO_QUORUM.board_size) == (2, 3)
    assert not board_quorum([TIM1, TIM2], CASE, QuorumRule(minimum=3, board_size=5)).met


# --- delegation and decision prerequisites ---

SCOPED = Case(
    "M2", "E-9", "u.analis", origin_unit_path=("KOTA", "KEC-BM", "KEL-1"), target_unit_path=("KOTA", "KEC-BM")
)
SEKDA = actor("u.sekda")
WINDOW = Delegation("u.sekda", date(2026, 1, 1), date(2026, 3, 31), legal_basis="Keputusan Wali Kota 800/1")


@pytest.mark.parametrize(
    ("on", "allowed"),
    [
        (date(2025, 12, 31), False),
        (date(2026, 1, 1), True),
        (date(2026, 2, 15), True),
        (date(2026, 3, 31), True),
        (date(2026, 4, 1), False),
    ],
)
def test_delegate_decides_only_inside_the_window(on: date, allowed: bool) -> None:
    if allowed:
        check_decision_authority(SEKDA, SCOPED, on, [WINDOW])
    else:
        with pytest.raises(IllegalTransition, match="pelimpahan"):
            check_decision_authority(SEKDA, SCOPED, on, [WINDOW])


@pytest.mark.parametrize(
    ("delegation", "allowed"),
    [
        (Delegation("u.sekda", date(2026, 1, 1), None), True),  # open-ended, whole government
        (Delegation("u.sekda", date(2026, 1, 1), None, frozenset({"KEC-BM"})), True),
        (Delegation("u.sekda", date(2026, 1, 1), None, frozenset({"KEL-1"})), False),  # target outside
        (Delegation("u.sekda", date(2026, 1, 1), None, frozenset({"KEC-LAIN"})), False),
        (Delegation("u.camat", date(2026, 1, 1), None), False),  # someone else's delegation
    ],
)
def test_delegation_scope_must_cover_origin_and_target(delegation: Delegation, allowed: bool) -> None:
    if allowed:
        check_decision_authority(SEKDA, SCOPED, date(2026, 6, 1), [delegation])
    else:
        with pytest.raises(IllegalTransition):
            check_decision_authority(SEKDA, SCOPED, date(2026, 6, 1), [delegation])


def test_the_ppk_needs_no_delegation() -> None:
    check_decision_authority(actor("u.ppk", R.APPROVER), SCOPED, date(2030, 1, 1))


BA = BoardRecommendation("800/BA-TPK/12/2026", date(2026, 5, 4))


@pytest.mark.parametrize(
    ("recommendation", "reason", "decided_on", "error", "path"),
    [
        (None, "kebutuhan organisasi", date(2026, 5, 5), IllegalTransition, None),
        (
            BoardRecommendation("  ", date(2026, 5, 4)),
            "kebutuhan organisasi",
            date(2026, 5, 5),
            IllegalTransition,
            None,
        ),
        (BA, "", date(2026, 5, 5), InvalidInput, "reason"),
        (BA, "kebutuhan organisasi", date(2026, 5, 3), InvalidInput, "decided_on"),
    ],
)
def test_decision_needs_a_berita_acara_and_a_reason(
    recommendation: BoardRecommendation | None,
    reason: str,
    decided_on: date,
    error: type[Exception],
    path: str | None,
) -> None:
    with pytest.raises(error) as caught:
        check_decision(recommendation, reason, decided_on)
    if path is not None:
        assert isinstance(caught.value, InvalidInput)
        assert [p.path for p in caught.value.problems] == [path]


def test_decision_with_berita_acara_and_reason_passes() -> None:
    check_decision(BA, "mengisi kekurangan pada Kelurahan Ngesrep", date(2026, 5, 4))
