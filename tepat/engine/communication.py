"""Communication after a decision (DESIGN.md "communication"; ANCHORS.md §3 item 8): pure rules and figures.

- the objection (keberatan) window: open for `objection_window_days` calendar days from the day the SK notice
  reached the employee, and the BKPP's answer due within `objection_answer_workdays` working days;
- the correction ticket of UU 27/2022 Pasal 30: due `correction_due_hours` after it was filed, escalated when late;
- the pulse survey `survey_after_days` after the TMT (five Likert questions), open `survey_open_days` days;
- a resistance index per unit with a level, a trend against the previous period and one Indonesian sentence.

Every number is rule data (`COMMUNICATION_PARAMETERS`, rule id "KOM"): rows an admin stores override them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.rules.dates import format_date
from tepat.engine.rules.model import RuleStatus
from tepat.engine.rules.parameters import RuleParameter, resolve_parameter

RULE_ID = "KOM"
_UU_PDP = date(2022, 10, 17)
_POLICY = date(2017, 4, 7)


def _row(
    parameter: str, value: Any, unit: str, basis: str, status: RuleStatus, notes: str = ""
) -> RuleParameter:
    start = _UU_PDP if "27/2022" in basis else _POLICY
    return RuleParameter(RULE_ID, parameter, value, unit, basis, status, start, notes=notes)


C, P, U = RuleStatus.CONFIRMED, RuleStatus.PRACTICE, RuleStatus.UNCONFIRMED
COMMUNICATION_PARAMETERS: tuple[RuleParameter, ...] = (
    _row("objection_window_days", 14, "hari", "Kebijakan BKPP; upaya administratif UU 30/2014 Ps 77, PP 79/2021", P,
         "dihitung dari tanggal pemberitahuan SK; periksa batas PP 79/2021 sebelum dikutip"),
    _row("objection_answer_workdays", 10, "hari kerja", "UU 30/2014 Pasal 77 ayat (4)", U,
         "jawaban BKPP; hari kerja Senin–Jumat, libur nasional belum dihitung"),
    _row("correction_due_hours", 72, "jam", "UU 27/2022 Pasal 30 ayat (2)", C, "3 × 24 jam sejak permintaan"),
    _row("survey_after_days", 90, "hari", "Kebijakan BKPP (pemantauan adaptasi)", P, "hari setelah TMT"),
    _row("survey_open_days", 30, "hari", "Kebijakan BKPP (pemantauan adaptasi)", P, "survei ditutup setelahnya"),
    _row("unread_after_days", 7, "hari", "Kebijakan BKPP", P, "pemberitahuan belum dibaca setelah N hari"),
    _row("survey_min_group", 5, "jawaban", "UU 27/2022 Pasal 16 ayat (2) (minimalisasi)", P,
         "di bawah ini hasil per kelompok tidak ditampilkan"),
    _row("low_score_max", 2, "skor", "Kebijakan BKPP", P, "skor 1–2 dihitung rendah"),
    _row("period_days", 30, "hari", "Kebijakan BKPP", P, "periode tren keberatan dan pemberitahuan"),
    _row("survey_period_days", 90, "hari", "Kebijakan BKPP", P, "periode tren survei (jawaban lebih jarang)"),
    _row("min_notices", 5, "pemberitahuan", "Kebijakan BKPP", P, "penyebut paling kecil porsi keberatan (unit kecil)"),
    _row("index_watch", 25, "poin", "Kebijakan BKPP", P, "indeks ≥ nilai ini: waspada"),
    _row("index_high", 50, "poin", "Kebijakan BKPP", P, "indeks ≥ nilai ini: tinggi"),
    _row("growth_points", 10, "poin", "Kebijakan BKPP", P, "kenaikan indeks yang dianggap tumbuh"),
)  # fmt: skip


@dataclass(frozen=True)
class CommunicationRules:
    objection_window_days: int = 14
    objection_answer_workdays: int = 10
    correction_due_hours: int = 72
    survey_after_days: int = 90
    survey_open_days: int = 30
    unread_after_days: int = 7
    survey_min_group: int = 5
    low_score_max: int = 2
    period_days: int = 30
    survey_period_days: int = 90
    min_notices: int = 5
    index_watch: int = 25
    index_high: int = 50
    growth_points: int = 10
    versions: tuple[str, ...] = ()


def communication_rules(rows: Iterable[RuleParameter], on: date, instansi: str = "") -> CommunicationRules:
    """The rules in force on `on`: a stored row in force wins; otherwise the seed table's value applies."""
    stored = tuple(row for row in rows if row.rule_id == RULE_ID)
    values: dict[str, int] = {}
    versions = []
    for seed in COMMUNICATION_PARAMETERS:
        in_force = [r for r in stored if r.parameter == seed.parameter and r.in_force(on)]
        pool = tuple(in_force) or COMMUNICATION_PARAMETERS
        row = resolve_parameter(pool, RULE_ID, seed.parameter, on, instansi)
        if isinstance(row.value, bool) or not isinstance(row.value, int) or row.value < 0:
            raise InvalidInput(
                [FieldProblem(f"params.{RULE_ID}.{seed.parameter}", "harus bilangan bulat ≥ 0")]
            )
        values[seed.parameter] = row.value
        versions.append(row.version)
    return CommunicationRules(**values, versions=tuple(versions))


DEFAULT_RULES = CommunicationRules()

# --- the objection window and the answer's due date ---


@dataclass(frozen=True)
class Window:
    open: bool
    deadline: date | None  # last day an objection can be filed
    message: str


def objection_window(
    notice_on: date | None,
    today: date,
    rules: CommunicationRules = DEFAULT_RULES,
    *,
    move_closed: bool = False,
) -> Window:
    """Open from the notice day through notice day + N (inclusive); closed before a notice or after a cancel."""
    if notice_on is None:
        return Window(False, None, "Keberatan dapat diajukan setelah pemberitahuan SK Anda terima.")
    deadline = notice_on + timedelta(days=rules.objection_window_days)
    if move_closed:
        return Window(
            False, deadline, "Mutasi ini sudah dibatalkan atau ditolak; keberatan tidak diperlukan."
        )
    if today > deadline:
        return Window(
            False,
            deadline,
            f"Batas waktu pengajuan keberatan ({rules.objection_window_days} hari sejak pemberitahuan) telah "
            f"berakhir pada {format_date(deadline)}. Hubungi BKPP bila ada keadaan mendesak.",
        )
    days_left = (deadline - today).days
    left = "hari ini hari terakhir" if days_left == 0 else f"sisa {days_left} hari"
    return Window(True, deadline, f"Keberatan dapat diajukan sampai {format_date(deadline)} ({left}).")


def add_workdays(start: date, workdays: int) -> date:
    """The date `workdays` working days (Monday–Friday) after `start`; public holidays are not known here."""
    day, left = start, workdays
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def objection_answer_due(filed_on: date, rules: CommunicationRules = DEFAULT_RULES) -> date:
    return add_workdays(filed_on, rules.objection_answer_workdays)


def correction_due(filed_at: datetime, rules: CommunicationRules = DEFAULT_RULES) -> datetime:
    return filed_at + timedelta(hours=rules.correction_due_hours)


def is_overdue(due: date | datetime, now: date | datetime, *, closed: bool) -> bool:
    """Late once `now` is past the due moment (a due date is met through its whole day) and still open."""
    return not closed and now > due


def needs_escalation(due: date | datetime, now: date | datetime, *, closed: bool, escalated: bool) -> bool:
    """Escalate once: overdue, still open, not escalated before (the job may run any number of times)."""
    return is_overdue(due, now, closed=closed) and not escalated


def due_text(due: date, today: date, *, closed: bool) -> str:
    if closed:
        return "selesai"
    days = (due - today).days
    if days < 0:
        return f"terlambat {-days} hari"
    return "jatuh tempo hari ini" if days == 0 else f"{days} hari lagi"


# --- separation of duties for the answer (Pasal 10: a human other than the parties reviews) ---


def answer_conflicts(
    answerer_user_id: str, employee_user_id: str | None, proposer_user_id: str | None
) -> tuple[str, ...]:
    reasons = []
    if employee_user_id is not None and answerer_user_id == employee_user_id:
        reasons.append("pegawai tidak boleh menjawab keberatannya sendiri")
    if proposer_user_id is not None and answerer_user_id == proposer_user_id:
        reasons.append("pengusul mutasi tidak boleh menjawab keberatan atas usulannya sendiri")
    return tuple(reasons)


# --- the pulse survey ---


@dataclass(frozen=True)
class Question:
    code: str
    label: str  # short, for tables and sentences
    text: str  # the statement the employee rates 1–5


QUESTIONS: tuple[Question, ...] = (
    Question("clarity", "kejelasan peran", "Saya memahami tugas dan tanggung jawab jabatan baru saya."),
    Question("support", "dukungan atasan", "Atasan saya memberi dukungan yang saya perlukan sejak saya bertugas di sini."),
    Question("workload", "kesesuaian beban kerja", "Beban kerja saya sesuai dengan kemampuan dan waktu kerja saya."),
    Question("team", "penerimaan tim", "Rekan kerja di unit baru menerima saya dengan baik."),
    Question("stay", "keinginan bertahan", "Saya ingin tetap bertugas di unit ini satu sampai dua tahun ke depan."),
)  # fmt: skip
QUESTION_CODES = tuple(q.code for q in QUESTIONS)
LIKERT = {1: "Sangat tidak setuju", 2: "Tidak setuju", 3: "Ragu-ragu", 4: "Setuju", 5: "Sangat setuju"}


def survey_due(tmt: date, rules: CommunicationRules = DEFAULT_RULES) -> date:
    return tmt + timedelta(days=rules.survey_after_days)


def survey_closes(tmt: date, rules: CommunicationRules = DEFAULT_RULES) -> date:
    return survey_due(tmt, rules) + timedelta(days=rules.survey_open_days)


def survey_is_due(tmt: date | None, today: date, rules: CommunicationRules = DEFAULT_RULES) -> bool:
    """The job opens a survey from the due day until it would close (a late run still opens it)."""
    return tmt is not None and survey_due(tmt, rules) <= today <= survey_closes(tmt, rules)


def survey_answers(raw: Mapping[str, Any]) -> dict[str, int]:
    """Validate the five answers (integers 1–5, all required); every problem names its question."""
    answers: dict[str, int] = {}
    problems = []
    for question in QUESTIONS:
        value = raw.get(question.code)
        try:
            number = int(value) if value not in (None, "") and not isinstance(value, bool) else None
        except (TypeError, ValueError):
            number = None
        if number is None or number not in LIKERT:
            problems.append(
                FieldProblem(question.code, f"{question.label}: pilih satu nilai dari 1 sampai 5")
            )
        else:
            answers[question.code] = number
    if problems:
        raise InvalidInput(problems)
    return answers


@dataclass(frozen=True)
class SurveySummary:
    responses: int
    suppressed: bool  # fewer than the minimum group: no figures shown
    averages: dict[str, float] = field(default_factory=dict)  # per question code
    overall: float | None = None
    low_share: float | None = None  # share of single answers at or below `low_score_max`


def survey_summary(
    rows: Sequence[Mapping[str, int]], rules: CommunicationRules = DEFAULT_RULES
) -> SurveySummary:
    """Aggregate answered surveys of one group; below the minimum group size nothing but the count is given."""
    count = len(rows)
    if count == 0:
        return SurveySummary(0, False)
    if count < rules.survey_min_group:
        return SurveySummary(count, True)
    averages = {code: round(sum(row[code] for row in rows) / count, 2) for code in QUESTION_CODES}
    answers = [row[code] for row in rows for code in QUESTION_CODES]
    low = sum(1 for value in answers if value <= rules.low_score_max)
    return SurveySummary(
        count,
        False,
        averages,
        round(sum(answers) / len(answers), 2),
        round(low / len(answers), 3),
    )


def summary_from_sums(
    count: int, sums: Mapping[str, int], low: int, rules: CommunicationRules = DEFAULT_RULES
) -> SurveySummary:
    """The same summary from database aggregates (count, sum per question, number of low answers)."""
    if count == 0:
        return SurveySummary(0, False)
    if count < rules.survey_min_group:
        return SurveySummary(count, True)
    answers = count * len(QUESTION_CODES)
    averages = {code: round(sums[code] / count, 2) for code in QUESTION_CODES}
    return SurveySummary(
        count,
        False,
        averages,
        round(sum(sums[c] for c in QUESTION_CODES) / answers, 2),
        round(low / answers, 3),
    )


# --- why: the recommendation's factors in plain words (from a move's snapshot) ---

COMPONENT_WORDS = {
    "kompetensi": "Kompetensi",
    "pendidikan": "Pendidikan",
    "pengalaman": "Pengalaman",
    "kinerja": "Kinerja (SKP)",
    "preferensi": "Pilihan Anda sendiri",
}


def top_factors(snapshot: Mapping[str, Any], limit: int = 3) -> list[str]:
    """The assessed parts of the fit that weighed most, strongest first: "Pengalaman (32 dari 100 poin): …"."""
    components = snapshot.get("fit", {}).get("components", []) if snapshot else []
    scored = [
        c
        for c in components
        if c.get("status") in ("dinilai", "sebagian") and c.get("text") and c.get("points")
    ]
    scored.sort(key=lambda c: -float(c["points"]))
    return [
        f"{COMPONENT_WORDS.get(str(c.get('component')), 'Lainnya')} ({float(c['points']):.0f} poin dari skor "
        f"kecocokan): {c['text']}"
        for c in scored[:limit]
    ]


def rule_lines(snapshot: Mapping[str, Any]) -> list[str]:
    """The eligibility checks the snapshot recorded, one line each with the outcome and the legal basis."""
    rules = snapshot.get("rules", []) if snapshot else []
    return [
        f"{r.get('rule_id')}: {r.get('message')} ({r.get('legal_basis')})" for r in rules if r.get("message")
    ]


# --- resistance per unit ---


@dataclass(frozen=True)
class UnitSignals:
    """What one unit's moves produced in the current period and in the one before (counts from the database)."""

    unit_id: str
    unit_name: str
    objections_now: int = 0
    objections_before: int = 0
    objections_open: int = 0
    objections_overdue: int = 0
    objections_accepted: int = 0
    notices_now: int = 0  # SK notices sent in the period (the denominator of the objection share)
    notices_before: int = 0
    unread_late: int = 0  # notices still unread after `unread_after_days`
    survey_now: SurveySummary = SurveySummary(0, False)
    survey_before: SurveySummary = SurveySummary(0, False)


@dataclass(frozen=True)
class UnitResistance:
    unit_id: str
    unit_name: str
    index: float | None  # 0–100; None when the unit had nothing to measure
    index_before: float | None
    level: str  # "tinggi" | "waspada" | "rendah" | "tanpa_data"
    growing: bool
    flagged: bool
    sentence: str
    signals: UnitSignals


CONCERN_BELOW = 3.5  # a question averaging under this is named in the sentence; otherwise the overall mean
LEVEL_LABELS = {"tinggi": "Tinggi", "waspada": "Waspada", "rendah": "Rendah", "tanpa_data": "Belum ada data"}
# Weights of the parts of the index; a part without data is left out and the others renormalise.
WEIGHTS = {"objections": 0.4, "unread": 0.15, "low_scores": 0.25, "dissatisfaction": 0.2}


def _share(part: int, whole: int) -> float | None:
    return None if whole <= 0 else min(1.0, part / whole)


def _index(
    objections: int, notices: int, unread: int, survey: SurveySummary, min_notices: int
) -> float | None:
    parts: dict[str, float | None] = {
        # objections count against the period's notices, but against at least `min_notices`, so that one
        # objection in a unit that got one notice does not read as "everyone objects"
        "objections": _share(objections, max(notices, objections, min_notices))
        if notices or objections
        else None,
        "unread": _share(unread, notices) if notices else None,
        "low_scores": survey.low_share if not survey.suppressed else None,
        "dissatisfaction": (5 - survey.overall) / 4 if survey.overall is not None else None,
    }
    present = {k: v for k, v in parts.items() if v is not None}
    if not present:
        return None
    weight = sum(WEIGHTS[k] for k in present)
    return round(100 * sum(WEIGHTS[k] * v for k, v in present.items()) / weight, 1)


def decimal_id(value: float, places: int = 1) -> str:
    """2.4 → "2,4" (Indonesian decimal comma)."""
    return f"{value:.{places}f}".replace(".", ",")


def _objection_phrase(now: int, before: int, days: int) -> str:
    if now > before:
        return f"Keberatan naik dari {before} menjadi {now} dalam {days} hari"
    if now < before:
        return f"Keberatan turun dari {before} menjadi {now} dalam {days} hari"
    return f"Keberatan tetap {now} dalam {days} hari" if now else ""


def _sentence(s: UnitSignals, rules: CommunicationRules) -> str:
    parts = [_objection_phrase(s.objections_now, s.objections_before, rules.period_days)]
    if s.objections_overdue:
        parts.append(f"{s.objections_overdue} keberatan melewati batas waktu jawaban")
    if s.unread_late:
        parts.append(f"{s.unread_late} pemberitahuan belum dibaca lebih dari {rules.unread_after_days} hari")
    survey = s.survey_now
    if survey.averages and survey.overall is not None:
        code = min(QUESTION_CODES, key=lambda c: survey.averages[c])
        label = next(q.label for q in QUESTIONS if q.code == code)
        if survey.averages[code] < CONCERN_BELOW:
            parts.append(f"skor {label} {decimal_id(survey.averages[code])} dari 5")
        else:
            parts.append(f"rata-rata survei {decimal_id(survey.overall)} dari 5")
    elif survey.suppressed:
        parts.append(f"survei baru {survey.responses} jawaban (rincian disembunyikan)")
    text = "; ".join(p for p in parts if p)
    return (
        (text[0].upper() + text[1:] + ".") if text else "Tidak ada keberatan atau survei dalam periode ini."
    )


def resistance(
    signals: Iterable[UnitSignals], rules: CommunicationRules = DEFAULT_RULES
) -> list[UnitResistance]:
    """Index, level, trend and a sentence per unit; the highest index first, units without data last."""
    results = []
    for s in signals:
        now = _index(s.objections_now, s.notices_now, s.unread_late, s.survey_now, rules.min_notices)
        before = _index(s.objections_before, s.notices_before, 0, s.survey_before, rules.min_notices)
        growing = now is not None and (
            (before is None and now >= rules.index_watch)
            or (before is not None and now - before >= rules.growth_points)
            or s.objections_now >= s.objections_before + 2
        )
        if now is None:
            level = "tanpa_data"
        elif now >= rules.index_high:
            level = "tinggi"
        elif now >= rules.index_watch:
            level = "waspada"
        else:
            level = "rendah"
        flagged = level in ("tinggi", "waspada") or growing or s.objections_overdue > 0
        results.append(
            UnitResistance(
                s.unit_id, s.unit_name, now, before, level, growing, flagged, _sentence(s, rules), s
            )
        )
    results.sort(key=lambda r: (r.index is None, -(r.index or 0), r.unit_name))
    return results
