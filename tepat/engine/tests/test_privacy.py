"""UU PDP logic: report periods, acting role/unit, breach exposures and the Pasal 46 notice (no Django)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from tepat.engine.privacy import (
    DPO_PLACEHOLDER,
    FULL_NIK_CATEGORY,
    MAX_REPORT_DAYS,
    Access,
    BulkExport,
    Grant,
    PeriodError,
    acting_as,
    breach_notice,
    category_of,
    check_period,
    day_bounds,
    exposures,
)

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (None, date(2026, 1, 1), "Tanggal mulai wajib diisi."),
        (date(2026, 1, 1), None, "Tanggal sampai wajib diisi."),
        (date(2026, 2, 1), date(2026, 1, 1), "Tanggal sampai tidak boleh sebelum tanggal mulai."),
        (date(2026, 12, 1), date(2026, 12, 2), "Tanggal mulai tidak boleh di masa depan."),
        (date(2024, 1, 1), date(2025, 1, 1), "Periode paling lama 366 hari"),
    ],
)
def test_bad_periods_name_the_field(start: date | None, end: date | None, message: str) -> None:
    with pytest.raises(PeriodError, match=message):
        check_period(start, end, today=TODAY)


@pytest.mark.parametrize(
    ("start", "end"),
    [(TODAY, TODAY), (date(2025, 11, 28), TODAY), (date(2026, 1, 1), date(2026, 12, 31))],
)
def test_good_periods_pass(start: date, end: date) -> None:
    assert check_period(start, end, today=TODAY) == (start, end)
    assert (end - start).days + 1 <= MAX_REPORT_DAYS


def test_day_bounds_cover_whole_days() -> None:
    assert day_bounds(date(2026, 3, 1), date(2026, 3, 2)) == (
        datetime.combine(date(2026, 3, 1), time()),
        datetime.combine(date(2026, 3, 3), time()),
    )


GRANTS = [
    Grant("analyst", "", date(2020, 1, 1), date(2025, 12, 31)),
    Grant("unit_head", "Kecamatan Banyumanik", date(2026, 1, 1), None),
    Grant("auditor", "", date(2026, 6, 1), None),
]


@pytest.mark.parametrize(
    ("day", "recorded", "expected"),
    [
        (date(2024, 5, 1), "", ("Analis SDM (BKPP)", "Pemerintah Daerah (seluruh unit)")),
        (date(2026, 2, 1), "", ("Pimpinan Unit", "Kecamatan Banyumanik")),
        (
            date(2026, 7, 1),
            "",
            ("Auditor / Pejabat PDP, Pimpinan Unit", "Kecamatan Banyumanik"),
        ),
        (date(2026, 7, 1), "auditor", ("Auditor / Pejabat PDP", "Pemerintah Daerah (seluruh unit)")),
        (date(2019, 1, 1), "", ("—", "—")),
    ],
)
def test_acting_as_reads_the_grants_valid_that_day(
    day: date, recorded: str, expected: tuple[str, str]
) -> None:
    assert acting_as(GRANTS, day, recorded_role=recorded) == expected


def test_exposures_add_up_per_subject_and_sort_most_read_first() -> None:
    t1, t2, t3 = (
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        datetime(2026, 3, 2, 9, tzinfo=UTC),
        datetime(2026, 3, 3, 9, tzinfo=UTC),
    )
    found = exposures(
        [
            Access("a", "view_profile", 2, t2, t3, full_nik=True),
            Access("b", "view_profile", 1, t1, t1),
            Access("a", "document_download", 1, t1, t1),
        ]
    )
    assert [(e.subject, e.count, e.first, e.last) for e in found] == [("a", 3, t1, t3), ("b", 1, t1, t1)]
    assert FULL_NIK_CATEGORY in found[0].categories
    assert "Dokumen usulan mutasi" in found[0].categories
    assert FULL_NIK_CATEGORY not in found[1].categories


def test_unknown_action_keeps_its_code_readable() -> None:
    assert category_of("view_something_new") == "view something new"
    assert category_of("view_profile", full_nik=True).endswith(FULL_NIK_CATEGORY)


def test_notice_has_the_three_pasal_46_parts_with_facts_and_placeholders() -> None:
    found = exposures(
        [
            Access(
                "a",
                "view_profile",
                4,
                datetime(2026, 3, 1, 8, tzinfo=UTC),
                datetime(2026, 3, 5, 17, tzinfo=UTC),
            )
        ]
    )
    bulk = [BulkExport(datetime(2026, 3, 4, 10, tzinfo=UTC), "people.employee", "pegawai.xlsx", "xlsx", 120)]
    sections = breach_notice(
        account="analis.x",
        start=date(2026, 3, 1),
        end=date(2026, 3, 31),
        subjects=found,
        bulk=bulk,
        controller="BKPP Kota Semarang",
    )
    assert [s.heading for s in sections] == [
        "1. Data pribadi yang terungkap",
        "2. Kapan dan bagaimana data pribadi terungkap",
        "3. Upaya penanganan dan pemulihan",
    ]
    exposed, when, handling = (" ".join(s.lines) for s in sections)
    assert "1 orang" in exposed
    assert "Profil pegawai lengkap" in exposed
    assert "pegawai.xlsx" in exposed
    assert "01-03-2026 08:00" in when
    assert "05-03-2026 17:00" in when
    assert "analis.x" in when
    assert DPO_PLACEHOLDER in handling
    assert "BKPP Kota Semarang" in handling


def test_notice_for_an_empty_period_says_so() -> None:
    sections = breach_notice(account="x", start=TODAY, end=TODAY, subjects=[], bulk=[], controller="BKPP")
    assert "0 orang" in sections[0].lines[0]
    assert "Tidak ada akses per orang" in sections[1].lines[1]
