"""Development after a move (DOMAIN.md §7): gaps, routes, course matching, due dates, JP accounting, re-assessment."""

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tepat.engine.cases import run
from tepat.engine.development import (
    Course,
    DevelopmentRules,
    Gap,
    ItemState,
    JpStatus,
    Route,
    Standard,
    add_months,
    choose_route,
    first_window,
    jp_minutes,
    jp_progress,
    match_course,
    negative_gaps,
    plan_decision,
    propose_items,
    reassessment_due,
)
from tepat.engine.errors import InvalidInput

RULES = DevelopmentRules()
TMT = date(2026, 1, 15)
STANDARD = (
    Standard("T-PEM", "Penyelenggaraan Pemerintahan Umum", "teknis", 3),
    Standard("T-DUKCAPIL", "Administrasi Kependudukan", "teknis", 3),
    Standard("M1", "Integritas", "manajerial", 2),
    Standard("M8", "Pengambilan Keputusan", "manajerial", 3),
    Standard("SK1", "Perekat Bangsa", "sosial_kultural", 2),
)
CATALOGUE = (
    Course("BT-DUK", "Bimtek Administrasi Kependudukan", "klasikal", Decimal(24), ("T-DUKCAPIL",)),
    Course("EL-DUK", "E-learning Adminduk", "nonklasikal", Decimal(4), ("T-DUKCAPIL",)),
    Course("PKP", "Pelatihan Kepemimpinan Pengawas", "klasikal", Decimal(40), ("M8", "M4")),
    Course("COACH", "Coaching oleh atasan", "nonklasikal", Decimal(8), ("M8", "M1")),
    Course("MAGANG-PEM", "Magang pemerintahan", "nonklasikal", Decimal(16), ("T-PEM",)),
)


def gap(code: str, group: str, required: float, achieved: float) -> Gap:
    return Gap(code, code, group, required, achieved, achieved - required)


@pytest.mark.parametrize(
    ("achieved", "codes", "missing", "met"),
    [
        # Ordered by size, then by group weight (teknis before manajerial), then code.
        (
            {"T-PEM": 1, "T-DUKCAPIL": 2, "M1": 2, "M8": 1, "SK1": 2},
            ["T-PEM", "M8", "T-DUKCAPIL"],
            (),
            2,
        ),
        # Above the standard is not a need; not assessed is "missing", never a gap.
        ({"T-PEM": 4, "M8": 2.5}, ["M8"], ("T-DUKCAPIL", "M1", "SK1"), 1),
        ({}, [], ("T-PEM", "T-DUKCAPIL", "M1", "M8", "SK1"), 0),
        # Levels are read as given (decimal assessment levels are common).
        ({"T-PEM": 3, "T-DUKCAPIL": 3, "M1": 2, "M8": 3, "SK1": 1.5}, ["SK1"], (), 4),
    ],
)
def test_negative_gaps_are_ordered_by_size_then_group_weight(
    achieved: dict[str, float], codes: list[str], missing: tuple[str, ...], met: int
) -> None:
    analysis = negative_gaps(STANDARD, achieved, RULES)
    assert [g.code for g in analysis.gaps] == codes
    assert analysis.missing == missing
    assert analysis.met == met
    assert all(g.gap < 0 and g.achieved - g.required == g.gap for g in analysis.gaps)


def test_a_post_without_a_standard_has_no_gaps() -> None:
    assert negative_gaps((), {"M1": 1}, RULES).gaps == ()


@pytest.mark.parametrize(
    ("group", "required", "achieved", "route"),
    [
        ("teknis", 3, 1, Route.KLASIKAL),  # gap 2 ≥ 2
        ("teknis", 3, 2, Route.NONKLASIKAL),  # gap 1
        ("manajerial", 4, 2, Route.KLASIKAL),
        ("manajerial", 3, 2.5, Route.NONKLASIKAL),
        ("sosial_kultural", 3, 1, Route.NONKLASIKAL),  # sosial kultural needs a gap of 3 for klasikal
        ("sosial_kultural", 4, 1, Route.KLASIKAL),
    ],
)
def test_route_follows_gap_size_and_group(group: str, required: float, achieved: float, route: Route) -> None:
    assert choose_route(gap("X", group, required, achieved), RULES) is route


@pytest.mark.parametrize(
    ("code", "route", "expected"),
    [
        ("T-DUKCAPIL", Route.KLASIKAL, "BT-DUK"),
        ("T-DUKCAPIL", Route.NONKLASIKAL, "EL-DUK"),
        ("M8", Route.KLASIKAL, "PKP"),
        ("M8", Route.NONKLASIKAL, "COACH"),
        ("T-PEM", Route.KLASIKAL, "MAGANG-PEM"),  # only a nonklasikal course exists: it is still suggested
        ("T-KEU", Route.KLASIKAL, None),
    ],
)
def test_course_is_matched_by_competency_code_preferring_the_route(
    code: str, route: Route, expected: str | None
) -> None:
    course = match_course(code, route, CATALOGUE)
    assert (course.code if course else None) == expected


def test_items_put_the_biggest_gaps_in_the_first_three_months() -> None:
    achieved = {"T-PEM": 1, "T-DUKCAPIL": 2, "M1": 1, "M8": 1, "SK1": 1}
    analysis = negative_gaps(STANDARD, achieved, RULES)
    items = propose_items(analysis, tmt=TMT, catalogue=CATALOGUE, rules=RULES)
    assert [i.competency for i in items] == ["T-PEM", "M8", "T-DUKCAPIL", "M1", "SK1"]
    assert [i.due for i in items] == [date(2026, 4, 15)] * 3 + [date(2026, 7, 15)] * 2
    pem, m8, duk, m1, sk1 = items
    assert (pem.course, pem.route, pem.jp) == ("MAGANG-PEM", Route.NONKLASIKAL, Decimal(16))
    assert "katalog hanya punya kursus nonklasikal" in pem.reason
    assert (m8.course, m8.route, m8.jp) == ("PKP", Route.KLASIKAL, Decimal(40))
    assert (m1.course, m1.route) == ("COACH", Route.NONKLASIKAL)
    assert (sk1.course, sk1.route, sk1.jp) == (None, Route.NONKLASIKAL, Decimal(8))
    assert sk1.activity == "E-learning Perekat Bangsa"
    assert (duk.course, duk.route, duk.jp) == ("EL-DUK", Route.NONKLASIKAL, Decimal(4))
    assert "capaian 1, standar 3, kesenjangan −2" in pem.reason
    assert "paling lambat 15 April 2026" in pem.reason
    assert [i.competency for i in first_window(items, TMT, RULES)] == ["T-PEM", "M8", "T-DUKCAPIL"]


def test_a_course_covering_several_gaps_is_planned_once() -> None:
    # COACH covers M1 and M8; with PKP gone, both small managerial gaps go to the one coaching item.
    catalogue = tuple(c for c in CATALOGUE if c.code != "PKP")
    analysis = negative_gaps(STANDARD, {"M1": 1, "M8": 1}, RULES)
    items = propose_items(analysis, tmt=TMT, catalogue=catalogue, rules=RULES)
    assert [(i.competency, i.course, i.also_covers) for i in items] == [("M8", "COACH", ("M1",))]
    assert "juga untuk Integritas (kesenjangan −1)" in items[0].reason


def test_a_new_field_opens_with_an_orientation_item_even_without_gaps() -> None:
    analysis = negative_gaps(STANDARD, {c.code: 5 for c in STANDARD}, RULES)
    items = propose_items(analysis, tmt=TMT, catalogue=CATALOGUE, rules=RULES, field_changed=True)
    assert len(items) == 1
    assert items[0].competency == ""
    assert items[0].route is Route.NONKLASIKAL
    assert items[0].due == date(2026, 4, 15)


@pytest.mark.parametrize(
    ("achieved", "field_changed", "opens", "phrase"),
    [
        ({c.code: 5 for c in STANDARD}, True, True, "bidang yang berbeda"),
        ({"T-PEM": 1}, False, True, "di bawah standar"),
        ({"T-PEM": 3}, False, True, "belum pernah diases"),
        ({c.code: 5 for c in STANDARD}, False, False, "memenuhi standar"),
    ],
)
def test_plan_decision(achieved: dict[str, float], field_changed: bool, opens: bool, phrase: str) -> None:
    decision = plan_decision(negative_gaps(STANDARD, achieved, RULES), field_changed=field_changed)
    assert decision.open is opens
    assert phrase in decision.reason


@pytest.mark.parametrize(
    ("records", "on", "earned", "status", "shortfall", "percent"),
    [
        ([], date(2026, 1, 1), 0, JpStatus.BEHIND, 20, 0),  # day one: the share is already 0.1 JP
        ([(date(2026, 1, 5), Decimal(2))], date(2026, 1, 10), 2, JpStatus.ON_TRACK, 18, 10),
        ([(date(2026, 3, 1), Decimal(8))], date(2026, 7, 1), 8, JpStatus.BEHIND, 12, 40),
        ([(date(2026, 3, 1), Decimal(12))], date(2026, 7, 1), 12, JpStatus.ON_TRACK, 8, 60),
        ([(date(2026, 3, 1), Decimal(12)), (date(2026, 9, 1), Decimal(10))], date(2026, 9, 2), 22, JpStatus.REACHED, 0, 100),
        # A training counts in the year it ended; other years do not count.
        ([(date(2025, 12, 20), Decimal(16)), (date(2026, 2, 1), Decimal(4))], date(2026, 2, 2), 4, JpStatus.ON_TRACK, 16, 20),
        # The year is over: everything short of the target is behind.
        ([(date(2026, 3, 1), Decimal("19.5"))], date(2027, 1, 5), 19.5, JpStatus.BEHIND, 0.5, 97),
    ],
)  # fmt: skip
def test_jp_progress_per_calendar_year(
    records: list[tuple[date, Decimal]],
    on: date,
    earned: float,
    status: JpStatus,
    shortfall: float,
    percent: int,
) -> None:
    progress = jp_progress(records, year=2026, on=on, rules=RULES)
    assert progress.earned_jp == Decimal(str(earned))
    assert progress.shortfall_jp == Decimal(str(shortfall))
    assert progress.status is status
    assert progress.percent == percent
    assert progress.minutes == int(Decimal(str(earned)) * 45)


def test_jp_expected_share_is_pro_rata_by_day_of_year() -> None:
    # 10 January: the pro-rata share is 20 × 10/365 ≈ 0.5 JP (rounded to 0.1 JP); nothing earned is behind.
    progress = jp_progress([], year=2026, on=date(2026, 1, 10), rules=RULES)
    assert progress.expected_jp == Decimal("0.5")
    assert progress.status is JpStatus.BEHIND


def test_jp_target_and_minutes_are_rule_data() -> None:
    rules = DevelopmentRules(min_jp_per_year=Decimal(24), jp_minutes=60)
    progress = jp_progress([(date(2026, 2, 1), Decimal(12))], year=2026, on=date(2026, 12, 31), rules=rules)
    assert (progress.target_jp, progress.shortfall_jp, progress.minutes) == (24, 12, 720)
    assert jp_minutes(Decimal("1.5"), RULES) == 67
    assert "12 dari 24 JP (720 menit)" in progress.sentence()


@pytest.mark.parametrize(
    ("items", "due", "phrase"),
    [
        ([], date(2027, 1, 15), "12 bulan setelah TMT"),
        ([ItemState("selesai", date(2026, 5, 1)), ItemState("terdaftar")], date(2027, 1, 15), "12 bulan"),
        ([ItemState("selesai", date(2026, 5, 1)), ItemState("batal")], date(2026, 5, 1), "Semua kegiatan selesai"),
        ([ItemState("batal")], date(2027, 1, 15), "12 bulan"),  # nothing learned: wait for 12 months
    ],
)  # fmt: skip
def test_reassessment_when_items_are_done_or_at_twelve_months(
    items: list[ItemState], due: date, phrase: str
) -> None:
    result = reassessment_due(TMT, items, RULES)
    assert result.due == due
    assert phrase in result.reason


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [(date(2026, 1, 31), 1, date(2026, 2, 28)), (date(2027, 11, 30), 3, date(2028, 2, 29)), (TMT, 12, date(2027, 1, 15))],
)  # fmt: skip
def test_add_months_never_fails_on_short_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


CASE = {
    "method": "development",
    "tmt": "2026-01-15",
    "on": "2026-07-01",
    "standard": [
        {"code": "T-PEM", "name": "Penyelenggaraan Pemerintahan Umum", "group": "teknis", "level": 3},
        {"code": "M8", "name": "Pengambilan Keputusan", "group": "manajerial", "level": 3},
    ],
    "achieved": {"T-PEM": 1, "M8": None},
    "catalogue": [
        {"code": "MAGANG-PEM", "name": "Magang", "route": "nonklasikal", "jp": 16, "competencies": ["T-PEM"]}
    ],
    "trainings": [{"end": "2026-03-01", "jp": 12}],
}


def test_the_json_case_gives_gaps_items_jp_and_reassessment() -> None:
    out = run(CASE)
    assert out["plan"]["open"] is True
    assert [g["code"] for g in out["gaps"]] == ["T-PEM"]
    assert out["missing"] == ["M8"]
    assert out["items"][0]["course"] == "MAGANG-PEM"
    assert out["items"][0]["due"] == "2026-04-15"
    assert out["jp"]["status"] == "sesuai_jadwal"
    assert out["reassessment"]["due"] == "2027-01-15"
    json.dumps(out)  # plain JSON


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"tmt": "15-01-2026"}, "tmt"),
        ({"tmt": None}, "tmt"),
        ({"standard": [{"code": "X", "group": "lain", "level": 3}]}, "standard[0].group"),
        ({"standard": [{"code": "X", "group": "teknis", "level": 9}]}, "standard[0].level"),
        ({"achieved": {"T-PEM": "tinggi"}}, "achieved.T-PEM"),
        ({"catalogue": [{"code": "A", "route": "daring", "jp": 8}]}, "catalogue[0].route"),
        ({"trainings": [{"end": "2026-03-01", "jp": -1}]}, "trainings[0].jp"),
        ({"field_changed": "ya"}, "field_changed"),
    ],
)
def test_the_json_case_names_the_bad_field(patch: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        run({**CASE, **patch})
    assert path in [p.path for p in caught.value.problems]
