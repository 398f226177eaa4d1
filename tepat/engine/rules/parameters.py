"""Rule data (DOMAIN.md "rule-data shape"): every threshold is a versioned row with a legal basis.

An evaluation uses the version in force on the reference date and records which row it used.
`DEFAULT_RULE_PARAMETERS` is the seed table; the Django side copies it into a table an admin edits.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from itertools import pairwise
from typing import Any

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.rules.dates import format_date
from tepat.engine.rules.model import BlackoutWindow, RuleStatus


@dataclass(frozen=True)
class RuleParameter:
    rule_id: str
    parameter: str
    value: Any  # a number, a string, a bool, or JSON-shaped data (lists, dicts)
    unit: str
    legal_basis: str
    status: RuleStatus
    effective_from: date
    effective_to: date | None = None  # inclusive; None = still in force
    instansi: str = ""  # "" = every instansi; a code overrides the general row for that instansi
    notes: str = ""

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    @property
    def version(self) -> str:
        scope = f"/{self.instansi}" if self.instansi else ""
        return f"{self.rule_id}:{self.parameter}{scope}@{self.effective_from.isoformat()}"


def resolve_parameter(
    rows: tuple[RuleParameter, ...], rule_id: str, parameter: str, on: date, instansi: str = ""
) -> RuleParameter:
    """The row in force on `on`: an instansi-specific row beats a general one, then the latest start wins."""
    candidates = [
        row
        for row in rows
        if row.rule_id == rule_id
        and row.parameter == parameter
        and row.instansi in ("", instansi)
        and row.in_force(on)
    ]
    if not candidates:
        path = f"params.{rule_id}.{parameter}"
        raise InvalidInput([FieldProblem(path, f"tidak ada versi yang berlaku pada {format_date(on)}")])
    return max(candidates, key=lambda row: (row.instansi == instansi and bool(instansi), row.effective_from))


def overlapping_versions(rows: tuple[RuleParameter, ...]) -> list[FieldProblem]:
    """Versions of one parameter (same scope) whose date ranges overlap: the admin form must reject them."""
    groups: dict[tuple[str, str, str], list[RuleParameter]] = defaultdict(list)
    for row in rows:
        groups[(row.rule_id, row.parameter, row.instansi)].append(row)
    problems = []
    for (rule_id, parameter, _), versions in groups.items():
        versions.sort(key=lambda row: row.effective_from)
        for before, after in pairwise(versions):
            if before.effective_to is None or before.effective_to >= after.effective_from:
                problems.append(
                    FieldProblem(
                        f"params.{rule_id}.{parameter}",
                        f"versi mulai {format_date(after.effective_from)} tumpang tindih dengan versi lain",
                    )
                )
    return problems


@dataclass(frozen=True)
class RuleBook:
    """Everything the rules read besides the facts: parameter rows and blackout windows."""

    parameters: tuple[RuleParameter, ...]
    windows: tuple[BlackoutWindow, ...] = ()
    instansi: str = ""

    @cached_property
    def _by_key(self) -> dict[tuple[str, str], tuple[RuleParameter, ...]]:
        index: dict[tuple[str, str], list[RuleParameter]] = defaultdict(list)
        for row in self.parameters:
            index[(row.rule_id, row.parameter)].append(row)
        return {key: tuple(rows) for key, rows in index.items()}

    def resolve(self, rule_id: str, parameter: str, on: date) -> RuleParameter:
        rows = self._by_key.get((rule_id, parameter), ())
        return resolve_parameter(rows, rule_id, parameter, on, self.instansi)

    def windows_on(self, on: date) -> tuple[BlackoutWindow, ...]:
        return tuple(w for w in self.windows if w.period.covers(on))


PP_11_2017 = date(2017, 4, 7)  # promulgated (diundangkan)
PERKA_BKN_5_2019 = date(2019, 8, 1)  # in force (DOMAIN.md §1.3)
UU_10_2016 = date(2016, 7, 1)
PERMENPANRB_1_2020 = date(2020, 1, 1)
UU_27_2022 = date(2022, 10, 17)
C, P, U = RuleStatus.CONFIRMED, RuleStatus.PRACTICE, RuleStatus.UNCONFIRMED
# Job efficiency (EJ/PJ) grade bands, highest first; `lower` is a decimal string (DOMAIN.md §8, [U]).
EJ_BANDS = [
    {"grade": "A", "label": "Sangat Baik", "lower": "1.00", "inclusive": False},
    {"grade": "B", "label": "Baik", "lower": "0.90", "inclusive": True},
    {"grade": "C", "label": "Cukup", "lower": "0.70", "inclusive": True},
    {"grade": "D", "label": "Sedang", "lower": "0.50", "inclusive": True},
    {"grade": "E", "label": "Kurang", "lower": "0", "inclusive": True},
]
NON_INTRA_TYPES = ["B_INTER_KABKOTA_SAME_PROV", "C_INTER_PROV", "D_DAERAH_PUSAT", "E_INTER_PUSAT", "F_ABROAD"]


def _rows(
    basis: str, status: RuleStatus, start: date, *rows: tuple[str, str, Any, str, str]
) -> list[RuleParameter]:
    """Seed rows sharing one legal basis; each row is (rule_id, parameter, value, unit, notes)."""
    return [RuleParameter(r, p, v, u, basis, status, start, notes=n) for r, p, v, u, n in rows]


# Seed table (DOMAIN.md §11). A boolean row switches a check on or off and carries its legal basis.
DEFAULT_RULE_PARAMETERS: tuple[RuleParameter, ...] = (
    *_rows(
        "PP 11/2017 Pasal 190 ayat (3)", C, PP_11_2017,
        ("R1", "min_months_in_post", 24, "bulan", "paling singkat 2 tahun"),
        ("R2", "max_months_in_post", 60, "bulan", "lebih dari 5 tahun: wajib rotasi"),
    ),
    *_rows(
        "PP 11/2017 Pasal 190 ayat (5)", C, PP_11_2017,
        ("R3.relasi", "check_chain_of_command", True, "flag", "prinsip [C], pemeriksaan [P]"),
        ("R3.penilai", "check_own_case", True, "flag", "prinsip [C], pemeriksaan [P]"),
    ),
    *_rows(
        "PP 11/2017 Pasal 190 ayat (4); syarat jabatan ANJAB", P, PP_11_2017,
        ("R4.pangkat", "check_rank_range", True, "flag", "rentang pangkat dari ANJAB"),
        ("R4.pendidikan", "check_education_level", True, "flag", "D-IV setara S1"),
        ("R4.rumpun", "accept_same_rumpun", True, "flag", "bidang serumpun dianggap sesuai"),
        ("R4.jpm", "jpm_min", 68, "persen", "batas MMS skala seleksi"),
        ("R4.jpm", "jpm_scale", "seleksi", "skala", "pemetaan (A) | seleksi (B)"),
        ("R4.jpm", "jpm_cap_mode", "none", "mode", "none | per_competency | total_100"),
    ),
    *_rows(
        "Peraturan BKN 5/2019 (persyaratan mutasi)", C, PERKA_BKN_5_2019,
        ("R6.status_pns", "check_pns_status", True, "flag", "dokumen (1): status PNS"),
        ("R6.disiplin", "check_discipline", True, "flag", "dokumen (7): bebas hukuman/proses disiplin"),
        ("R6.tugas_belajar", "check_study_leave", True, "flag", "dokumen (11): tugas belajar/ikatan dinas"),
        ("R6.temuan", "required_for_types", NON_INTRA_TYPES, "mutation_type", "dokumen (12); intra [U]"),
        ("R7", "min_predikat", "Baik", "predikat", "dokumen (10)"),
        ("R7", "years", 2, "tahun", "tahun-tahun sebelum tanggal acuan"),
    ),
    *_rows(
        "PermenPANRB 1/2020 (ANJAB/ABK)", P, PERMENPANRB_1_2020,
        ("R8.asal", "allow_with_justification", True, "flag", "boleh kurang bila ada justifikasi"),
        ("R8.formasi", "check_target_formation", True, "flag", "jabatan tujuan harus punya formasi"),
        ("R8", "abk_rounding", "ceil_per_position", "mode", "ceil_per_position | ceil_per_task | half_up"),
    ),
    *_rows(
        "BKN KMS artikel10; PermenPANRB 1/2020", C, PERMENPANRB_1_2020,
        ("ABK", "wke_minutes", 75_000, "menit", "waktu kerja efektif 1.250 jam per tahun"),
        ("ABK", "projection_years", 5, "tahun", "proyeksi kebutuhan 5 tahun"),
    ),
    *_rows(
        "Permendagri 12/2008 (teks belum diperoleh)", U, PERMENPANRB_1_2020,
        ("ABK", "ej_bands", EJ_BANDS, "pita", "batas bawah; A di atas 1,00 (tidak inklusif)"),
    ),
    *_rows(
        "UU 5/2014 Pasal 90; PP 11/2017 Pasal 239 (belum diverifikasi terhadap UU 20/2023)", U, PP_11_2017,
        ("BUP", "jpt_pratama", 60, "tahun", "JPT"),
        ("BUP", "administrator", 58, "tahun", "JA"),
        ("BUP", "pengawas", 58, "tahun", "JA"),
        ("BUP", "pelaksana", 58, "tahun", "JA"),
        ("BUP", "fungsional_keahlian", 58, "tahun", "Ahli Pertama dan Ahli Muda"),
        ("BUP", "fungsional_keahlian:Ahli Madya", 60, "tahun", "jenjang: baris jenjang mengalahkan jenis"),
        ("BUP", "fungsional_keahlian:Ahli Utama", 65, "tahun", "jenjang: baris jenjang mengalahkan jenis"),
        ("BUP", "fungsional_keterampilan", 58, "tahun", ""),
    ),
    *_rows(
        "UU 10/2016 Pasal 71 ayat (2), (5) dan Pasal 162 ayat (3)", C, UU_10_2016,
        ("R9", "check_blackout_windows", True, "flag", "jendela diisi per siklus pilkada"),
    ),
    *_rows(
        "PP 11/2017; Peraturan LAN 10/2018", C, PP_11_2017,
        ("R10", "min_jp_per_year", 20, "JP", "nomor pasal PP [U]"),
        ("R10", "jp_minutes", 45, "menit", ""),
    ),
    *_rows("PermenPANRB 6/2022", U, PP_11_2017, ("R10", "review_period", "quarterly", "periode", "")),
    *_rows("UU 27/2022 Pasal 34", C, UU_27_2022, ("R11", "dpia_required", True, "flag", "manusia putuskan")),
    *_rows(
        "PP 11/2017 Pasal 191", P, PP_11_2017,
        ("TPK", "quorum_minimum", 2, "orang", "default demo: 2 dari 3 anggota Tim Penilai Kinerja"),
        ("TPK", "board_size", 3, "orang", "default demo: tim.penilai.1–3"),
    ),
)  # fmt: skip

DEFAULT_RULE_BOOK = RuleBook(DEFAULT_RULE_PARAMETERS)
