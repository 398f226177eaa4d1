"""Communication rules: objection window edges, due times, escalation, survey due and scoring, resistance index."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tepat.engine.communication import (
    COMMUNICATION_PARAMETERS,
    DEFAULT_RULES,
    RULE_ID,
    SurveySummary,
    UnitSignals,
    add_workdays,
    answer_conflicts,
    communication_rules,
    correction_due,
    decimal_id,
    due_text,
    is_overdue,
    needs_escalation,
    objection_answer_due,
    objection_window,
    resistance,
    summary_from_sums,
    survey_answers,
    survey_closes,
    survey_due,
    survey_is_due,
    survey_summary,
    top_factors,
)
from tepat.engine.errors import InvalidInput
from tepat.engine.rules.model import RuleStatus
from tepat.engine.rules.parameters import RuleParameter

NOTICE = date(2026, 11, 2)  # a Monday


@pytest.mark.parametrize(
    ("today", "is_open", "needle"),
    [
        (NOTICE, True, "sisa 14 hari"),
        (NOTICE + timedelta(days=13), True, "sisa 1 hari"),
        (NOTICE + timedelta(days=14), True, "hari ini hari terakhir"),
        (NOTICE + timedelta(days=15), False, "telah berakhir pada 16 November 2026"),
        (NOTICE + timedelta(days=400), False, "telah berakhir"),
    ],
)
def test_objection_window_edges(today: date, is_open: bool, needle: str) -> None:
    window = objection_window(NOTICE, today)
    assert window.open is is_open
    assert window.deadline == date(2026, 11, 16)
    assert needle in window.message


def test_no_notice_or_a_cancelled_move_closes_the_window() -> None:
    assert not objection_window(None, NOTICE).open
    closed = objection_window(NOTICE, NOTICE, move_closed=True)
    assert not closed.open
    assert "dibatalkan" in closed.message


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 2), 10, date(2026, 11, 16)),  # Monday + 10 working days = Monday two weeks later
        (date(2026, 11, 6), 1, date(2026, 11, 9)),  # Friday + 1 = Monday
        (date(2026, 11, 7), 1, date(2026, 11, 9)),  # Saturday + 1 = Monday
        (date(2026, 11, 4), 0, date(2026, 11, 4)),
    ],
)
def test_working_days(start: date, days: int, expected: date) -> None:
    assert add_workdays(start, days) == expected


def test_objection_answer_due_uses_the_rule() -> None:
    assert objection_answer_due(NOTICE) == date(2026, 11, 16)


FILED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (FILED + timedelta(hours=71, minutes=59), False),
        (FILED + timedelta(hours=72), False),
        (FILED + timedelta(hours=72, seconds=1), True),
    ],
)
def test_correction_ticket_due_at_72_hours(now: datetime, overdue: bool) -> None:
    due = correction_due(FILED)
    assert due == datetime(2026, 11, 5, 9, 30, tzinfo=UTC)
    assert is_overdue(due, now, closed=False) is overdue


@pytest.mark.parametrize(
    ("closed", "escalated", "late", "expected"),
    [
        (False, False, True, True),
        (False, True, True, False),  # once only: the job may run again
        (True, False, True, False),  # answered late: nothing to escalate
        (False, False, False, False),
    ],
)
def test_escalation_once_when_late_and_open(
    closed: bool, escalated: bool, late: bool, expected: bool
) -> None:
    due = date(2026, 11, 16)
    now = due + timedelta(days=1) if late else due
    assert needs_escalation(due, now, closed=closed, escalated=escalated) is expected


def test_due_text() -> None:
    due = date(2026, 11, 16)
    assert due_text(due, due, closed=False) == "jatuh tempo hari ini"
    assert due_text(due, due - timedelta(days=3), closed=False) == "3 hari lagi"
    assert due_text(due, due + timedelta(days=2), closed=False) == "terlambat 2 hari"
    assert due_text(due, due + timedelta(days=2), closed=True) == "selesai"


def test_the_employee_and_the_proposer_may_not_answer() -> None:
    assert answer_conflicts("7", "7", "3") == ("pegawai tidak boleh menjawab keberatannya sendiri",)
    assert "pengusul" in answer_conflicts("3", "7", "3")[0]
    assert answer_conflicts("9", "7", "3") == ()
    assert answer_conflicts("9", None, None) == ()


TMT = date(2026, 8, 1)


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (TMT + timedelta(days=89), False),
        (TMT + timedelta(days=90), True),
        (TMT + timedelta(days=120), True),
        (TMT + timedelta(days=121), False),
    ],
)
def test_survey_due_ninety_days_after_tmt(today: date, due: bool) -> None:
    assert survey_due(TMT) == date(2026, 10, 30)
    assert survey_closes(TMT) == date(2026, 11, 29)
    assert survey_is_due(TMT, today) is due
    assert not survey_is_due(None, today)


def test_survey_answers_are_five_integers_from_one_to_five() -> None:
    raw = {"clarity": "4", "support": 2, "workload": "3", "team": "5", "stay": "1"}
    assert survey_answers(raw) == {"clarity": 4, "support": 2, "workload": 3, "team": 5, "stay": 1}
    with pytest.raises(InvalidInput) as error:
        survey_answers({"clarity": "6", "support": "", "workload": "x", "team": True, "stay": 3})
    paths = [p.path for p in error.value.problems]
    assert paths == ["clarity", "support", "workload", "team"]
    assert error.value.problems[1].message.startswith("dukungan atasan")


def _row(value: int, support: int | None = None) -> dict[str, int]:
    row = dict.fromkeys(("clarity", "support", "workload", "team", "stay"), value)
    if support is not None:
        row["support"] = support
    return row


def test_survey_summary_hides_groups_below_five() -> None:
    small = survey_summary([_row(4)] * 4)
    assert small == SurveySummary(4, True)
    full = survey_summary([_row(4), _row(4), _row(2), _row(5), _row(3, support=1)])
    assert not full.suppressed
    assert full.averages["support"] == 3.2
    assert full.overall == 3.52  # 88 points over 25 answers
    assert full.low_share == 0.24  # 5 answers of 2 and one answer of 1 out of 25
    assert survey_summary([]) == SurveySummary(0, False)


def test_summary_from_sums_equals_the_row_summary() -> None:
    rows = [_row(4), _row(4), _row(2), _row(5), _row(3, support=1)]
    sums = {code: sum(r[code] for r in rows) for code in rows[0]}
    low = sum(1 for r in rows for v in r.values() if v <= 2)
    assert summary_from_sums(5, sums, low) == survey_summary(rows)
    assert summary_from_sums(3, sums, low).suppressed


def test_rules_come_from_rule_data_with_the_seed_as_fallback() -> None:
    stored = RuleParameter(
        RULE_ID, "objection_window_days", 21, "hari", "PP 79/2021", RuleStatus.CONFIRMED, date(2027, 1, 1)
    )
    before = communication_rules([stored], date(2026, 12, 31))
    after = communication_rules([stored], date(2027, 1, 1))
    assert (before.objection_window_days, after.objection_window_days) == (14, 21)
    assert after.correction_due_hours == 72
    assert "KOM:objection_window_days@2027-01-01" in after.versions
    assert len(after.versions) == len(COMMUNICATION_PARAMETERS)
    assert objection_window(NOTICE, NOTICE + timedelta(days=20), after).open


def test_a_bad_stored_value_names_the_parameter() -> None:
    bad = RuleParameter(
        RULE_ID, "survey_after_days", "sembilan", "hari", "x", RuleStatus.PRACTICE, date(2020, 1, 1)
    )
    with pytest.raises(InvalidInput) as error:
        communication_rules([bad], date(2026, 1, 1))
    assert error.value.field == "params.KOM.survey_after_days"


def test_top_factors_strongest_first_in_words() -> None:
    snapshot = {
        "fit": {
            "components": [
                {"component": "pendidikan", "status": "dinilai", "points": 12.0, "text": "SMA, sesuai"},
                {
                    "component": "pengalaman",
                    "status": "dinilai",
                    "points": 31.6,
                    "text": "9 tahun di bidang umum",
                },
                {"component": "kompetensi", "status": "data_belum_lengkap", "points": 0, "text": "belum ada"},
                {"component": "preferensi", "status": "dinilai", "points": 20.0, "text": "memilih Ngesrep"},
                {"component": "kinerja", "status": "sebagian", "points": 5.0, "text": "SKP Baik"},
            ]
        }
    }
    factors = top_factors(snapshot)
    assert factors[0] == "Pengalaman (32 poin dari skor kecocokan): 9 tahun di bidang umum"
    assert [f.split(" (")[0] for f in factors] == ["Pengalaman", "Pilihan Anda sendiri", "Pendidikan"]
    assert top_factors({}) == []


def _survey(avg: float, n: int = 6, low: float = 0.0) -> SurveySummary:
    averages = dict.fromkeys(("clarity", "workload", "team", "stay"), avg) | {"support": avg - 1}
    return SurveySummary(n, False, averages, avg, low)


def test_a_unit_with_rising_objections_and_low_support_is_flagged_with_a_sentence() -> None:
    rising = UnitSignals(
        "1", "Kelurahan Pudakpayung", objections_now=4, objections_before=1, notices_now=5, notices_before=5,
        survey_now=_survey(3.4, low=0.4), survey_before=_survey(4.2),
    )  # fmt: skip
    calm = UnitSignals("2", "Kelurahan Ngesrep", notices_now=4, survey_now=_survey(4.4))
    empty = UnitSignals("3", "Kelurahan Sumurboto")
    first, second, third = resistance([calm, empty, rising])
    assert first.unit_name == "Kelurahan Pudakpayung"
    assert first.level == "tinggi"
    assert first.growing
    assert first.flagged
    assert first.sentence == (
        "Keberatan naik dari 1 menjadi 4 dalam 30 hari; skor dukungan atasan 2,4 dari 5."
    )
    assert first.index is not None
    assert first.index_before is not None
    assert first.index > first.index_before
    assert second.unit_name == "Kelurahan Ngesrep"
    assert second.level == "rendah"
    assert not second.flagged
    assert third.level == "tanpa_data"
    assert third.index is None
    assert third.sentence == "Tidak ada keberatan atau survei dalam periode ini."


def test_suppressed_surveys_do_not_enter_the_index_and_are_named() -> None:
    unit = UnitSignals(
        "1", "X", objections_now=1, notices_now=4, unread_late=2, survey_now=SurveySummary(3, True)
    )
    [result] = resistance([unit])
    assert result.index == pytest.approx(100 * (0.4 * 1 / 5 + 0.15 * 0.5) / 0.55, abs=0.1)  # 1 of at least 5
    assert result.sentence == (
        "Keberatan naik dari 0 menjadi 1 dalam 30 hari; 2 pemberitahuan belum dibaca lebih dari 7 hari; "
        "survei baru 3 jawaban (rincian disembunyikan)."
    )


def test_overdue_objections_always_flag() -> None:
    [result] = resistance([UnitSignals("1", "X", objections_before=3, objections_overdue=1, notices_now=20)])
    assert result.flagged
    assert result.level == "rendah"
    assert "Keberatan turun dari 3 menjadi 0" in result.sentence
    assert "1 keberatan melewati batas waktu jawaban" in result.sentence


def test_a_calm_unit_gets_its_overall_survey_mean() -> None:
    [result] = resistance(
        [UnitSignals("1", "X", notices_now=3, survey_now=_survey(4.6))]
    )  # lowest: support 3,6
    assert result.sentence == "Rata-rata survei 4,6 dari 5."


def test_one_objection_in_a_tiny_unit_does_not_read_as_everyone_objecting() -> None:
    [result] = resistance([UnitSignals("1", "X", objections_now=1, notices_now=1)])
    assert result.index == pytest.approx(14.5, abs=0.1)  # (0.4 × 1/5 + 0.15 × 0 unread) / 0.55
    assert not result.flagged


def test_decimal_comma() -> None:
    assert decimal_id(2.44) == "2,4"
    assert DEFAULT_RULES.survey_min_group == 5
