"""Eligibility rules: every rule passing and failing, boundaries, missing data, rule versions by date."""

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.reference import EmploymentStatus, PositionKind, Predikat
from tepat.engine.rules import (
    DEFAULT_RULE_BOOK,
    DEFAULT_RULE_PARAMETERS,
    RULES,
    AbkStatus,
    BlackoutWindow,
    CandidateFacts,
    ChainHead,
    Education,
    MutationType,
    Outcome,
    Override,
    Period,
    RuleBook,
    RuleParameter,
    RuleStatus,
    Sanction,
    ScreeningInput,
    Severity,
    SkpRecord,
    TargetFacts,
    Verdict,
    education_orders,
    evaluate,
    overlapping_versions,
    screen,
    whole_months_between,
    whole_months_between_array,
)

ON = date(2026, 7, 1)
PEMERINTAHAN = Education("S1", "ip", "Ilmu Pemerintahan", "sospol", "Ilmu Sosial dan Politik")
HUKUM = Education("S1", "hk", "Ilmu Hukum", "sospol", "Ilmu Sosial dan Politik")
SIPIL = Education("S1", "ts", "Teknik Sipil", "teknik", "Teknik")

GOOD = CandidateFacts(
    employee_id="e1",
    status=EmploymentStatus.PNS,
    rank_code=33,
    post_start=date(2023, 7, 1),  # 36 months on ON
    current_position_kind=PositionKind.PELAKSANA,
    educations=(PEMERINTAHAN,),
    relative_ids=frozenset({"rel1"}),
    audit_finding=False,
    skp=(SkpRecord(2025, Predikat.BAIK), SkpRecord(2024, Predikat.SANGAT_BAIK)),
    origin_abk=AbkStatus(kebutuhan=2, bezetting=3),
)
SEAT = TargetFacts(
    position_id="p1",
    position_name="Kasi Pemerintahan",
    unit_name="Kelurahan Ngesrep",
    position_kind=PositionKind.PENGAWAS,
    rank_min=33,
    rank_max=34,
    min_education_level="D4",
    accepted_field_ids=frozenset({"ip"}),
    accepted_rumpun_ids=frozenset({"sospol"}),
    field_requirement_label="Ilmu Pemerintahan",
    chain_heads=(
        ChainHead("u1", "Kelurahan Ngesrep", "lurah1"),
        ChainHead("u0", "Kecamatan Banyumanik", "camat1"),
    ),
    case_actor_ids=frozenset({"ppk1", "tim1"}),
    jpm=85.0,
    target_abk=AbkStatus(kebutuhan=1, bezetting=0),
)


def run(rule_id: str, candidate: CandidateFacts = GOOD, target: TargetFacts = SEAT, **kw: Any) -> Any:
    book = kw.pop("book", DEFAULT_RULE_BOOK)
    return evaluate(candidate, target, kw.pop("on", ON), book).result(rule_id)


def with_c(**changes: Any) -> CandidateFacts:
    return replace(GOOD, **changes)


def with_t(**changes: Any) -> TargetFacts:
    return replace(SEAT, **changes)


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


B, SB, BP = Predikat.BAIK, Predikat.SANGAT_BAIK, Predikat.BUTUH_PERBAIKAN


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


def row(value: Any, start: date, end: date | None = None, instansi: str = "") -> RuleParameter:
    return RuleParameter(
        "R1", "min_months_in_post", value, "bulan", "PP baru", RuleStatus.UNCONFIRMED, start, end, instansi
    )


VERSIONED = RuleBook(
    (
        *tuple(r for r in DEFAULT_RULE_PARAMETERS if r.rule_id != "R1"),
        row(24, date(2017, 4, 7), date(2026, 6, 30)),
        row(36, date(2026, 7, 1)),
    )
)


@pytest.mark.parametrize(
    ("on", "minimum", "version"),
    [
        (date(2026, 6, 30), 24, "R1:min_months_in_post@2017-04-07"),
        (date(2026, 7, 1), 36, "R1:min_months_in_post@2026-07-01"),
    ],
)
def test_the_version_in_force_on_the_reference_date_is_used(on: date, minimum: int, version: str) -> None:
    result = run("R1", with_c(post_start=date(2023, 7, 1)), on=on, book=VERSIONED)
    assert f"(minimal {minimum} bulan)" in result.message
    assert result.version == version


def test_an_instansi_row_beats_the_general_row() -> None:
    book = RuleBook((*VERSIONED.parameters, row(12, date(2020, 1, 1), instansi="3374")), instansi="3374")
    assert book.resolve("R1", "min_months_in_post", ON).value == 12
    assert VERSIONED.resolve("R1", "min_months_in_post", ON).value == 36


def test_no_version_in_force_is_a_named_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        VERSIONED.resolve("R1", "min_months_in_post", date(2010, 1, 1))
    assert caught.value.problems[0].line() == (
        "error: params.R1.min_months_in_post: tidak ada versi yang berlaku pada 1 Januari 2010"
    )


def test_overlapping_versions_are_reported() -> None:
    assert overlapping_versions(VERSIONED.parameters) == []
    clash = (row(24, date(2017, 4, 7)), row(36, date(2026, 7, 1)))
    assert [p.path for p in overlapping_versions(clash)] == ["params.R1.min_months_in_post"]


def test_the_seed_table_covers_every_rule_with_a_legal_basis() -> None:
    assert overlapping_versions(DEFAULT_RULE_PARAMETERS) == []
    assert all(r.legal_basis and r.effective_to is None for r in DEFAULT_RULE_PARAMETERS)
    results = evaluate(GOOD, SEAT, ON).results
    assert len(results) == len(RULES)
    assert all(r.legal_basis and r.version for r in results)


def test_a_rule_switched_off_by_rule_data_does_not_apply() -> None:
    rows = tuple(replace(r, value=False) if r.rule_id == "R4.pangkat" else r for r in DEFAULT_RULE_PARAMETERS)
    result = run("R4.pangkat", with_c(rank_code=11), book=RuleBook(rows))
    assert (result.outcome, result.reason) == (Outcome.NOT_APPLICABLE, "dinonaktifkan")


def test_same_rumpun_fails_once_rule_data_stops_accepting_it() -> None:
    rows = tuple(replace(r, value=False) if r.rule_id == "R4.rumpun" else r for r in DEFAULT_RULE_PARAMETERS)
    assert run("R4.rumpun", with_c(educations=(HUKUM,)), book=RuleBook(rows)).outcome is Outcome.FAIL


def test_a_clean_candidate_is_eligible_and_complete() -> None:
    result = evaluate(GOOD, SEAT, ON)
    assert (result.eligible, result.complete, result.verdict) == (True, True, Verdict.ELIGIBLE)
    assert result.failures == result.warnings == result.missing == ()


def test_failures_warnings_and_missing_data_are_listed_apart() -> None:
    candidate = with_c(post_start=date(2025, 5, 1), educations=(SIPIL,), skp=(SkpRecord(2025, B),))
    result = evaluate(candidate, SEAT, ON)
    assert [r.rule_id for r in result.failures] == ["R1"]
    assert [r.rule_id for r in result.warnings] == ["R4.rumpun"]
    assert [r.rule_id for r in result.missing] == ["R7"]
    assert (result.eligible, result.verdict) == (False, Verdict.NOT_ELIGIBLE)


def test_missing_data_alone_makes_the_verdict_incomplete_not_ineligible() -> None:
    result = evaluate(with_c(skp=()), SEAT, ON)
    assert (result.eligible, result.complete, result.verdict) == (True, False, Verdict.INCOMPLETE)


def test_an_authorised_override_lifts_a_hard_failure_but_keeps_it_visible() -> None:
    override = Override("R1", "penataan organisasi", "ppk1", date(2026, 6, 20))
    result = evaluate(with_c(post_start=date(2025, 5, 1)), SEAT, ON, overrides=[override])
    assert result.eligible
    assert result.result("R1").outcome is Outcome.FAIL
    assert result.result("R1").override == override


@pytest.mark.parametrize(("approver", "reason"), [("e1", "alasan"), ("rel1", "alasan"), ("ppk1", "  ")])
def test_an_override_by_the_employee_a_relative_or_without_reason_is_refused(
    approver: str, reason: str
) -> None:
    with pytest.raises(InvalidInput):
        evaluate(GOOD, SEAT, ON, overrides=[Override("R1", reason, approver, ON)])


def test_screening_agrees_with_the_scalar_rules() -> None:
    rng = np.random.default_rng(7)
    ranks = np.array([0, 21, 24, 31, 32, 33, 34, 41])
    levels = [None, "SMA", "D3", "D4", "S1", "S2"]
    candidates = [
        with_c(
            post_start=None
            if k % 11 == 0
            else date(2019, 1, 1) + (date(2026, 6, 1) - date(2019, 1, 1)) * rng.random(),
            rank_code=int(rng.choice(ranks)) or None,
            educations=() if (lv := levels[k % len(levels)]) is None else (Education(lv),),
        )
        for k in range(60)
    ]
    targets = [
        with_t(rank_min=lo, rank_max=hi, min_education_level=edu)
        for lo, hi, edu in [(33, 34, "D4"), (None, 24, "SMA"), (None, None, None), (31, None, "S2")]
    ]
    data = ScreeningInput(
        post_start=np.array([c.post_start or "NaT" for c in candidates], dtype="datetime64[D]"),
        rank_code=np.array([c.rank_code or 0 for c in candidates]),
        education_order=education_orders(
            [c.educations[0].level if c.educations else None for c in candidates]
        ),
        rank_min=np.array([t.rank_min or 0 for t in targets]),
        rank_max=np.array([t.rank_max or 0 for t in targets]),
        min_education_order=education_orders([t.min_education_level for t in targets]),
    )
    screened = screen(data, ON)
    for i, candidate in enumerate(candidates):
        for j, target in enumerate(targets):
            full = evaluate(candidate, target, ON)
            hard = [full.result(r) for r in ("R1", "R4.pangkat", "R4.pendidikan")]
            assert screened.fails[i, j] == any(r.outcome is Outcome.FAIL for r in hard), (i, j)
            assert screened.incomplete[i, j] == any(r.outcome is Outcome.MISSING for r in hard), (i, j)
        assert screened.rotation_due[i] == full.rotation_due


def test_screening_rejects_mismatched_shapes() -> None:
    data = ScreeningInput(
        post_start=np.array(["2020-01-01"], dtype="datetime64[D]"),
        rank_code=np.array([31, 32]),
        education_order=np.array([7]),
        rank_min=np.array([0]),
        rank_max=np.array([0, 0]),
        min_education_order=np.array([0]),
    )
    with pytest.raises(InvalidInput) as caught:
        screen(data, ON)
    assert [p.path for p in caught.value.problems] == ["rank_code", "rank_max"]


@pytest.mark.parametrize(
    ("rule_id", "parameter", "value", "message"),
    [
        ("R1", "min_months_in_post", "dua tahun", "harus berupa angka"),
        ("R1", "min_months_in_post", True, "harus berupa angka"),
        ("R7", "min_predikat", "Bagus", "harus salah satu dari: Sangat Kurang"),
        ("R6.temuan", "required_for_types", "B_INTER_KABKOTA_SAME_PROV", "harus berupa daftar"),
    ],
)
def test_a_malformed_rule_value_is_a_named_error(
    rule_id: str, parameter: str, value: Any, message: str
) -> None:
    rows = tuple(
        replace(r, value=value) if (r.rule_id, r.parameter) == (rule_id, parameter) else r
        for r in DEFAULT_RULE_PARAMETERS
    )
    target = with_t(mutation_type=MutationType.C_INTER_PROV)
    with pytest.raises(InvalidInput) as caught:
        evaluate(GOOD, target, ON, RuleBook(rows))
    problem = caught.value.problems[0]
    assert problem.path == f"params.{rule_id}.{parameter}"
    assert problem.message.startswith(message)
