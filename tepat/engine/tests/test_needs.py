"""ANJAB/ABK formulas (DOMAIN.md §8): rounding modes, fallback, EJ bands, bezetting, projection, vacancies."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.needs import (
    DEFAULT_RULES,
    PROVENANCE,
    BalanceStatus,
    Departure,
    DepartureReason,
    EjBand,
    NeedSource,
    NeedsRules,
    Occupant,
    Position,
    Rounding,
    Seat,
    Task,
    Unit,
    balances,
    bup_for,
    departure_of,
    departures,
    ej_band,
    job_efficiency,
    needs_for,
    priorities,
    project,
    reference_date,
    required_headcount,
    retirement_date,
    rollup,
    round_headcount,
    vacancy_map,
)
from tepat.engine.reference import EmploymentStatus, PositionKind
from tepat.engine.rules.model import RuleStatus

PNS, PPPK = EmploymentStatus.PNS, EmploymentStatus.PPPK
WKE = 75_000


def position(*tasks: Task, pid: str = "P1", unit: str = "U1", manual: int | None = None) -> Position:
    return Position(pid, unit, PositionKind.PELAKSANA, tasks=tasks, manual_seats=manual)


def task(volume: object, norm: object, name: str = "Menyusun laporan") -> Task:
    return Task(name, "dokumen", volume, norm)  # type: ignore[arg-type]


def with_rounding(rounding: Rounding) -> NeedsRules:
    return NeedsRules(rounding=rounding)


# --- headcount and rounding ---


@pytest.mark.parametrize(
    ("minutes", "rounding", "expected"),
    [
        # exactly half a WKE: ceiling gives 1, half-up gives 1 (banker's round would give 0)
        ([37_500], Rounding.CEIL_PER_POSITION, 1),
        ([37_500], Rounding.HALF_UP, 1),
        ([37_500], Rounding.CEIL_PER_TASK, 1),
        # 2.5 WKE: half-up gives 3 where banker's round gives 2
        ([187_500], Rounding.HALF_UP, 3),
        ([187_499], Rounding.HALF_UP, 2),
        ([150_000], Rounding.CEIL_PER_POSITION, 2),
        ([150_001], Rounding.CEIL_PER_POSITION, 3),
        # two small tasks: one person per position, but one per task when ceiling per task
        ([10_000, 10_000], Rounding.CEIL_PER_POSITION, 1),
        ([10_000, 10_000], Rounding.CEIL_PER_TASK, 2),
        ([10_000, 10_000], Rounding.HALF_UP, 0),
        ([0, 75_000], Rounding.CEIL_PER_TASK, 1),
        ([], Rounding.CEIL_PER_POSITION, 0),
    ],
)
def test_rounding_modes_are_exact(minutes: list[int], rounding: Rounding, expected: int) -> None:
    assert round_headcount([Decimal(m) for m in minutes], WKE, rounding) == expected


@pytest.mark.parametrize(
    ("tasks", "rounding", "required", "workload"),
    [
        ((task(100, 375),), Rounding.CEIL_PER_POSITION, 1, Decimal(37_500)),
        ((task(1_000, 150),), Rounding.CEIL_PER_POSITION, 2, Decimal(150_000)),
        ((task(1_000, 150), task(1, 1)), Rounding.CEIL_PER_POSITION, 3, Decimal(150_001)),
        ((task(0, 60),), Rounding.CEIL_PER_POSITION, 0, Decimal(0)),  # zero volume: no work, no need
        # in floats 0.01 × 75,000 + 2.99 × 75,000 is 225,000.00000000003 and the ceiling would say 4
        ((task(0.01, 75_000), task(2.99, 75_000)), Rounding.CEIL_PER_POSITION, 3, Decimal("225000.00")),
        ((task(Decimal("2.5"), 30_000),), Rounding.HALF_UP, 1, Decimal("75000.0")),
        ((task(3, 12_500), task(3, 12_500)), Rounding.HALF_UP, 1, Decimal(75_000)),
    ],
)
def test_required_headcount_per_position(
    tasks: tuple[Task, ...], rounding: Rounding, required: int, workload: Decimal
) -> None:
    need = required_headcount(position(*tasks), with_rounding(rounding))
    assert (need.required, need.workload_minutes, need.source) == (required, workload, NeedSource.ABK)


def test_exact_headcount_is_kept_for_display() -> None:
    assert required_headcount(position(task(1, 25_000))).exact_headcount == Decimal("0.3333")


def test_position_without_workload_falls_back_to_manual_formasi_and_says_so() -> None:
    need = required_headcount(position(manual=3))
    assert (need.required, need.source) == (3, NeedSource.FORMASI_MANUAL)


def test_position_without_workload_or_formasi_has_no_basis() -> None:
    need = required_headcount(position())
    assert (need.required, need.source) == (None, NeedSource.TANPA_DASAR)


def test_missing_norm_names_the_task() -> None:
    with pytest.raises(InvalidInput) as caught:
        needs_for([position(task(10, 5), task(10, None, name="Verifikasi SPJ"))])
    (problem,) = caught.value.problems
    assert problem.path == "positions[0].tasks[1].norm_minutes"
    assert '"Verifikasi SPJ"' in problem.message


@pytest.mark.parametrize(
    ("bad", "path", "words"),
    [
        (position(task(-1, 5)), "positions[0].tasks[0].volume", "tidak boleh negatif"),
        (position(task(1, -5)), "positions[0].tasks[0].norm_minutes", "tidak boleh negatif"),
        (position(task("sepuluh", 5)), "positions[0].tasks[0].volume", "harus berupa angka"),
        (position(task(True, 5)), "positions[0].tasks[0].volume", "harus berupa angka"),
        (position(task(float("nan"), 5)), "positions[0].tasks[0].volume", "angka hingga"),
        (position(task(1, Decimal("Infinity"))), "positions[0].tasks[0].norm_minutes", "angka hingga"),
        (position(manual=-1), "positions[0].manual_seats", "tidak boleh negatif"),
    ],
)
def test_bad_inputs_are_rejected_with_a_path(bad: Position, path: str, words: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        needs_for([bad])
    assert [p.path for p in caught.value.problems] == [path]
    assert words in caught.value.problems[0].message


def test_every_bad_field_is_reported_together() -> None:
    with pytest.raises(InvalidInput) as caught:
        needs_for([position(task(-1, None)), position(task(1, 1)), position(manual=-2)])
    assert [p.path for p in caught.value.problems] == [
        "positions[0].tasks[0].volume",
        "positions[0].tasks[0].norm_minutes",
        "positions[2].manual_seats",
    ]


@pytest.mark.parametrize(
    ("rules", "path"),
    [
        ({"wke_minutes": 0}, "wke_minutes"),
        ({"projection_years": 0}, "projection_years"),
        ({"ej_bands": (EjBand("B", "Baik", Decimal("0.5")), EjBand("A", "x", Decimal("1")))}, "ej_bands"),
    ],
)
def test_rule_data_is_checked(rules: dict[str, object], path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        NeedsRules(**rules)  # type: ignore[arg-type]
    assert caught.value.problems[0].path == path


def test_unconfirmed_defaults_are_marked() -> None:
    assert DEFAULT_RULES.wke_minutes == 75_000
    assert DEFAULT_RULES.rounding is Rounding.CEIL_PER_POSITION
    assert {name for name, p in PROVENANCE.items() if p.status is RuleStatus.UNCONFIRMED} >= {
        "ej_bands",
        "bup",
        "retirement_date",
    }


# --- job efficiency ---


@pytest.mark.parametrize(
    ("ej", "grade"),
    [
        (Fraction(101, 100), "A"),
        (Fraction(1), "B"),  # exactly 1.00 is "Baik", A needs more than 1.00
        (Fraction(90, 100), "B"),
        (Fraction(895, 1000), "C"),  # between the printed 0.89 and 0.90
        (Fraction(70, 100), "C"),
        (Fraction(69, 100), "D"),
        (Fraction(50, 100), "D"),
        (Fraction(49, 100), "E"),
        (Fraction(0), "E"),
    ],
)
def test_ej_grade_bands(ej: Fraction, grade: str) -> None:
    assert ej_band(ej).grade == grade


def test_ej_bands_are_configurable() -> None:
    other = (
        EjBand("A", "A", Decimal("0.91")),
        EjBand("B", "B", Decimal("0.76")),
        EjBand("E", "E", Decimal(0)),
    )
    assert ej_band(Fraction(91, 100), other).grade == "A"
    assert ej_band(Fraction(80, 100), other).grade == "B"


def test_job_efficiency_formula() -> None:
    assert job_efficiency(Decimal(150_000), 2, WKE) == 1
    assert job_efficiency(Decimal(150_000), 4, WKE) == Fraction(1, 2)
    assert job_efficiency(Decimal(150_000), 0, WKE) is None


# --- bezetting, rollup ---


def occupant(eid: str, pid: str = "P1", born: date = date(1990, 1, 1), **kw: object) -> Occupant:
    return Occupant(eid, pid, kw.pop("status", PNS), born, **kw)  # type: ignore[arg-type]


def test_reference_date_is_31_december_of_the_previous_year() -> None:
    assert reference_date(date(2026, 1, 1)) == date(2025, 12, 31)
    assert reference_date(date(2026, 12, 31)) == date(2025, 12, 31)


def test_balances_show_surplus_shortage_and_the_people() -> None:
    needs = needs_for(
        [
            position(task(1_000, 150), pid="P1"),  # needs 2
            position(task(1_000, 225), pid="P2"),  # needs 3
            position(pid="P3", manual=1),
            position(pid="P4"),
        ]
    )
    people = [occupant("a"), occupant("b"), occupant("c"), occupant("d", "P2"), occupant("e", "P4")]
    rows = {b.need.position_id: b for b in balances(needs, people)}
    assert [(p, rows[p].selisih, rows[p].status) for p in ("P1", "P2", "P3", "P4")] == [
        ("P1", 1, BalanceStatus.KELEBIHAN),
        ("P2", -2, BalanceStatus.KEKURANGAN),
        ("P3", -1, BalanceStatus.KEKURANGAN),
        ("P4", None, BalanceStatus.TANPA_DASAR),
    ]
    assert rows["P1"].employee_ids == ("a", "b", "c")
    assert (rows["P1"].ej, rows["P1"].pj_grade) == (Decimal("0.6667"), "D")
    assert (rows["P2"].ej, rows["P2"].pj_grade) == (Decimal("3.0000"), "A")
    assert (rows["P3"].ej, rows["P3"].pj_grade) == (None, None)  # no workload, no EJ


def test_occupant_of_an_unknown_position_is_rejected() -> None:
    with pytest.raises(InvalidInput) as caught:
        balances(needs_for([position()]), [occupant("a", "P9")])
    assert caught.value.problems[0].path == "occupants[0].position_id"


def test_rollup_sums_the_subtree_without_netting() -> None:
    units = [Unit("OPD", None), Unit("K1", "OPD"), Unit("K2", "OPD"), Unit("S1", "K1")]
    needs = needs_for(
        [
            position(task(1_000, 75), pid="P1", unit="S1"),  # needs 1, has 3: +2
            position(task(1_000, 150), pid="P2", unit="K2"),  # needs 2, has 0: -2
            position(pid="P3", unit="K1"),  # no basis
        ]
    )
    rows = rollup(balances(needs, [occupant("a"), occupant("b"), occupant("c"), occupant("d", "P3")]), units)
    opd, k1 = rows["OPD"], rows["K1"]
    assert (opd.required, opd.present, opd.kelebihan, opd.kekurangan, opd.positions_without_basis) == (
        3,
        4,
        2,
        2,
        1,
    )
    assert (k1.kelebihan, k1.kekurangan, k1.present) == (2, 0, 4)
    assert rows["K2"].kekurangan == 2


@pytest.mark.parametrize(
    "units", [[Unit("A", "B"), Unit("B", "A")], [Unit("A", "ZZ")]], ids=["cycle", "unknown parent"]
)
def test_rollup_rejects_broken_trees(units: list[Unit]) -> None:
    with pytest.raises(InvalidInput):
        rollup([], units)


# --- retirement and projection ---


@pytest.mark.parametrize(
    ("kind", "jenjang", "age"),
    [
        (PositionKind.JPT_PRATAMA, None, 60),
        (PositionKind.ADMINISTRATOR, None, 58),
        (PositionKind.PELAKSANA, None, 58),
        (PositionKind.FUNGSIONAL_KEAHLIAN, "Ahli Pertama", 58),
        (PositionKind.FUNGSIONAL_KEAHLIAN, "Ahli Madya", 60),
        (PositionKind.FUNGSIONAL_KEAHLIAN, "Ahli Utama", 65),
        (PositionKind.FUNGSIONAL_KETERAMPILAN, "Penyelia", 58),
    ],
)
def test_bup_defaults(kind: PositionKind, jenjang: str | None, age: int) -> None:
    assert bup_for(kind, jenjang) == age


def test_missing_bup_rule_is_an_input_error() -> None:
    with pytest.raises(InvalidInput):
        bup_for(PositionKind.PELAKSANA, None, NeedsRules(bup=()))


@pytest.mark.parametrize(
    ("born", "bup", "retires"),
    [
        (date(1968, 3, 15), 58, date(2026, 4, 1)),
        (date(1968, 3, 1), 58, date(2026, 4, 1)),  # born on the 1st still retires the month after
        (date(1968, 12, 31), 58, date(2027, 1, 1)),
        (date(1964, 2, 29), 60, date(2024, 3, 1)),
    ],
)
def test_retirement_is_the_first_day_of_the_month_after_reaching_bup(
    born: date, bup: int, retires: date
) -> None:
    assert retirement_date(born, bup) == retires


def test_pppk_leaves_at_contract_end_when_that_comes_first() -> None:
    post = position()
    early = occupant("a", status=PPPK, contract_end=date(2027, 6, 30))
    assert departure_of(early, post) == Departure(
        "a", "P1", date(2027, 7, 1), DepartureReason.KONTRAK_BERAKHIR
    )
    late = occupant("b", born=date(1970, 5, 5), status=PPPK, contract_end=date(2040, 1, 1))
    assert departure_of(late, post).reason is DepartureReason.PENSIUN


def test_pppk_without_contract_end_is_rejected() -> None:
    with pytest.raises(InvalidInput) as caught:
        departures([position()], [occupant("a", status=PPPK)])
    assert caught.value.problems[0].path == "occupants[0].contract_end"


def test_five_year_projection_counts_departures_per_year_and_ranks_shortages() -> None:
    posts = [position(task(1_000, 150), pid="P1"), position(task(1_000, 75), pid="P2"), position(pid="P3")]
    people = [
        occupant("a", born=date(1968, 5, 1)),  # BUP 58 -> 2026-06-01
        occupant("b", born=date(1970, 11, 20)),  # -> 2028-12-01
        occupant("c", status=PPPK, contract_end=date(2027, 12, 31)),  # seat free 2028-01-01
        occupant("d", "P2", born=date(1960, 1, 1)),  # retired before the reference year: counts in year one
        occupant("e", "P3", born=date(1969, 1, 1)),
    ]
    rows = balances(needs_for(posts), people)
    outlook = project(rows, departures(posts, people), reference=date(2025, 12, 31))
    p1, p2, p3 = outlook
    assert [y.year for y in p1.years] == [2026, 2027, 2028, 2029, 2030]
    assert [(y.retirements, y.contract_ends, y.present, y.selisih) for y in p1.years] == [
        (1, 0, 2, 0),
        (0, 0, 2, 0),
        (1, 1, 0, -2),
        (0, 0, 0, -2),
        (0, 0, 0, -2),
    ]
    assert [y.selisih for y in p2.years] == [-1] * 5
    assert [y.selisih for y in p3.years] == [None] * 5
    assert p3.years[1].retirements == 1
    ranked = priorities(outlook)
    assert [(p.rank, p.position_id, p.first_year, p.shortage, p.max_shortage) for p in ranked] == [
        (1, "P2", 2026, 1, 1),
        (2, "P1", 2028, 2, 2),
    ]
    assert "2028" in ranked[1].reason
    shorter = project(
        rows, departures(posts, people), reference=date(2025, 12, 31), rules=NeedsRules(projection_years=3)
    )
    assert [y.year for y in shorter[0].years] == [2026, 2027, 2028]


def test_projection_handles_50_000_employees_quickly() -> None:
    posts = [position(task(1_000, 75 * (i % 7)), pid=f"P{i}", unit=f"U{i % 50}") for i in range(5_000)]
    people = [
        occupant(f"E{i}", f"P{i % 5_000}", born=date(1966 + i % 30, 1 + i % 12, 1)) for i in range(50_000)
    ]
    started = time.perf_counter()
    rows = balances(needs_for(posts), people)
    outlook = project(rows, departures(posts, people), reference=date(2025, 12, 31))
    priorities(outlook)
    assert time.perf_counter() - started < 5  # generous: about 0.5 s on a laptop
    assert sum(y.retirements for o in outlook for y in o.years) == sum(
        1 for p in people if retirement_date(p.birth_date, 58).year <= 2030
    )


# --- vacancy map ---


def test_vacancy_map_lists_empty_and_soon_empty_seats_and_releasable_surplus() -> None:
    posts = [position(task(1_000, 75), pid="P1"), position(task(1_000, 150), pid="P2")]
    people = [
        occupant("a", born=date(1968, 5, 1)),  # leaves 2026-06-01
        occupant("b"),
        occupant("c"),
        occupant("d", "P2", born=date(1969, 1, 1)),  # leaves 2027-02-01, past the horizon
    ]
    seats = [Seat("S1", "P1", "U1", "a"), Seat("S2", "P2", "U1", "d"), Seat("S3", "P2", "U1", None)]
    rows = balances(needs_for(posts), people)
    leaving = departures(posts, people)
    result = vacancy_map(seats, rows, leaving, as_of=date(2026, 1, 1), horizon=date(2026, 12, 31))
    assert [(v.seat_id, v.free_from, v.reason) for v in result.vacancies] == [
        ("S3", date(2026, 1, 1), "kosong"),
        ("S1", date(2026, 6, 1), DepartureReason.PENSIUN),
    ]
    # P1 needs 1 and has 3, but "a" retires within the horizon: only one can be released
    assert [(r.position_id, r.count, r.candidate_ids) for r in result.releases] == [("P1", 1, ("b", "c"))]
    later = vacancy_map(seats, rows, leaving, as_of=date(2026, 1, 1), horizon=date(2027, 2, 1))
    assert [v.seat_id for v in later.vacancies] == ["S3", "S1", "S2"]


def test_vacancy_horizon_before_reference_is_rejected() -> None:
    with pytest.raises(InvalidInput) as caught:
        vacancy_map([], [], [], as_of=date(2026, 1, 1), horizon=date(2025, 1, 1))
    assert caught.value.problems[0].path == "horizon"
