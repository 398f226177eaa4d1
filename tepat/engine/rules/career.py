"""Rules on the career record: tenure (R1, R2), rank, education, JPM (R4), PNS status (R6), SKP (R7)."""

from __future__ import annotations

from datetime import date

from tepat.engine.reference import EDUCATION_ORDER, PREDIKAT_ORDER, RANK_BY_CODE, EmploymentStatus
from tepat.engine.rules.base import check
from tepat.engine.rules.dates import format_months, whole_months_between
from tepat.engine.rules.model import CandidateFacts, Education, RuleResult, Severity, TargetFacts
from tepat.engine.rules.parameters import RuleBook


def months_in_post(candidate: CandidateFacts, on: date) -> int | None:
    return None if candidate.post_start is None else whole_months_between(candidate.post_start, on)


def min_tenure(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R1", "min_months_in_post", Severity.HARD)
    months, minimum = months_in_post(candidate, on), int(rule.number())
    if months is None:
        return rule.missing(("tmt_jabatan",), "TMT jabatan sekarang belum tercatat")
    if months < minimum:
        return rule.failed(
            "masa_jabatan_kurang", f"baru {months} bulan di jabatan sekarang (minimal {minimum} bulan)"
        )
    return rule.passed(
        "masa_jabatan_cukup", f"sudah {months} bulan di jabatan sekarang (minimal {minimum} bulan)"
    )


def max_tenure(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R2", "max_months_in_post", Severity.ADVISORY)
    months, maximum = months_in_post(candidate, on), int(rule.number())
    if months is None:
        return rule.missing(("tmt_jabatan",), "TMT jabatan sekarang belum tercatat")
    if months > maximum:
        return rule.failed(
            "wajib_rotasi",
            f"sudah {format_months(months)} di jabatan sekarang (lebih dari {maximum} bulan): wajib rotasi",
        )
    return rule.passed("dalam_batas_rotasi", f"{months} bulan di jabatan sekarang (maksimal {maximum} bulan)")


def _golongan(code: int) -> str:
    rank = RANK_BY_CODE.get(code)
    return f"{rank.golongan} ({rank.pangkat})" if rank else f"kode {code}"


def _range_label(low: int | None, high: int | None) -> str:
    low_label = RANK_BY_CODE[low].golongan if low in RANK_BY_CODE else "—"
    high_label = RANK_BY_CODE[high].golongan if high in RANK_BY_CODE else "—"
    return f"{low_label}–{high_label}"


def rank_in_range(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R4.pangkat", "check_rank_range", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    if target.rank_min is None and target.rank_max is None:
        return rule.not_applicable(
            "tanpa_rentang", f"{target.position_name} tidak menetapkan rentang pangkat"
        )
    if candidate.rank_code is None:
        return rule.missing(("pangkat",), "pangkat/golongan pegawai belum tercatat")
    span = _range_label(target.rank_min, target.rank_max)
    label = _golongan(candidate.rank_code)
    if target.rank_min is not None and candidate.rank_code < target.rank_min:
        return rule.failed("pangkat_di_bawah", f"pangkat {label} di bawah rentang jabatan {span}")
    if target.rank_max is not None and candidate.rank_code > target.rank_max:
        return rule.failed("pangkat_di_atas", f"pangkat {label} di atas rentang jabatan {span}")
    return rule.passed("pangkat_sesuai", f"pangkat {label} dalam rentang jabatan {span}")


def highest_education(educations: tuple[Education, ...]) -> Education | None:
    known = [e for e in educations if e.level in EDUCATION_ORDER]
    return max(known, key=lambda e: EDUCATION_ORDER[e.level]) if known else None


def education_level(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R4.pendidikan", "check_education_level", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    required = target.min_education_level
    if required is None:
        return rule.not_applicable(
            "tanpa_syarat", f"{target.position_name} tidak menetapkan pendidikan minimal"
        )
    best = highest_education(candidate.educations)
    if best is None:
        return rule.missing(("pendidikan",), "jenjang pendidikan pegawai belum tercatat")
    if EDUCATION_ORDER[best.level] < EDUCATION_ORDER[required]:
        return rule.failed("pendidikan_kurang", f"pendidikan {best.level} di bawah syarat minimal {required}")
    return rule.passed("pendidikan_cukup", f"pendidikan {best.level} memenuhi syarat minimal {required}")


def _field_match(educations: tuple[Education, ...], target: TargetFacts) -> tuple[str, Education] | None:
    """Best match over all degrees: an exact field first, then the same rumpun."""
    for education in educations:
        if education.field_id in target.accepted_field_ids:
            return "sesuai", education
    for education in educations:
        if education.rumpun_id is not None and education.rumpun_id in target.accepted_rumpun_ids:
            return "serumpun", education
    return None


def education_field(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R4.rumpun", "accept_same_rumpun", Severity.SOFT)
    if not target.accepted_field_ids and not target.accepted_rumpun_ids:
        return rule.not_applicable(
            "tanpa_syarat", f"{target.position_name} tidak menetapkan bidang pendidikan"
        )
    recorded = tuple(e for e in candidate.educations if e.field_id is not None)
    if not recorded:
        return rule.missing(("bidang_pendidikan",), "bidang pendidikan pegawai belum tercatat")
    wanted = target.field_requirement_label or "syarat jabatan"
    match = _field_match(recorded, target)
    if match and match[0] == "sesuai":
        return rule.passed(
            "bidang_sesuai", f"bidang pendidikan {match[1].field_name} sesuai syarat ({wanted})"
        )
    if match and rule.enabled:
        edu = match[1]
        text = f"bidang pendidikan {edu.field_name} serumpun ({edu.rumpun_name}) dengan syarat ({wanted})"
        return rule.passed("bidang_serumpun", text)
    names = ", ".join(e.field_name for e in recorded)
    return rule.failed("bidang_tidak_sesuai", f"bidang pendidikan {names} tidak sesuai syarat ({wanted})")


def jpm_threshold(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R4.jpm", "jpm_min", Severity.SOFT)
    minimum = rule.number()
    if target.jpm is None:
        return rule.missing(("asesmen_kompetensi",), "belum ada hasil asesmen kompetensi untuk jabatan ini")
    if target.jpm < minimum:
        return rule.failed("jpm_kurang", f"JPM {target.jpm:.0f}% di bawah batas {minimum:.0f}%")
    return rule.passed("jpm_cukup", f"JPM {target.jpm:.0f}% memenuhi batas {minimum:.0f}%")


def pns_status(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R6.status_pns", "check_pns_status", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    if not target.requires_pns:
        return rule.not_applicable(
            "tidak_disyaratkan", f"{target.position_name} tidak mensyaratkan status PNS"
        )
    if candidate.status is None:
        return rule.missing(("status_kepegawaian",), "status kepegawaian belum tercatat")
    if candidate.status is not EmploymentStatus.PNS:
        return rule.failed("bukan_pns", f"berstatus {candidate.status.value}, jabatan ini mensyaratkan PNS")
    return rule.passed("pns", "berstatus PNS")


def skp_record(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    """Predikat at least the minimum in each of the last N *completed* years (SKP is annual)."""
    severity = Severity.HARD if target.own_request or target.promotion else Severity.SOFT
    rule = check(book, on, "R7", "min_predikat", severity)
    years_rule = check(book, on, "R7", "years", severity)
    rule = rule.also_using(years_rule.row)
    minimum = rule.choice(PREDIKAT_ORDER)
    years = [on.year - k for k in range(1, int(years_rule.number()) + 1)]
    by_year = {record.year: record.predikat for record in candidate.skp}
    below = [
        f"{by_year[y].value} ({y})"
        for y in years
        if y in by_year and PREDIKAT_ORDER[by_year[y]] < PREDIKAT_ORDER[minimum]
    ]
    if below:
        return rule.failed("skp_kurang", f"predikat SKP {', '.join(below)} di bawah {minimum}")
    absent = [y for y in years if y not in by_year]
    if absent:
        listed = ", ".join(str(y) for y in absent)
        return rule.missing(tuple(f"skp_{y}" for y in absent), f"SKP tahun {listed} belum tercatat")
    return rule.passed("skp_cukup", f"predikat SKP minimal {minimum} dalam {len(years)} tahun terakhir")
