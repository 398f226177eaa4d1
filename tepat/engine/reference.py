"""Reference data shared by the engine and the Django apps (DOMAIN.md §2, §3, §6).

These are ladders and code lists, not thresholds: thresholds live as rule data (see `rules.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Rank:
    code: int  # two-digit code, 11 = I/a … 45 = IV/e (DOMAIN.md §2.1); its order is the rank order
    golongan: str
    pangkat: str


RANKS: tuple[Rank, ...] = (
    Rank(11, "I/a", "Juru Muda"),
    Rank(12, "I/b", "Juru Muda Tingkat I"),
    Rank(13, "I/c", "Juru"),
    Rank(14, "I/d", "Juru Tingkat I"),
    Rank(21, "II/a", "Pengatur Muda"),
    Rank(22, "II/b", "Pengatur Muda Tingkat I"),
    Rank(23, "II/c", "Pengatur"),
    Rank(24, "II/d", "Pengatur Tingkat I"),
    Rank(31, "III/a", "Penata Muda"),
    Rank(32, "III/b", "Penata Muda Tingkat I"),
    Rank(33, "III/c", "Penata"),
    Rank(34, "III/d", "Penata Tingkat I"),
    Rank(41, "IV/a", "Pembina"),
    Rank(42, "IV/b", "Pembina Tingkat I"),
    Rank(43, "IV/c", "Pembina Utama Muda"),
    Rank(44, "IV/d", "Pembina Utama Madya"),
    Rank(45, "IV/e", "Pembina Utama"),
)
RANK_BY_CODE = {rank.code: rank for rank in RANKS}
RANK_BY_GOLONGAN = {rank.golongan: rank for rank in RANKS}


class EducationLevel(StrEnum):
    SD = "SD"
    SMP = "SMP"
    SMA = "SMA"
    D1 = "D1"
    D2 = "D2"
    D3 = "D3"
    D4 = "D4"
    S1 = "S1"
    S2 = "S2"
    S3 = "S3"


# D-IV and S1 are equivalent for position requirements (both "sarjana terapan / sarjana").
EDUCATION_ORDER: dict[str, int] = {
    "SD": 1,
    "SMP": 2,
    "SMA": 3,
    "D1": 4,
    "D2": 5,
    "D3": 6,
    "D4": 7,
    "S1": 7,
    "S2": 8,
    "S3": 9,
}


class PositionKind(StrEnum):
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL_KEAHLIAN = "fungsional_keahlian"
    FUNGSIONAL_KETERAMPILAN = "fungsional_keterampilan"


POSITION_KIND_LABELS: dict[str, str] = {
    PositionKind.JPT_PRATAMA: "JPT Pratama",
    PositionKind.ADMINISTRATOR: "Administrator",
    PositionKind.PENGAWAS: "Pengawas",
    PositionKind.PELAKSANA: "Pelaksana",
    PositionKind.FUNGSIONAL_KEAHLIAN: "Fungsional Keahlian",
    PositionKind.FUNGSIONAL_KETERAMPILAN: "Fungsional Keterampilan",
}

MANAGERIAL_KINDS = frozenset({PositionKind.JPT_PRATAMA, PositionKind.ADMINISTRATOR, PositionKind.PENGAWAS})

JENJANG_KEAHLIAN = ("Ahli Pertama", "Ahli Muda", "Ahli Madya", "Ahli Utama")
JENJANG_KETERAMPILAN = ("Pemula", "Terampil", "Mahir", "Penyelia")


@dataclass(frozen=True)
class CompetencyRef:
    code: str
    name: str
    group: str  # manajerial | sosial_kultural | teknis


# PermenPANRB 38/2017: 8 manajerial + Perekat Bangsa (DOMAIN.md §3).
STANDARD_COMPETENCIES: tuple[CompetencyRef, ...] = (
    CompetencyRef("M1", "Integritas", "manajerial"),
    CompetencyRef("M2", "Kerja Sama", "manajerial"),
    CompetencyRef("M3", "Komunikasi", "manajerial"),
    CompetencyRef("M4", "Orientasi pada Hasil", "manajerial"),
    CompetencyRef("M5", "Pelayanan Publik", "manajerial"),
    CompetencyRef("M6", "Pengembangan Diri dan Orang Lain", "manajerial"),
    CompetencyRef("M7", "Mengelola Perubahan", "manajerial"),
    CompetencyRef("M8", "Pengambilan Keputusan", "manajerial"),
    CompetencyRef("SK1", "Perekat Bangsa", "sosial_kultural"),
)


class Predikat(StrEnum):
    """SKP predikat kinerja (PermenPANRB 6/2022), best first."""

    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang"
    SANGAT_KURANG = "Sangat Kurang"


PREDIKAT_ORDER: dict[str, int] = {
    Predikat.SANGAT_KURANG: 1,
    Predikat.KURANG: 2,
    Predikat.BUTUH_PERBAIKAN: 3,
    Predikat.BAIK: 4,
    Predikat.SANGAT_BAIK: 5,
}


class EmploymentStatus(StrEnum):
    PNS = "PNS"
    PPPK = "PPPK"
    CPNS = "CPNS"
