"""Reviews after a move: schedule from rule data, status by date, answer checks with Indonesian messages naming
the field, the score, early warnings (each rule at its edge) and the SKP decline."""

from dataclasses import replace
from datetime import date

import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.reviews import (
    DEFAULT_REVIEW_PARAMETERS,
    Departure,
    FollowUp,
    ReviewPlan,
    ReviewStatus,
    SkpYear,
    continuity_risks,
    early_warnings,
    open_from,
    read_answers,
    review_due_dates,
    review_plan,
    review_score,
    review_status,
)
from tepat.engine.rules.parameters import RuleBook

PLAN = ReviewPlan()
GOOD = {"adaptation": 4, "task_mastery": 4, "cooperation": 5, "support_need": 2}


def test_default_plan_is_1_3_and_6_months_from_the_tmt() -> None:
    assert review_plan(RuleBook(DEFAULT_REVIEW_PARAMETERS), date(2026, 1, 1)) == PLAN
    dates = review_due_dates(date(2026, 1, 5), PLAN)
    assert [(step.kind, due) for step, due in dates] == [
        ("bulan_1", date(2026, 2, 4)),
        ("bulan_3", date(2026, 4, 5)),
        ("bulan_6", date(2026, 7, 4)),
    ]
    assert PLAN.label("bulan_3") == "Tinjauan 3 bulan"


def test_an_admin_schedule_replaces_the_default() -> None:
    schedule = replace(
        DEFAULT_REVIEW_PARAMETERS[0], value=[{"kind": "hari_60", "days": 60, "label": "Tinjauan 60 hari"}]
    )
    plan = review_plan(RuleBook((schedule, *DEFAULT_REVIEW_PARAMETERS[1:])), date(2026, 1, 1))
    assert [s.kind for s in plan.steps] == ["hari_60"]


@pytest.mark.parametrize(
    ("value", "path"),
    [
        ([], "params.REVIEW.schedule"),
        ([{"kind": "a", "days": 0, "label": "x"}], "params.REVIEW.schedule[0]"),
        ([{"kind": "a", "label": "x"}], "params.REVIEW.schedule[0]"),
        (
            [{"kind": "a", "days": 5, "label": "x"}, {"kind": "a", "days": 9, "label": "y"}],
            "params.REVIEW.schedule",
        ),
    ],
)
def test_a_malformed_schedule_is_named(value: object, path: str) -> None:
    schedule = replace(DEFAULT_REVIEW_PARAMETERS[0], value=value)
    with pytest.raises(InvalidInput) as error:
        review_plan(RuleBook((schedule, *DEFAULT_REVIEW_PARAMETERS[1:])), date(2026, 1, 1))
    assert error.value.problems[0].path == path


@pytest.mark.parametrize(
    ("today", "submitted", "status"),
    [
        (date(2026, 3, 24), False, ReviewStatus.SCHEDULED),  # 8 days before
        (date(2026, 3, 25), False, ReviewStatus.DUE),  # opens 7 days before the due date
        (date(2026, 4, 1), False, ReviewStatus.DUE),  # the due date itself
        (date(2026, 4, 2), False, ReviewStatus.OVERDUE),
        (date(2026, 4, 2), True, ReviewStatus.DONE),
    ],
)
def test_status_by_date(today: date, submitted: bool, status: ReviewStatus) -> None:
    assert review_status(due=date(2026, 4, 1), submitted=submitted, today=today, plan=PLAN) == status


def test_open_from_is_the_filter_edge() -> None:
    assert open_from(date(2026, 3, 25), PLAN) == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("answers", "score"),
    [
        ({"adaptation": 5, "task_mastery": 5, "cooperation": 5, "support_need": 1}, 100.0),
        ({"adaptation": 1, "task_mastery": 1, "cooperation": 1, "support_need": 5}, 0.0),
        ({"adaptation": 3, "task_mastery": 3, "cooperation": 3, "support_need": 3}, 50.0),
        (GOOD, 81.2),  # support need 2 counts 6 − 2 = 4; mean (4 + 4 + 5 + 4) / 4 = 4.25 → 81.25, one decimal
    ],
)
def test_score(answers: dict, score: float) -> None:
    assert review_score(answers) == score


def test_answers_are_named_when_missing_or_out_of_range() -> None:
    with pytest.raises(InvalidInput) as error:
        read_answers({"adaptation": "", "task_mastery": 6, "cooperation": "3", "support_need": True})
    messages = {p.path: p.message for p in error.value.problems}
    assert messages == {
        "adaptation": "Adaptasi di unit baru wajib diisi (1–5).",
        "task_mastery": "Penguasaan tugas jabatan harus bilangan bulat 1 sampai 5.",
        "support_need": "Kebutuhan dukungan harus bilangan bulat 1 sampai 5.",
    }
    assert read_answers({**GOOD, "cooperation": " 3 "})["cooperation"] == 3


def test_no_warning_for_a_newcomer_who_settles() -> None:
    assert early_warnings(answers=GOOD, plan=PLAN, previous_score=70.0) == ()


@pytest.mark.parametrize(
    ("answers", "previous", "codes"),
    [
        # 3,3,3 and need 3 → 50: not below 50; need 4 → 43.8 below, and a stated need.
        ({"adaptation": 3, "task_mastery": 3, "cooperation": 3, "support_need": 3}, None, []),
        (
            {"adaptation": 3, "task_mastery": 3, "cooperation": 3, "support_need": 4},
            None,
            ["skor_rendah", "perlu_dukungan"],
        ),
        ({**GOOD, "task_mastery": 2}, None, ["rendah_task_mastery"]),
        ({**GOOD, "task_mastery": 3}, None, []),
        (
            {**GOOD, "adaptation": 2, "cooperation": 1},
            None,
            ["skor_rendah", "rendah_adaptation", "rendah_cooperation"],
        ),
        (GOOD, 101.2, ["skor_turun"]),  # drop of 20 points exactly
        (GOOD, 101.1, []),
    ],
)
def test_warning_rules_at_their_edges(answers: dict, previous: float | None, codes: list[str]) -> None:
    warnings = early_warnings(answers=answers, plan=PLAN, previous_score=previous)
    assert [w.code for w in warnings] == codes


def test_a_low_item_suggests_its_follow_up() -> None:
    [warning] = early_warnings(answers={**GOOD, "task_mastery": 1}, plan=PLAN)
    assert warning.follow_up == FollowUp.TRAINING
    assert warning.reason == "Penguasaan tugas jabatan dinilai 1 dari 5."
    assert warning.as_dict() == {
        "code": "rendah_task_mastery",
        "reason": warning.reason,
        "follow_up": "pelatihan",
    }


@pytest.mark.parametrize(
    ("skp", "declined"),
    [
        ([SkpYear(2025, "Baik"), SkpYear(2026, "Butuh Perbaikan")], True),
        ([SkpYear(2025, "Sangat Baik"), SkpYear(2026, "Baik")], True),
        ([SkpYear(2025, "Baik"), SkpYear(2026, "Baik")], False),
        ([SkpYear(2024, "Kurang"), SkpYear(2025, "Baik"), SkpYear(2026, "Baik")], False),
        ([SkpYear(2026, "Kurang")], False),  # no baseline before the move
        ([SkpYear(2025, "Baik")], False),  # nothing after it yet
    ],
)
def test_skp_decline_against_the_last_year_before_the_move(skp: list[SkpYear], declined: bool) -> None:
    warnings = early_warnings(answers=None, plan=PLAN, skp=skp, tmt=date(2026, 2, 1))
    assert [w.code for w in warnings] == (["skp_turun"] if declined else [])
    if declined:
        assert warnings[0].reason.startswith("Predikat SKP turun dari ")


def test_continuity_risk_when_one_batch_takes_several_experienced_people_from_a_unit() -> None:
    departures = [
        Departure("P1", "Kelurahan A", "Ani", 3.0),  # 3 years exactly counts as experienced
        Departure("P1", "Kelurahan A", "Budi", 7.5),
        Departure("P1", "Kelurahan A", "Cici", 1.0),  # not experienced
        Departure("P1", "Kelurahan B", "Dedi", 9.0),  # alone in B
        Departure("P2", "Kelurahan A", "Eko", 8.0),  # another batch
    ]
    [risk] = continuity_risks(departures, PLAN)
    assert (risk.batch, risk.unit, risk.experienced) == ("P1", "Kelurahan A", ("Ani", "Budi"))
    assert risk.sentence.startswith(
        "Kelurahan A kehilangan 2 pegawai berpengalaman dalam satu usulan (Ani, Budi)"
    )
    assert continuity_risks(departures[:1] + departures[2:], PLAN) == ()
