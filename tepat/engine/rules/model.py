"""Inputs and outputs of the eligibility rules (DOMAIN.md §1, §11): frozen facts in, frozen results out.

The Django services build `CandidateFacts` and `TargetFacts` from rows; nothing here reads a database.
`None` always means "not recorded", which the rules report as missing data rather than guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tepat.engine.reference import EmploymentStatus, PositionKind, Predikat


class Severity(StrEnum):
    HARD = "hard"  # blocks the move unless an authorised override is recorded
    SOFT = "soft"  # warns; the move may go ahead
    ADVISORY = "advisory"  # informs (e.g. "wajib rotasi"); never blocks


class Outcome(StrEnum):
    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    MISSING = "missing"  # "data belum lengkap": neither a pass nor a fail
    NOT_APPLICABLE = "not_applicable"  # the rule does not apply to this move (or is switched off)


class RuleStatus(StrEnum):
    """DOMAIN.md status legend: confirmed in a source, established practice, unconfirmed."""

    CONFIRMED = "C"
    PRACTICE = "P"
    UNCONFIRMED = "U"


class MutationType(StrEnum):
    """Peraturan BKN 5/2019 Pasal 2 ayat (3) (DOMAIN.md §1.3)."""

    A_INTRA = "A_INTRA"
    B_INTER_KABKOTA_SAME_PROV = "B_INTER_KABKOTA_SAME_PROV"
    C_INTER_PROV = "C_INTER_PROV"
    D_DAERAH_PUSAT = "D_DAERAH_PUSAT"
    E_INTER_PUSAT = "E_INTER_PUSAT"
    F_ABROAD = "F_ABROAD"


@dataclass(frozen=True)
class Period:
    """A closed date range; `end=None` means open-ended (e.g. a sanction until revoked)."""

    start: date
    end: date | None = None

    def covers(self, on: date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Education:
    level: str  # an EducationLevel value ("S1", "D4", …)
    field_id: str | None = None  # programme of study (prodi / jurusan)
    field_name: str = ""
    rumpun_id: str | None = None  # the family of fields the programme belongs to
    rumpun_name: str = ""


@dataclass(frozen=True)
class Sanction:
    level: str  # ringan | sedang | berat (PP 94/2021)
    period: Period
    description: str = ""


@dataclass(frozen=True)
class SkpRecord:
    year: int
    predikat: Predikat


@dataclass(frozen=True)
class AbkStatus:
    """Headcount of one position today (ANJAB/ABK, DOMAIN.md §8): ASN present vs required."""

    kebutuhan: int
    bezetting: int


@dataclass(frozen=True)
class ChainHead:
    """The head of the target unit or of one of its ancestors, nearest first."""

    unit_id: str
    unit_name: str
    head_employee_id: str | None  # None: the seat is vacant


@dataclass(frozen=True)
class CandidateFacts:
    employee_id: str
    status: EmploymentStatus | None
    rank_code: int | None  # RANKS code, 11 = I/a … 45 = IV/e
    post_start: date | None  # TMT of the current post
    current_position_kind: PositionKind | None = None
    current_has_additional_duty: bool = False  # JF with tugas tambahan (kepala puskesmas/sekolah)
    educations: tuple[Education, ...] = ()
    relative_ids: frozenset[str] | None = None  # declared relatives; None = no declaration on file
    sanctions: tuple[Sanction, ...] = ()
    discipline_process: bool = False
    court_process: bool = False
    study_leave: tuple[Period, ...] = ()  # tugas belajar
    ikatan_dinas_until: date | None = None
    audit_finding: bool | None = None  # open Inspektorat finding; None = no surat bebas temuan yet
    skp: tuple[SkpRecord, ...] = ()
    origin_abk: AbkStatus | None = None  # the current position's headcount, before the move


@dataclass(frozen=True)
class TargetFacts:
    """The target post *for this candidate's move*: position facts plus the facts of the move itself."""

    position_id: str
    position_name: str
    unit_name: str
    position_kind: PositionKind
    has_additional_duty: bool = False
    rank_min: int | None = None
    rank_max: int | None = None
    min_education_level: str | None = None
    accepted_field_ids: frozenset[str] = frozenset()  # empty: no field requirement
    accepted_rumpun_ids: frozenset[str] = frozenset()
    field_requirement_label: str = ""  # e.g. "Ilmu Pemerintahan / Administrasi Publik"
    requires_pns: bool = True
    chain_heads: tuple[ChainHead, ...] = ()
    subordinate_ids: frozenset[str] = frozenset()  # people the candidate would lead there
    case_actor_ids: frozenset[str] = frozenset()  # assessors and approvers of this case
    mutation_type: MutationType = MutationType.A_INTRA
    own_request: bool = False  # atas permintaan sendiri
    promotion: bool = False
    jpm: float | None = None  # the candidate's JPM (%) for this position; None = not assessed
    target_abk: AbkStatus | None = None
    abk_justification: str = ""  # justification for leaving the origin below kebutuhan
    approvals: frozenset[str] = frozenset()  # recorded written approvals, e.g. {"mendagri"}


@dataclass(frozen=True)
class BlackoutWindow:
    """A date window in which replacing officials needs an approval (DOMAIN.md §1.5), entered per cycle."""

    window_id: str
    name: str
    period: Period
    covered_kinds: frozenset[PositionKind]
    required_approval: str  # code matched against TargetFacts.approvals, e.g. "mendagri"
    approval_label: str  # e.g. "persetujuan tertulis Mendagri"
    legal_basis: str
    covers_additional_duty: bool = True


@dataclass(frozen=True)
class Override:
    """An authorised exception to one failing hard rule (reason + approver + date), from the workflow."""

    rule_id: str
    reason: str
    approver_id: str
    decided_on: date


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    outcome: Outcome
    severity: Severity
    reason: str  # stable reason code, e.g. "masa_jabatan_kurang"
    message: str  # one Indonesian sentence a camat can read
    legal_basis: str
    version: str  # the rule-data rows used, "R1:min_months_in_post@2017-04-07"
    missing: tuple[str, ...] = ()  # what data is missing when outcome is MISSING
    override: Override | None = None

    @property
    def passed(self) -> bool:
        return self.outcome in (Outcome.PASS, Outcome.NOT_APPLICABLE)

    @property
    def blocking(self) -> bool:
        return self.outcome is Outcome.FAIL and self.severity is Severity.HARD and self.override is None


class Verdict(StrEnum):
    ELIGIBLE = "memenuhi_syarat"
    NOT_ELIGIBLE = "tidak_memenuhi_syarat"
    INCOMPLETE = "data_belum_lengkap"


@dataclass(frozen=True)
class Eligibility:
    """All rule results for one candidate and one target on one date."""

    candidate_id: str
    position_id: str
    on: date
    results: tuple[RuleResult, ...] = field(default_factory=tuple)

    @property
    def eligible(self) -> bool:
        """No hard rule fails (overridden failures do not count). Missing data does not make this False."""
        return not any(r.blocking for r in self.results)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def verdict(self) -> Verdict:
        if not self.eligible:
            return Verdict.NOT_ELIGIBLE
        return Verdict.ELIGIBLE if self.complete else Verdict.INCOMPLETE

    @property
    def failures(self) -> tuple[RuleResult, ...]:
        return self._failing(Severity.HARD)

    @property
    def warnings(self) -> tuple[RuleResult, ...]:
        return self._failing(Severity.SOFT)

    @property
    def advisories(self) -> tuple[RuleResult, ...]:
        return self._failing(Severity.ADVISORY)

    @property
    def missing(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.MISSING)

    @property
    def rotation_due(self) -> bool:
        return any(r.rule_id == "R2" and r.outcome is Outcome.FAIL for r in self.results)

    def result(self, rule_id: str) -> RuleResult:
        return next(r for r in self.results if r.rule_id == rule_id)

    def _failing(self, severity: Severity) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.FAIL and r.severity is severity)
