"""Rules on integrity and timing: conflict of interest (R3), discipline and study leave (R6), ABK (R8),
blackout windows (R9)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from tepat.engine.rules.base import check
from tepat.engine.rules.dates import format_date
from tepat.engine.rules.model import BlackoutWindow, CandidateFacts, RuleResult, Severity, TargetFacts
from tepat.engine.rules.parameters import RuleBook


def relatives_in_chain(
    candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook
) -> RuleResult:
    rule = check(book, on, "R3.relasi", "check_chain_of_command", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    relatives = candidate.relative_ids
    if relatives is None:
        return rule.missing(("deklarasi_kerabat",), "pernyataan hubungan keluarga belum diisi")
    heads = [head for head in target.chain_heads if head.head_employee_id in relatives]
    if heads:
        units = ", ".join(head.unit_name for head in heads)
        return rule.failed(
            "kerabat_atasan", f"kerabat yang dideklarasikan memimpin {units} (rantai komando unit tujuan)"
        )
    if relatives & target.subordinate_ids:
        return rule.failed(
            "kerabat_bawahan", f"kerabat yang dideklarasikan akan menjadi bawahan di {target.unit_name}"
        )
    return rule.passed("tanpa_kerabat", "tidak ada kerabat dalam rantai komando unit tujuan")


def own_case(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R3.penilai", "check_own_case", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    if candidate.employee_id in target.case_actor_ids:
        return rule.failed(
            "menilai_sendiri", "pegawai tercatat sebagai penilai atau pemberi persetujuan usulannya sendiri"
        )
    if candidate.relative_ids and candidate.relative_ids & target.case_actor_ids:
        return rule.failed(
            "kerabat_menilai", "kerabat pegawai tercatat sebagai penilai atau pemberi persetujuan"
        )
    return rule.passed(
        "penilai_independen", "penilai dan pemberi persetujuan bukan pegawai sendiri atau kerabatnya"
    )


def _discipline_reason(candidate: CandidateFacts, on: date) -> str | None:
    active = [s for s in candidate.sanctions if s.period.covers(on)]
    if active:
        sanction = active[0]
        until = f" sampai {format_date(sanction.period.end)}" if sanction.period.end else ""
        return f"sedang menjalani hukuman disiplin tingkat {sanction.level}{until}"
    if candidate.discipline_process:
        return "sedang dalam proses pemeriksaan disiplin"
    if candidate.court_process:
        return "sedang dalam proses peradilan"
    return None


def discipline(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R6.disiplin", "check_discipline", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    reason = _discipline_reason(candidate, on)
    if reason:
        return rule.failed("disiplin", reason)
    return rule.passed(
        "bebas_disiplin", "tidak sedang menjalani hukuman atau proses disiplin maupun peradilan"
    )


def study_leave(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R6.tugas_belajar", "check_study_leave", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    leave = next((p for p in candidate.study_leave if p.covers(on)), None)
    if leave is not None:
        until = f" sampai {format_date(leave.end)}" if leave.end else ""
        return rule.failed("tugas_belajar", f"sedang menjalani tugas belajar{until}")
    if candidate.ikatan_dinas_until is not None and on <= candidate.ikatan_dinas_until:
        return rule.failed(
            "ikatan_dinas", f"masih terikat ikatan dinas sampai {format_date(candidate.ikatan_dinas_until)}"
        )
    return rule.passed("bebas_tugas_belajar", "tidak sedang tugas belajar dan tidak terikat ikatan dinas")


def audit_clearance(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R6.temuan", "required_for_types", Severity.HARD)
    if not isinstance(rule.value, list | tuple):
        raise rule.bad_value("harus berupa daftar jenis mutasi")
    required_for = rule.value
    if target.mutation_type.value not in required_for:
        return rule.not_applicable(
            "tidak_disyaratkan", "surat bebas temuan tidak disyaratkan untuk jenis mutasi ini"
        )
    if candidate.audit_finding is None:
        return rule.missing(("surat_bebas_temuan",), "surat keterangan bebas temuan Inspektorat belum ada")
    if candidate.audit_finding:
        return rule.failed("ada_temuan", "masih ada temuan Inspektorat yang belum diselesaikan")
    return rule.passed("bebas_temuan", "bebas temuan Inspektorat")


def origin_staffing(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R8.asal", "allow_with_justification", Severity.SOFT)
    abk = candidate.origin_abk
    if abk is None:
        return rule.missing(("abk_asal",), "data ABK jabatan asal belum tersedia")
    after = abk.bezetting - 1
    if after >= abk.kebutuhan:
        return rule.passed("asal_cukup", f"jabatan asal tetap terisi {after} dari kebutuhan {abk.kebutuhan}")
    shortfall = f"jabatan asal akan terisi {after} dari kebutuhan {abk.kebutuhan}"
    if rule.enabled and target.abk_justification:
        return rule.passed(
            "asal_kurang_dijustifikasi", f"{shortfall}; ada justifikasi: {target.abk_justification}"
        )
    return rule.failed("asal_kurang", shortfall)


def target_formation(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    rule = check(book, on, "R8.formasi", "check_target_formation", Severity.SOFT)
    if not rule.enabled:
        return rule.disabled()
    abk = target.target_abk
    if abk is None:
        return rule.missing(("abk_tujuan",), f"data ABK {target.position_name} belum tersedia")
    filled = f"{target.position_name} sudah terisi {abk.bezetting} dari kebutuhan {abk.kebutuhan}"
    if abk.bezetting + 1 > abk.kebutuhan:
        return rule.failed("tanpa_formasi", f"{filled}: tidak ada formasi")
    return rule.passed("ada_formasi", f"{filled}: masih ada formasi")


def _window_applies(window: BlackoutWindow, candidate: CandidateFacts, target: TargetFacts) -> bool:
    """A window covers a move into *or out of* a covered post: both replace an official."""
    return (
        target.position_kind in window.covered_kinds
        or candidate.current_position_kind in window.covered_kinds
        or (
            window.covers_additional_duty
            and (target.has_additional_duty or candidate.current_has_additional_duty)
        )
    )


def _window_text(window: BlackoutWindow) -> str:
    end = format_date(window.period.end) if window.period.end else "akhir masa jabatan"
    return f"{window.name} ({format_date(window.period.start)} s.d. {end}) memerlukan {window.approval_label}"


def blackout(candidate: CandidateFacts, target: TargetFacts, on: date, book: RuleBook) -> RuleResult:
    """The legal basis of a window result is the window's own (it is entered per election cycle)."""
    rule = check(book, on, "R9", "check_blackout_windows", Severity.HARD)
    if not rule.enabled:
        return rule.disabled()
    windows = [w for w in book.windows_on(on) if _window_applies(w, candidate, target)]
    if not windows:
        return rule.passed(
            "di_luar_masa_larangan", f"{format_date(on)} di luar masa larangan penggantian pejabat"
        )
    blocked = [w for w in windows if w.required_approval not in target.approvals]
    shown = blocked or windows
    if blocked:
        result = rule.failed("masa_larangan", "dalam masa larangan: " + "; ".join(map(_window_text, blocked)))
    else:
        labels = ", ".join(w.approval_label for w in windows)
        result = rule.passed("masa_larangan_disetujui", f"dalam masa larangan, {labels} sudah tercatat")
    return replace(
        result,
        legal_basis="; ".join(dict.fromkeys(w.legal_basis for w in shown)),
        version=", ".join([result.version, *(f"R9:window/{w.window_id}" for w in shown)]),
    )
