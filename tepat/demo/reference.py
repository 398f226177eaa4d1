"""Reference data every data set needs: education fields (jurusan with rumpun) and competencies (DOMAIN.md §3)."""

from __future__ import annotations

from typing import Any

from tepat.engine.reference import STANDARD_COMPETENCIES
from tepat.organization.bulk import CompetencyRow, EducationFieldRow, reference_ensure

SOSPOL = "Ilmu Sosial dan Politik"
KESEHATAN = "Kesehatan"
EKONOMI = "Ekonomi dan Bisnis"
TEKNIK = "Teknik"
UMUM = "Pendidikan Menengah Umum"

# Each row: code, name and rumpun of a jurusan.
EDUCATION_FIELDS: tuple[EducationFieldRow, ...] = tuple(
    EducationFieldRow(*row)
    for row in (
        ("IPEM", "Ilmu Pemerintahan", SOSPOL),
        ("ADMP", "Administrasi Publik", SOSPOL),
        ("SOS", "Ilmu Kesejahteraan Sosial", SOSPOL),
        ("KOM", "Ilmu Komunikasi", SOSPOL),
        ("HUKUM", "Ilmu Hukum", "Hukum"),
        ("KESMAS", "Kesehatan Masyarakat", KESEHATAN),
        ("KEP", "Keperawatan", KESEHATAN),
        ("KEB", "Kebidanan", KESEHATAN),
        ("KESLING", "Kesehatan Lingkungan (Sanitasi)", KESEHATAN),
        ("KEDOK", "Pendidikan Dokter", KESEHATAN),
        ("FARM", "Farmasi", KESEHATAN),
        ("GIZI", "Gizi", KESEHATAN),
        ("TLM", "Teknologi Laboratorium Medis", KESEHATAN),
        ("PEND", "Ilmu Pendidikan", "Pendidikan"),
        ("PGSD", "Pendidikan Guru Sekolah Dasar", "Pendidikan"),
        ("PSI", "Psikologi", "Psikologi"),
        ("MSDM", "Manajemen Sumber Daya Manusia", EKONOMI),
        ("MAN", "Manajemen", EKONOMI),
        ("AKT", "Akuntansi", EKONOMI),
        ("EKON", "Ekonomi Pembangunan", EKONOMI),
        ("TI", "Teknik Informatika", TEKNIK),
        ("SI", "Sistem Informasi", TEKNIK),
        ("SIPIL", "Teknik Sipil", TEKNIK),
        ("PWK", "Perencanaan Wilayah dan Kota", TEKNIK),
        ("TLING", "Teknik Lingkungan", TEKNIK),
        ("STAT", "Statistika", "Matematika dan Ilmu Pengetahuan Alam"),
        ("PERT", "Agribisnis", "Pertanian"),
        ("SMA", "SMA Umum (IPA/IPS)", UMUM),
        ("SMK-AP", "SMK Administrasi Perkantoran", UMUM),
    )
)

TEKNIS = "teknis"
TECHNICAL_COMPETENCIES: tuple[CompetencyRow, ...] = tuple(
    CompetencyRow(code, name, TEKNIS)
    for code, name in (
        ("T-PEM", "Penyelenggaraan Pemerintahan Umum"),
        ("T-TRANTIB", "Ketenteraman dan Ketertiban Umum"),
        ("T-KESOS", "Pemberdayaan Masyarakat dan Kesejahteraan Sosial"),
        ("T-EKBANG", "Perekonomian dan Pembangunan"),
        ("T-PELAYANAN", "Pelayanan Administrasi Terpadu"),
        ("T-ADMUM", "Administrasi Umum dan Persuratan"),
        ("T-KEU", "Pengelolaan Keuangan Daerah"),
        ("T-SDM", "Manajemen Aparatur Sipil Negara"),
        ("T-KES", "Pelayanan Kesehatan Masyarakat"),
        ("T-KEP", "Asuhan Keperawatan"),
        ("T-KEB", "Pelayanan Kebidanan"),
        ("T-SANITASI", "Kesehatan Lingkungan"),
        ("T-DUKCAPIL", "Administrasi Kependudukan"),
        ("T-DIDIK", "Manajemen Pendidikan"),
        ("T-TI", "Pengelolaan Sistem Informasi"),
        ("T-PERDA", "Penegakan Peraturan Daerah"),
        ("T-RENCANA", "Perencanaan Pembangunan Daerah"),
        ("T-HUKUM", "Penyusunan Produk Hukum Daerah"),
    )
)

COMPETENCIES: tuple[CompetencyRow, ...] = (
    *(CompetencyRow(ref.code, ref.name, ref.group) for ref in STANDARD_COMPETENCIES),
    *TECHNICAL_COMPETENCIES,
)
MANAGERIAL_CODES: tuple[str, ...] = tuple(ref.code for ref in STANDARD_COMPETENCIES)


def reference_seed(*, actor: Any = None, actor_label: str = "system:seed") -> int:
    """Create the missing reference rows; returns how many were created (0 on a second run)."""
    return reference_ensure(
        actor=actor, fields=EDUCATION_FIELDS, competencies=COMPETENCIES, actor_label=actor_label
    )
