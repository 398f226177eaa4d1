"""Journey 5 and the resistance map in the demo (JOURNEYS.md §5; DESIGN.md "communication").

- A past round (loaded as history, like an import: moves already closed into the staff's current seats) gives
  the resistance map something to show: Kelurahan Padangsari with objections rising in the last 30 days (one
  rejected, one overdue and escalated) and low supervisor support in the 90-day survey; Pedalangan calm with
  good survey scores; Srondol Wetan with one objection accepted (support as follow-up) and one unread notice; Jabungan
  with one open objection and two survey answers only (hidden). Staff already in another story (the
  journeys' named people, anyone with a move) are left out. Idempotent: nothing is written when the round exists.
- pegawai.demo (Fajar) is NOT given a move by `seed_demo`: journeys 3, 4 and 8 (and their browser tests) start
  with Fajar free and create his move themselves; journey 5 follows journey 4's SK. To show journey 5 alone,
  `manage.py demo_journey5` gives him an SK through the real workflow (analis proposes, admin verifies, the
  Tim considers, the PPK approves, admin issues): Rowosari, far from his sick mother in Srondol Kulon, TMT the
  first day of the month after next, notice unread, objection window open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tepat.accounts.models import User
from tepat.core.audit import audit_record_many
from tepat.demo import journeys as j
from tepat.demo.accounts import ACTOR_LABEL
from tepat.demo.dates import add_months
from tepat.engine.communication import objection_answer_due, survey_closes, survey_due
from tepat.organization.models import Seat, Unit
from tepat.people.models import Employee, PositionHistory
from tepat.transfers.models import Move, Notice, Objection, Proposal, PulseSurvey
from tepat.transfers.services.notices import notice_body

ROUND_TITLE = "Mutasi Reguler 2026-II (riwayat demo)"
FAJAR_TARGET = ("KEL-TBL-ROWOSARI.PENGADM-UMUM", 2)
ORIGIN_UNIT = "KEC-TBL"  # where the past round's staff came from
WORKFLOW_ACCOUNTS = ("analis", "admin", "ppk", "tim.penilai.1", "tim.penilai.2")


@dataclass(frozen=True)
class Story:
    """One unit's past-round facts: survey scores (support, others) and recent moves with their objections."""

    unit_code: str
    surveys: tuple[tuple[int, int], ...]  # (support score, score of the four other questions) per answer
    recent: tuple[str, ...]  # per recent move: "" no objection, or open|overdue|rejected|accepted
    unread: int = 0  # recent notices left unread


STORIES = (
    Story("KEL-BYM-PADANGSARI", ((2, 3), (3, 3), (2, 4), (3, 3), (2, 3)), ("rejected", "overdue")),
    Story("KEL-BYM-PEDALANGAN", ((4, 4), (5, 4), (4, 5), (4, 4), (5, 5)), ()),
    Story("KEL-BYM-SRONDOLWETAN", (), ("accepted", "", "", "", ""), unread=1),
    Story("KEL-BYM-JABUNGAN", ((3, 4), (4, 3)), ("open", "", "", "")),
)  # fmt: skip
OBJECTION_TEXT = {
    "rejected": ("jarak", "Rumah saya di Mijen; perjalanan ke kantor baru lebih dari satu jam sekali jalan."),
    "open": ("pendidikan_anak", "Anak saya baru masuk SMP dekat kantor lama; mohon penundaan sampai semester baru."),
    "overdue": ("rekomendasi_otomatis", "Saya ingin tahu dasar penilaian sistem; pengalaman saya di bidang keuangan."),
    "accepted": ("kesehatan_diri", "Saya menjalani terapi rutin di RSUP Kariadi setiap Selasa dan Jumat pagi."),
}  # fmt: skip
ANSWERS = {
    "rejected": "Jarak tempat tinggal tidak termasuk alasan yang dapat dipertimbangkan untuk formasi ini; "
    "kebutuhan pelayanan di Padangsari mendesak. BKPP akan meninjau kembali pada putaran berikutnya.",
    "accepted": "Keadaan Anda kami terima. Atasan baru mengatur jadwal agar Anda tetap dapat menjalani terapi.",
}


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _staff(unit: Unit, count: int) -> list[Employee]:
    """Staff of the unit in no other story: without an account, without a move, not one of the journeys' people."""
    named = Q()
    for code, number in j.journey_people(timezone.localdate()):
        named |= Q(seat__position__code=code, seat__number=number)
    rows = (
        Employee.objects.filter(seat__position__unit=unit, user__isnull=True, moves__isnull=True)
        .exclude(named)
        .select_related("seat__position__unit")
        .order_by("seat__position__code", "seat__number")
    )
    return list(rows[:count])


def _history_move(proposal: Proposal, employee: Employee, origin: Unit | None, tmt: date) -> Move:
    """A closed move into the employee's current seat (history: no seat changes now).

    The position history is split at the TMT like an imported SK (same post title in the origin unit until the day
    before), so the employee's time in post starts at the TMT: the planner must not see them as five years in post.
    """
    current = PositionHistory.objects.filter(employee=employee, end__isnull=True).first()
    if origin is not None and current is not None and current.start < tmt:
        PositionHistory.objects.create(
            employee=employee, position=None, unit=origin, position_name=current.position_name,
            unit_name=origin.name, family=current.family, start=current.start, end=tmt - timedelta(days=1),
        )  # fmt: skip
        PositionHistory.objects.filter(pk=current.pk).update(start=tmt)
        Employee.objects.filter(pk=employee.pk).update(position_since=tmt)
    return Move.objects.create(
        proposal=proposal,
        employee=employee,
        origin_unit=origin,
        target_seat=employee.seat,  # type: ignore[misc]  # _staff reads seated employees only
        reason="Penyegaran dan pemerataan pegawai kelurahan (putaran 2026-II).",
        status="selesai",
        tmt=tmt,
    )


def _notice(move: Move, day: date, *, read: bool) -> Notice:
    notice = Notice.objects.create(
        move=move,
        employee=move.employee,
        kind="sk_terbit",
        title="SK mutasi Anda telah terbit",
        body=notice_body(move),
    )
    moment = _at(day)
    Notice.objects.filter(pk=notice.pk).update(
        created_at=moment, read_at=moment + timedelta(hours=3) if read else None
    )
    return notice


def _objection(move: Move, notice: Notice, kind: str, filed: date, admin: User) -> Objection:
    category, text = OBJECTION_TEXT[kind]
    answered = kind in ANSWERS
    objection = Objection.objects.create(
        move=move,
        notice=notice,
        category=category,
        text=text,
        filed_by=move.employee.user or admin,  # staff without an account: BKPP records the letter
        due_on=objection_answer_due(filed),
        status={"rejected": "ditolak", "accepted": "diterima"}.get(kind, "diajukan"),
        answer=ANSWERS.get(kind, ""),
        follow_up="dukungan" if kind == "accepted" else "",
        answered_by=admin if answered else None,
        answered_at=_at(filed + timedelta(days=5), 14) if answered else None,
    )
    Objection.objects.filter(pk=objection.pk).update(filed_at=_at(filed, 10))
    return objection


def _survey(move: Move, tmt: date, answered: date, scores: tuple[int, int]) -> PulseSurvey:
    support, other = scores
    return PulseSurvey.objects.create(
        move=move,
        employee=move.employee,
        unit=move.target_seat.position.unit,
        due_on=survey_due(tmt),
        closes_on=survey_closes(tmt),
        answered_at=_at(answered, 11),
        clarity=other,
        support=support,
        workload=other,
        team=other,
        stay=other,
    )


def _round_ensure(today: date, admin: User) -> int:
    """The past round; returns how many moves it wrote (0 when it exists already)."""
    if Proposal.objects.filter(title=ROUND_TITLE).exists():
        return 0
    origin = Unit.objects.filter(code=ORIGIN_UNIT).first()
    analyst = User.objects.filter(username="analis").first() or admin
    proposal = Proposal.objects.create(title=ROUND_TITLE, created_by=analyst, source=Proposal.Source.MANUAL)
    written: list[object] = [proposal]
    survey_tmt, recent_tmt = today - timedelta(days=100), today - timedelta(days=12)
    for story in STORIES:
        unit = Unit.objects.get(code=story.unit_code)
        staff = _staff(unit, len(story.surveys) + len(story.recent))
        for n, (employee, scores) in enumerate(zip(staff, story.surveys, strict=False)):
            move = _history_move(proposal, employee, origin, survey_tmt)
            _notice(move, survey_tmt - timedelta(days=8), read=True)
            written += [move, _survey(move, survey_tmt, today - timedelta(days=2 + n), scores)]
        for n, (employee, kind) in enumerate(zip(staff[len(story.surveys) :], story.recent, strict=False)):
            move = _history_move(proposal, employee, origin, recent_tmt)
            notice = _notice(move, today - timedelta(days=18), read=n >= story.unread)
            written.append(move)
            if kind:
                filed = today - timedelta(days={"rejected": 15, "overdue": 16, "accepted": 14}.get(kind, 6))
                written.append(_objection(move, notice, kind, filed, admin))
    audit_record_many(actor=None, action="demo_history_load", objects=written, actor_label=ACTOR_LABEL)  # type: ignore[arg-type]
    return sum(1 for row in written if isinstance(row, Move))


def _fajar_ensure(today: date) -> Move | None:
    """Fajar's SK through the workflow's services, as the demo accounts would do it; None if he has a move."""
    from tepat.transfers.services.board import (
        board_agenda_add,
        board_attend,
        board_session_close,
        board_session_create,
        board_vote,
    )
    from tepat.transfers.services.decisions import move_decide
    from tepat.transfers.services.decree import decree_issue
    from tepat.transfers.services.proposals import proposal_create_batch, proposal_submit
    from tepat.transfers.services.verification import move_verify

    fajar = Employee.objects.filter(seat__position__code=j.PEGAWAI_DEMO, seat__number=1).first()
    code, number = FAJAR_TARGET
    seat = Seat.objects.filter(position__code=code, number=number, occupant__isnull=True).first()
    if fajar is None or seat is None or Move.objects.filter(employee=fajar).exists():
        return None
    users = {u.username: u for u in User.objects.filter(username__in=WORKFLOW_ACCOUNTS)}
    reason = "Kelurahan Rowosari kekurangan pengadministrasi umum; pengalaman administrasi umum 9 tahun."
    proposal = proposal_create_batch(
        actor=users["analis"], moves=[(fajar, seat, reason)], title="Usulan Mutasi Demo Rowosari"
    )
    [move] = proposal_submit(proposal=proposal, actor=users["analis"])
    move = move_verify(move=move, actor=users["admin"])
    session = board_session_create(
        actor=users["admin"], number="BA-DEMO-05/TPK/2026", held_on=today, place="BKPP Kota Semarang"
    )
    board_agenda_add(session=session, moves=[move], actor=users["admin"])
    for name in ("tim.penilai.1", "tim.penilai.2"):
        board_attend(session=session, member=users[name])
        board_vote(session=session, move=move, member=users[name], recommends=True)
    board_session_close(session=session, actor=users["tim.penilai.1"])
    move = move_decide(
        move=Move.objects.get(pk=move.pk), actor=users["ppk"], approve=True, reason="Sesuai pertimbangan Tim"
    )
    decree_issue(actor=users["admin"], moves=[move], tmt=add_months(today.replace(day=1), 2))
    return Move.objects.get(pk=move.pk)


def demo_communication_ensure(*, today: date | None = None) -> int:
    """The past round for the resistance map; returns the history moves written (0 when present or no accounts)."""
    from tepat.transfers.feedback_tasks import feedback_due_arm
    from tepat.transfers.services.objections import feedback_escalate

    admin = User.objects.filter(username="admin").first()
    if admin is None:
        return 0
    with transaction.atomic():
        written = _round_ensure(today or timezone.localdate(), admin)
    feedback_escalate()  # the overdue objection shows escalated, as the daily job would have done
    feedback_due_arm()  # `make run`'s worker then runs the daily job (surveys, escalations) every night
    return written


def demo_journey5_ensure(*, today: date | None = None) -> Move | None:
    """Fajar's SK and notice for journey 5 on its own; None when he has a move already or accounts are missing."""
    from tepat.transfers.services.events import dispatch_pending_events

    if User.objects.filter(username__in=WORKFLOW_ACCOUNTS).count() != len(WORKFLOW_ACCOUNTS):
        return None
    move = _fajar_ensure(today or timezone.localdate())
    dispatch_pending_events()  # the notice of the SK, as the worker would right after the commit
    return move
