"""Eligibility rules: every rule passing and failing, boundaries and missing data."""

from datetime import date
from typing import Any

import numpy as np
import pytest

from tepat.engine.reference import EmploymentStatus, PositionKind, Predikat
from tepat.engine.rules import (
    DEFAULT_RULE_PARAMETERS,
    AbkStatus,
    BlackoutWindow,
    ChainHead,
    Education,
    MutationType,
    Outcome,
    Period,
    RuleBook,
    Sanction,
    Severity,
    SkpRecord,
    evaluate,
    whole_months_between,
    whole_months_between_array,
)
from tepat.engine.tests.rules_fixtures import (
    BP,
    HUKUM,
    ON,
    PEMERINTAHAN,
    SB,
    SEAT,
    SIPIL,
    B,
    run,
    with_c,
    with_t,
)


@pytest.mark.parametrize(
    ("start", "on", "months"),
    [
        (date(2024, 3, 15), date(2024, 4, 14), 0),
        (date(2024, 3, 15), date(2024, 4, 15), 1),
        (date(2024, 1, 31), date(2024, 2, 29), 0),  # the 31st does not exist in February
        (date(2024, 1, 31), date(2024, 3, 1), 1),
        (date(2022, 7, 1), date(2024, 7, 1), 24),
        (date(2026, 8, 1), date(2026, 7, 1), 0),  # reference before the TMT
        (date(2020, 12, 31), date(2021, 12, 31), 12),
    ],
)
def test_months_in_post_counts_whole_calendar_months(start: date, on: date, months: int) -> None:
    assert whole_months_between(start, on) == months
    assert whole_months_between_array(np.array([start], dtype="datetime64[D]"), on)[0] == months


def test_vector_month_count_agrees_with_the_scalar_one_and_marks_nat_missing() -> None:
    starts = np.arange(np.datetime64("2019-01-01"), np.datetime64("2026-12-31"), 7)
    on = date(2026, 2, 28)
    expected = [whole_months_between(d.astype(object), on) for d in starts]
    assert whole_months_between_array(starts, on).tolist() == expected
    assert np.isnan(whole_months_between_array(np.array(["NaT"], dtype="datetime64[D]"), on)[0])


@pytest.mark.parametrize(
    ("rule_id", "post_start", "outcome", "text"),
    [
        ("R1", date(2024, 7, 1), Outcome.PASS, "sudah 24 bulan di jabatan sekarang (minimal 24 bulan)"),
        ("R1", date(2024, 7, 2), Outcome.FAIL, "baru 23 bulan di jabatan sekarang (minimal 24 bulan)"),
        ("R1", date(2025, 5, 1), Outcome.FAIL, "baru 14 bulan"),
        ("R1", None, Outcome.MISSING, "TMT jabatan sekarang belum tercatat"),
        ("R2", date(2021, 7, 1), Outcome.PASS, "60 bulan di jabatan sekarang (maksimal 60 bulan)"),
        ("R2", date(2021, 6, 1), Outcome.FAIL, "sudah 5 tahun 1 bulan di jabatan sekarang"),
        ("R2", date(2021, 6, 30), Outcome.PASS, "60 bulan"),  # 60 months and a day is still 60
        ("R2", date(2019, 7, 1), Outcome.FAIL, "wajib rotasi"),
        ("R2", None, Outcome.MISSING, "TMT"),
    ],
)
def test_tenure_rules_at_their_boundaries(
    rule_id: str, post_start: date | None, outcome: Outcome, text: str
) -> None:
    result = run(rule_id, with_c(post_start=post_start))
    assert (result.outcome, result.legal_basis) == (outcome, "PP 11/2017 Pasal 190 ayat (3)")
    assert text in result.message


def test_tenure_severities_are_hard_and_advisory() -> None:
    late = evaluate(with_c(post_start=date(2019, 1, 1)), SEAT, ON)
    assert late.result("R1").severity is Severity.HARD
    assert late.result("R2").severity is Severity.ADVISORY
    assert late.rotation_due
    assert late.eligible
    assert [r.rule_id for r in late.advisories] == ["R2"]


@pytest.mark.parametrize(
    ("rank", "low", "high", "outcome", "text"),
    [
        (33, 33, 34, Outcome.PASS, "pangkat III/c (Penata) dalam rentang jabatan III/c–III/d"),
        (34, 33, 34, Outcome.PASS, "dalam rentang"),
        (
            32,
            33,
            34,
            Outcome.FAIL,
            "pangkat III/b (Penata Muda Tingkat I) di bawah rentang jabatan III/c–III/d",
        ),
        (41, 33, 34, Outcome.FAIL, "di atas rentang"),
        (21, None, 24, Outcome.PASS, "dalam rentang jabatan —–II/d"),
        (None, 33, 34, Outcome.MISSING, "pangkat/golongan pegawai belum tercatat"),
        (None, None, None, Outcome.NOT_APPLICABLE, "tidak menetapkan rentang pangkat"),
    ],
)
def test_rank_must_lie_inside_the_position_range(
    rank: int | None, low: int | None, high: int | None, outcome: Outcome, text: str
) -> None:
    result = run("R4.pangkat", with_c(rank_code=rank), with_t(rank_min=low, rank_max=high))
    assert result.outcome is outcome
    assert text in result.message


@pytest.mark.parametrize(
    ("educations", "required", "outcome", "text"),
    [
        ((Education("S1"),), "D4", Outcome.PASS, "pendidikan S1 memenuhi syarat minimal D4"),
        ((Education("D4"),), "S1", Outcome.PASS, "D4 memenuhi"),  # D-IV and S1 are equivalent
        ((Education("D3"), Education("SMA")), "S1", Outcome.FAIL, "pendidikan D3 di bawah syarat minimal S1"),
        ((Education("SMA"), Education("S2")), "S1", Outcome.PASS, "S2 memenuhi"),  # the highest degree counts
        ((), "S1", Outcome.MISSING, "jenjang pendidikan pegawai belum tercatat"),
        ((Education("SMA"),), None, Outcome.NOT_APPLICABLE, "tidak menetapkan pendidikan minimal"),
    ],
)
def test_education_level(
    educations: tuple[Education, ...], required: str | None, outcome: Outcome, text: str
) -> None:
    result = run("R4.pendidikan", with_c(educations=educations), with_t(min_education_level=required))
    assert (result.outcome, result.severity) == (outcome, Severity.HARD)
    assert text in result.message


@pytest.mark.parametrize(
    ("educations", "outcome", "reason"),
    [
        ((PEMERINTAHAN,), Outcome.PASS, "bidang_sesuai"),
        ((HUKUM,), Outcome.PASS, "bidang_serumpun"),
        ((SIPIL, PEMERINTAHAN), Outcome.PASS, "bidang_sesuai"),  # any degree may match
        ((SIPIL,), Outcome.FAIL, "bidang_tidak_sesuai"),
        ((Education("S1"),), Outcome.MISSING, "data_belum_lengkap"),
    ],
)
def test_education_field_exact_same_rumpun_or_mismatch(
    educations: tuple[Education, ...], outcome: Outcome, reason: str
) -> None:
    result = run("R4.rumpun", with_c(educations=educations))
    assert (result.outcome, result.reason, result.severity) == (outcome, reason, Severity.SOFT)


def test_education_field_messages_name_the_fields() -> None:
    assert run("R4.rumpun", with_c(educations=(HUKUM,))).message == (
        "bidang pendidikan Ilmu Hukum serumpun (Ilmu Sosial dan Politik) dengan syarat (Ilmu Pemerintahan)"
    )
    assert run("R4.rumpun", with_c(educations=(SIPIL,))).message == (
        "bidang pendidikan Teknik Sipil tidak sesuai syarat (Ilmu Pemerintahan)"
    )
    no_field = with_t(accepted_field_ids=frozenset(), accepted_rumpun_ids=frozenset())
    assert run("R4.rumpun", target=no_field).outcome is Outcome.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("jpm", "outcome"), [(68.0, Outcome.PASS), (67.9, Outcome.FAIL), (None, Outcome.MISSING)]
)
def test_jpm_threshold_is_a_soft_rule(jpm: float | None, outcome: Outcome) -> None:
    result = run("R4.jpm", target=with_t(jpm=jpm))
    assert (result.outcome, result.severity) == (outcome, Severity.SOFT)


@pytest.mark.parametrize(
    ("status", "requires", "outcome"),
    [
        (EmploymentStatus.PNS, True, Outcome.PASS),
        (EmploymentStatus.PPPK, True, Outcome.FAIL),
        (EmploymentStatus.CPNS, True, Outcome.FAIL),
        (None, True, Outcome.MISSING),
        (EmploymentStatus.PPPK, False, Outcome.NOT_APPLICABLE),
    ],
)
def test_pns_status_for_posts_that_need_it(
    status: EmploymentStatus | None, requires: bool, outcome: Outcome
) -> None:
    assert run("R6.status_pns", with_c(status=status), with_t(requires_pns=requires)).outcome is outcome


@pytest.mark.parametrize(
    ("records", "outcome", "text"),
    [
        ({2025: B, 2024: B}, Outcome.PASS, "predikat SKP minimal Baik dalam 2 tahun terakhir"),
        ({2025: SB, 2024: B, 2023: BP}, Outcome.PASS, "minimal Baik"),  # 2023 is outside the window
        ({2025: BP, 2024: SB}, Outcome.FAIL, "predikat SKP Butuh Perbaikan (2025) di bawah Baik"),
        ({2025: B}, Outcome.MISSING, "SKP tahun 2024 belum tercatat"),
        ({}, Outcome.MISSING, "SKP tahun 2025, 2024 belum tercatat"),
        ({2024: BP}, Outcome.FAIL, "Butuh Perbaikan (2024)"),  # a known failure beats missing data
        ({2026: SB, 2025: B}, Outcome.MISSING, "2024"),  # the current year is not complete yet
    ],
)
def test_skp_at_least_baik_in_each_of_the_last_two_years(
    records: dict[int, Predikat], outcome: Outcome, text: str
) -> None:
    skp = tuple(SkpRecord(year, predikat) for year, predikat in records.items())
    result = run("R7", with_c(skp=skp))
    assert result.outcome is outcome
    assert text in result.message
    if outcome is Outcome.MISSING:
        assert result.missing
        assert result.reason == "data_belum_lengkap"


@pytest.mark.parametrize(
    ("own_request", "promotion", "severity"),
    [(False, False, Severity.SOFT), (True, False, Severity.HARD), (False, True, Severity.HARD)],
)
def test_skp_blocks_only_own_requests_and_promotions(
    own_request: bool, promotion: bool, severity: Severity
) -> None:
    result = run("R7", with_c(skp=()), with_t(own_request=own_request, promotion=promotion))
    assert result.severity is severity
    assert "R7:min_predikat@2019-08-01" in result.version
    assert "R7:years@2019-08-01" in result.version


@pytest.mark.parametrize(
    ("relatives", "target_changes", "outcome", "text"),
    [
        (frozenset({"rel1"}), {}, Outcome.PASS, "tidak ada kerabat"),
        (frozenset(), {}, Outcome.PASS, "tidak ada kerabat"),
        (frozenset({"lurah1"}), {}, Outcome.FAIL, "memimpin Kelurahan Ngesrep"),
        (frozenset({"camat1"}), {}, Outcome.FAIL, "memimpin Kecamatan Banyumanik (rantai komando"),
        (frozenset({"s9"}), {"subordinate_ids": frozenset({"s9"})}, Outcome.FAIL, "akan menjadi bawahan"),
        (None, {}, Outcome.MISSING, "pernyataan hubungan keluarga belum diisi"),
    ],
)
def test_conflict_of_interest_in_the_chain_of_command(
    relatives: frozenset[str] | None, target_changes: dict[str, Any], outcome: Outcome, text: str
) -> None:
    result = run("R3.relasi", with_c(relative_ids=relatives), with_t(**target_changes))
    assert (result.outcome, result.severity) == (outcome, Severity.HARD)
    assert text in result.message
    assert result.legal_basis == "PP 11/2017 Pasal 190 ayat (5)"


def test_a_vacant_head_seat_in_the_chain_is_no_conflict() -> None:
    chain = (ChainHead("u1", "Kelurahan Ngesrep", None),)
    assert run("R3.relasi", with_c(relative_ids=frozenset({"x"})), with_t(chain_heads=chain)).passed


@pytest.mark.parametrize(
    ("actors", "outcome", "reason"),
    [
        (frozenset({"ppk1"}), Outcome.PASS, "penilai_independen"),
        (frozenset({"e1", "ppk1"}), Outcome.FAIL, "menilai_sendiri"),
        (frozenset({"rel1"}), Outcome.FAIL, "kerabat_menilai"),
    ],
)
def test_the_employee_or_a_relative_may_not_assess_their_own_case(
    actors: frozenset[str], outcome: Outcome, reason: str
) -> None:
    result = run("R3.penilai", target=with_t(case_actor_ids=actors))
    assert (result.outcome, result.reason) == (outcome, reason)


@pytest.mark.parametrize(
    ("changes", "outcome", "text"),
    [
        ({}, Outcome.PASS, "tidak sedang menjalani hukuman"),
        (
            {"sanctions": (Sanction("sedang", Period(date(2026, 1, 1), date(2026, 12, 31))),)},
            Outcome.FAIL,
            "sedang menjalani hukuman disiplin tingkat sedang sampai 31 Desember 2026",
        ),
        (
            {"sanctions": (Sanction("ringan", Period(date(2025, 1, 1), date(2026, 6, 30))),)},
            Outcome.PASS,
            "tidak",
        ),
        ({"sanctions": (Sanction("berat", Period(date(2026, 7, 1))),)}, Outcome.FAIL, "tingkat berat"),
        ({"discipline_process": True}, Outcome.FAIL, "proses pemeriksaan disiplin"),
        ({"court_process": True}, Outcome.FAIL, "proses peradilan"),
    ],
)
def test_discipline_sanction_or_process_blocks(changes: dict[str, Any], outcome: Outcome, text: str) -> None:
    result = run("R6.disiplin", with_c(**changes))
    assert (result.outcome, result.severity) == (outcome, Severity.HARD)
    assert text in result.message


@pytest.mark.parametrize(
    ("changes", "outcome", "text"),
    [
        ({}, Outcome.PASS, "tidak sedang tugas belajar"),
        (
            {"study_leave": (Period(date(2025, 9, 1), date(2027, 8, 31)),)},
            Outcome.FAIL,
            "sampai 31 Agustus 2027",
        ),
        ({"study_leave": (Period(date(2024, 9, 1), date(2026, 6, 30)),)}, Outcome.PASS, "tidak"),
        ({"ikatan_dinas_until": date(2026, 7, 1)}, Outcome.FAIL, "ikatan dinas sampai 1 Juli 2026"),
        ({"ikatan_dinas_until": date(2026, 6, 30)}, Outcome.PASS, "tidak"),
    ],
)
def test_study_leave_and_ikatan_dinas_block(changes: dict[str, Any], outcome: Outcome, text: str) -> None:
    result = run("R6.tugas_belajar", with_c(**changes))
    assert result.outcome is outcome
    assert text in result.message


@pytest.mark.parametrize(
    ("mutation_type", "finding", "outcome"),
    [
        (MutationType.A_INTRA, None, Outcome.NOT_APPLICABLE),
        (MutationType.B_INTER_KABKOTA_SAME_PROV, None, Outcome.MISSING),
        (MutationType.B_INTER_KABKOTA_SAME_PROV, True, Outcome.FAIL),
        (MutationType.C_INTER_PROV, False, Outcome.PASS),
    ],
)
def test_audit_clearance_per_mutation_type(
    mutation_type: MutationType, finding: bool | None, outcome: Outcome
) -> None:
    result = run("R6.temuan", with_c(audit_finding=finding), with_t(mutation_type=mutation_type))
    assert result.outcome is outcome


@pytest.mark.parametrize(
    ("rule_id", "candidate", "target", "outcome", "text"),
    [
        ("R8.asal", {"origin_abk": AbkStatus(2, 3)}, {}, Outcome.PASS, "tetap terisi 2 dari kebutuhan 2"),
        ("R8.asal", {"origin_abk": AbkStatus(3, 3)}, {}, Outcome.FAIL, "akan terisi 2 dari kebutuhan 3"),
        (
            "R8.asal",
            {"origin_abk": AbkStatus(3, 3)},
            {"abk_justification": "penataan"},
            Outcome.PASS,
            "justifikasi",
        ),
        ("R8.asal", {"origin_abk": None}, {}, Outcome.MISSING, "ABK jabatan asal"),
        ("R8.formasi", {}, {"target_abk": AbkStatus(2, 1)}, Outcome.PASS, "masih ada formasi"),
        ("R8.formasi", {}, {"target_abk": AbkStatus(2, 2)}, Outcome.FAIL, "tidak ada formasi"),
        ("R8.formasi", {}, {"target_abk": None}, Outcome.MISSING, "ABK Kasi Pemerintahan"),
    ],
)
def test_abk_checks_warn(
    rule_id: str, candidate: dict[str, Any], target: dict[str, Any], outcome: Outcome, text: str
) -> None:
    result = run(rule_id, with_c(**candidate), with_t(**target))
    assert (result.outcome, result.severity) == (outcome, Severity.SOFT)
    assert text in result.message


PILKADA = BlackoutWindow(
    window_id="pilkada-2029",
    name="Masa pilkada 2029",
    period=Period(date(2026, 3, 1), date(2026, 9, 30)),
    covered_kinds=frozenset({PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS}),
    required_approval="mendagri",
    approval_label="persetujuan tertulis Mendagri",
    legal_basis="UU 10/2016 Pasal 71 ayat (2)",
)
WINDOW_BOOK = RuleBook(DEFAULT_RULE_PARAMETERS, windows=(PILKADA,))


@pytest.mark.parametrize(
    ("on", "target", "candidate", "outcome"),
    [
        (ON, {}, {}, Outcome.FAIL),  # into a covered post
        (date(2026, 3, 1), {}, {}, Outcome.FAIL),  # first day
        (date(2026, 9, 30), {}, {}, Outcome.FAIL),  # last day
        (date(2026, 10, 1), {}, {}, Outcome.PASS),
        (date(2026, 2, 28), {}, {}, Outcome.PASS),
        (ON, {"approvals": frozenset({"mendagri"})}, {}, Outcome.PASS),
        (ON, {"position_kind": PositionKind.PELAKSANA}, {}, Outcome.PASS),
        (
            ON,
            {"position_kind": PositionKind.PELAKSANA},
            {"current_position_kind": PositionKind.PENGAWAS},
            Outcome.FAIL,
        ),
        (
            ON,
            {"position_kind": PositionKind.FUNGSIONAL_KEAHLIAN, "has_additional_duty": True},
            {},
            Outcome.FAIL,
        ),
    ],
)
def test_blackout_windows_are_date_data(
    on: date, target: dict[str, Any], candidate: dict[str, Any], outcome: Outcome
) -> None:
    result = run("R9", with_c(**candidate), with_t(**target), on=on, book=WINDOW_BOOK)
    assert (result.outcome, result.severity) == (outcome, Severity.HARD)


def test_a_blackout_result_cites_the_window() -> None:
    result = run("R9", book=WINDOW_BOOK)
    assert result.message == (
        "dalam masa larangan: Masa pilkada 2029 (1 Maret 2026 s.d. 30 September 2026) "
        "memerlukan persetujuan tertulis Mendagri"
    )
    assert result.legal_basis == "UU 10/2016 Pasal 71 ayat (2)"
    assert result.version.endswith("R9:window/pilkada-2029")
    assert run("R9").outcome is Outcome.PASS  # no windows entered
