"""Reviews after a move (ANCHORS §3 item 10): the schedule, the score of a review, and the early warnings.

Schedule (rule data, rule id "REVIEW", parameter "schedule"): a check-in after 1 month (30 days: has the newcomer
been received, SPMT and serah terima done, tasks explained), a review after 3 months (90 days: the quarterly
periodic evaluation of PermenPANRB 6/2022 — the instansi chooses monthly, quarterly or semi-annual — and the
end of the first three months in which the development plan's first training falls) and a review after 6 months
(180 days: the semester evaluation, in time to act before the annual SKP). The supervisor of the NEW unit fills
them in. A review opens `open_days_before` days before its due date and is late after its due date.

Score: four Likert items (1–5): adaptasi, penguasaan tugas, kerja sama (higher is better) and kebutuhan dukungan
(higher means more support needed, so it counts reversed); score = (mean − 1) ÷ 4 × 100, 0–100.

Continuity risk (ANCHORS §3 item 10): one proposal (batch) that takes several experienced staff (years in the
origin unit at or above a threshold) out of the same unit leaves that unit without its memory; the unit is named.

Early warning ("perlu dukungan"): a low score, a low item, a stated need for support, a score that fell since the
previous review, or an SKP predikat after the move below the one before it. Each warning names its reason and
a follow-up (mentoring, pelatihan, konseling/bimbingan kinerja).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.reference import PREDIKAT_ORDER
from tepat.engine.rules.model import RuleStatus
from tepat.engine.rules.parameters import RuleBook, RuleParameter

RULE_ID = "REVIEW"
_START = date(2022, 1, 1)
_BASIS = "PermenPANRB 6/2022 (evaluasi kinerja periodik); pilihan instansi"


@dataclass(frozen=True)
class ReviewStep:
    kind: str
    days: int
    label: str


DEFAULT_STEPS = (
    ReviewStep("bulan_1", 30, "Tinjauan 1 bulan"),
    ReviewStep("bulan_3", 90, "Tinjauan 3 bulan"),
    ReviewStep("bulan_6", 180, "Tinjauan 6 bulan"),
)
DEFAULT_REVIEW_PARAMETERS: tuple[RuleParameter, ...] = (
    RuleParameter(RULE_ID, "schedule", [{"kind": s.kind, "days": s.days, "label": s.label} for s in DEFAULT_STEPS],
                  "hari setelah TMT", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="check-in 1 bulan, tinjauan 3 dan 6 bulan"),
    RuleParameter(RULE_ID, "open_days_before", 7, "hari", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="tinjauan dapat diisi sejak sekian hari sebelum jatuh tempo"),
    RuleParameter(RULE_ID, "warn_score_below", 50, "skor 0-100", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="skor di bawah batas ini: perlu dukungan"),
    RuleParameter(RULE_ID, "warn_item_at_most", 2, "skala 1-5", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="satu aspek dinilai sekian atau lebih rendah: perlu dukungan"),
    RuleParameter(RULE_ID, "warn_score_drop", 20, "poin", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="skor turun sekian poin dari tinjauan sebelumnya: perlu dukungan"),
    RuleParameter(RULE_ID, "continuity_experienced_years", 3, "tahun", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="pegawai berpengalaman: sekian tahun atau lebih di unit asal"),
    RuleParameter(RULE_ID, "continuity_min_experienced", 2, "orang", _BASIS, RuleStatus.UNCONFIRMED, _START,
                  notes="satu usulan memindahkan sekian pegawai berpengalaman dari satu unit: risiko kesinambungan"),
)  # fmt: skip


@dataclass(frozen=True)
class ReviewPlan:
    steps: tuple[ReviewStep, ...] = DEFAULT_STEPS
    open_days_before: int = 7
    warn_score_below: float = 50.0
    warn_item_at_most: int = 2
    warn_score_drop: float = 20.0
    continuity_experienced_years: float = 3.0
    continuity_min_experienced: int = 2

    def label(self, kind: str) -> str:
        return next((s.label for s in self.steps if s.kind == kind), kind)


def review_plan(book: RuleBook, on: date) -> ReviewPlan:
    """The plan in force on `on` from the REVIEW rule rows; names the bad parameter when a row is malformed."""

    def value(parameter: str) -> Any:
        return book.resolve(RULE_ID, parameter, on).value

    raw = value("schedule")
    problems: list[FieldProblem] = []
    steps: list[ReviewStep] = []
    if not isinstance(raw, list) or not raw:
        problems.append(FieldProblem(f"params.{RULE_ID}.schedule", "harus berupa daftar tahap tinjauan"))
    else:
        for index, item in enumerate(raw):
            try:
                step = ReviewStep(str(item["kind"]), int(item["days"]), str(item["label"]))
            except (KeyError, TypeError, ValueError):
                step = None
            if step is None or step.days <= 0 or not step.kind:
                problems.append(
                    FieldProblem(f"params.{RULE_ID}.schedule[{index}]", "perlu kind, days (> 0) dan label")
                )
            else:
                steps.append(step)
        if len({s.kind for s in steps}) != len(steps):
            problems.append(FieldProblem(f"params.{RULE_ID}.schedule", "jenis tinjauan tidak boleh ganda"))
    if problems:
        raise InvalidInput(problems)
    return ReviewPlan(
        steps=tuple(sorted(steps, key=lambda s: s.days)),
        open_days_before=int(value("open_days_before")),
        warn_score_below=float(value("warn_score_below")),
        warn_item_at_most=int(value("warn_item_at_most")),
        warn_score_drop=float(value("warn_score_drop")),
        continuity_experienced_years=float(value("continuity_experienced_years")),
        continuity_min_experienced=int(value("continuity_min_experienced")),
    )


def review_due_dates(tmt: date, plan: ReviewPlan) -> tuple[tuple[ReviewStep, date], ...]:
    """Each step with its due date counted from the TMT in the new post."""
    return tuple((step, tmt + timedelta(days=step.days)) for step in plan.steps)


class ReviewStatus(StrEnum):
    SCHEDULED = "terjadwal"
    DUE = "jatuh_tempo"
    OVERDUE = "terlambat"
    DONE = "selesai"


REVIEW_STATUS_LABELS = {
    ReviewStatus.SCHEDULED: "Terjadwal",
    ReviewStatus.DUE: "Jatuh tempo",
    ReviewStatus.OVERDUE: "Terlambat",
    ReviewStatus.DONE: "Selesai",
}


def review_status(*, due: date, submitted: bool, today: date, plan: ReviewPlan) -> ReviewStatus:
    if submitted:
        return ReviewStatus.DONE
    if today > due:
        return ReviewStatus.OVERDUE
    if today >= due - timedelta(days=plan.open_days_before):
        return ReviewStatus.DUE
    return ReviewStatus.SCHEDULED


def open_from(today: date, plan: ReviewPlan) -> date:
    """Open reviews with a due date up to this day are due or late (for a database filter)."""
    return today + timedelta(days=plan.open_days_before)


@dataclass(frozen=True)
class Question:
    code: str
    label: str
    low: str  # what 1 means
    high: str  # what 5 means
    reversed: bool = False  # 5 is the bad end


QUESTIONS: tuple[Question, ...] = (
    Question(
        "adaptation", "Adaptasi di unit baru", "belum menyesuaikan diri", "sangat cepat menyesuaikan diri"
    ),
    Question("task_mastery", "Penguasaan tugas jabatan", "belum menguasai", "menguasai sepenuhnya"),
    Question("cooperation", "Kerja sama dengan rekan kerja", "sering bermasalah", "sangat baik"),
    Question("support_need", "Kebutuhan dukungan", "tidak perlu dukungan", "sangat perlu dukungan", True),
)
QUESTION_LABELS = {q.code: q.label for q in QUESTIONS}


def read_answers(raw: Mapping[str, Any]) -> dict[str, int]:
    """Every question answered with a whole number 1–5; every problem named, not just the first."""
    problems, answers = [], {}
    for question in QUESTIONS:
        value = raw.get(question.code)
        if value is None or value == "":
            problems.append(FieldProblem(question.code, f"{question.label} wajib diisi (1–5)."))
            continue
        number = _whole(value)
        if number is None or not 1 <= number <= 5:
            problems.append(FieldProblem(question.code, f"{question.label} harus bilangan bulat 1 sampai 5."))
            continue
        answers[question.code] = number
    if problems:
        raise InvalidInput(problems)
    return answers


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def review_score(answers: Mapping[str, int]) -> float:
    """0–100; reversed items count as 6 − answer."""
    checked = read_answers(answers)
    values = [6 - checked[q.code] if q.reversed else checked[q.code] for q in QUESTIONS]
    return round((sum(values) / len(values) - 1) / 4 * 100, 1)


def _num(value: float) -> str:
    """A number as an Indonesian reader writes it (decimal comma)."""
    return f"{value:g}".replace(".", ",")


class FollowUp(StrEnum):
    MENTORING = "mentoring"
    TRAINING = "pelatihan"
    COUNSELING = "konseling"


FOLLOW_UP_LABELS = {
    FollowUp.MENTORING: "Mentoring oleh pejabat atau rekan senior di unit",
    FollowUp.TRAINING: "Pelatihan teknis melalui rencana pengembangan kompetensi",
    FollowUp.COUNSELING: "Konseling / bimbingan kinerja oleh atasan dan BKPP",
}
# The follow-up a low item suggests: task mastery is a skill gap, adaptation and cooperation need a person.
ITEM_FOLLOW_UP = {
    "adaptation": FollowUp.MENTORING,
    "task_mastery": FollowUp.TRAINING,
    "cooperation": FollowUp.COUNSELING,
}


@dataclass(frozen=True)
class Warning:
    code: str
    reason: str
    follow_up: FollowUp

    @property
    def follow_up_label(self) -> str:
        return FOLLOW_UP_LABELS[self.follow_up]

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "reason": self.reason, "follow_up": self.follow_up.value}


@dataclass(frozen=True)
class SkpYear:
    year: int
    predikat: str


def skp_decline(skp: Sequence[SkpYear], tmt: date) -> tuple[SkpYear, SkpYear] | None:
    """(before, after) when the latest predikat from the TMT year on ranks below the last one before it."""
    before = [s for s in skp if s.year < tmt.year and s.predikat in PREDIKAT_ORDER]
    after = [s for s in skp if s.year >= tmt.year and s.predikat in PREDIKAT_ORDER]
    if not before or not after:
        return None
    last_before = max(before, key=lambda s: s.year)
    latest_after = max(after, key=lambda s: s.year)
    if PREDIKAT_ORDER[latest_after.predikat] < PREDIKAT_ORDER[last_before.predikat]:
        return last_before, latest_after
    return None


def early_warnings(
    *,
    answers: Mapping[str, int] | None,
    plan: ReviewPlan,
    previous_score: float | None = None,
    skp: Sequence[SkpYear] = (),
    tmt: date | None = None,
) -> tuple[Warning, ...]:
    """The reasons this newcomer needs support, each with its follow-up; empty when none applies."""
    warnings: list[Warning] = []
    if answers is not None:
        checked = read_answers(answers)
        score = review_score(checked)
        if score < plan.warn_score_below:
            warnings.append(
                Warning(
                    "skor_rendah",
                    f"Skor tinjauan {_num(score)} di bawah batas {_num(plan.warn_score_below)}.",
                    FollowUp.COUNSELING,
                )
            )
        for code, follow_up in ITEM_FOLLOW_UP.items():
            if checked[code] <= plan.warn_item_at_most:
                warnings.append(
                    Warning(
                        f"rendah_{code}",
                        f"{QUESTION_LABELS[code]} dinilai {checked[code]} dari 5.",
                        follow_up,
                    )
                )
        if checked["support_need"] >= 6 - plan.warn_item_at_most:
            warnings.append(
                Warning(
                    "perlu_dukungan",
                    f"Atasan menyatakan pegawai perlu dukungan ({checked['support_need']} dari 5).",
                    FollowUp.MENTORING,
                )
            )
        if previous_score is not None and previous_score - score >= plan.warn_score_drop:
            warnings.append(
                Warning(
                    "skor_turun",
                    f"Skor turun dari {_num(previous_score)} ke {_num(score)} sejak tinjauan sebelumnya.",
                    FollowUp.COUNSELING,
                )
            )
    decline = skp_decline(skp, tmt) if tmt is not None else None
    if decline is not None:
        before, after = decline
        warnings.append(
            Warning(
                "skp_turun",
                f"Predikat SKP turun dari {before.predikat} ({before.year}) ke {after.predikat} ({after.year}).",
                FollowUp.COUNSELING,
            )
        )
    return tuple(warnings)


@dataclass(frozen=True)
class Departure:
    """One person leaving a unit by a move that took effect."""

    batch: str  # the proposal the move belongs to
    unit: str  # origin unit name
    employee: str
    years_in_unit: float


@dataclass(frozen=True)
class ContinuityRisk:
    batch: str
    unit: str
    experienced: tuple[str, ...]

    @property
    def sentence(self) -> str:
        return (
            f"{self.unit} kehilangan {len(self.experienced)} pegawai berpengalaman dalam satu usulan "
            f"({', '.join(self.experienced)}): periksa serah terima dan kesinambungan layanan."
        )


def continuity_risks(departures: Sequence[Departure], plan: ReviewPlan) -> tuple[ContinuityRisk, ...]:
    """Units that one batch took at least `continuity_min_experienced` experienced people from."""
    groups: dict[tuple[str, str], list[str]] = {}
    for d in departures:
        if d.years_in_unit >= plan.continuity_experienced_years:
            groups.setdefault((d.batch, d.unit), []).append(d.employee)
    return tuple(
        ContinuityRisk(batch, unit, tuple(sorted(people)))
        for (batch, unit), people in sorted(groups.items())
        if len(people) >= plan.continuity_min_experienced
    )
