"""Degrees, academic titles (gelar), education history and training records for generated employees."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from tepat.demo.reference import EDUCATION_FIELDS
from tepat.people.services.bulk import EducationRow, TrainingRow

FIELD_NAMES = {row.code: row.name for row in EDUCATION_FIELDS}
RUMPUN = {row.code: row.rumpun for row in EDUCATION_FIELDS}
SCHOOL_FIELDS = ("SMA", "SMK-AP")
D3_FIELDS = ("KEP", "KEB", "KESLING", "FARM", "GIZI", "TLM", "TI", "AKT", "SI", "ADMP")

S1_TITLES = {
    "IPEM": "S.IP.",
    "ADMP": "S.AP.",
    "SOS": "S.Sos.",
    "KOM": "S.I.Kom.",
    "HUKUM": "S.H.",
    "KESMAS": "S.K.M.",
    "KEP": "S.Kep., Ns.",
    "KEB": "S.Tr.Keb.",
    "KESLING": "S.K.M.",
    "FARM": "S.Farm.",
    "GIZI": "S.Gz.",
    "TLM": "S.Tr.Kes.",
    "PEND": "S.Pd.",
    "PGSD": "S.Pd.",
    "PSI": "S.Psi.",
    "MSDM": "S.M.",
    "MAN": "S.E.",
    "AKT": "S.Ak.",
    "EKON": "S.E.",
    "TI": "S.Kom.",
    "SI": "S.Kom.",
    "SIPIL": "S.T.",
    "PWK": "S.T.",
    "TLING": "S.T.",
    "STAT": "S.Stat.",
    "PERT": "S.P.",
}
D3_TITLES = {
    "KEP": "A.Md.Kep.",
    "KEB": "A.Md.Keb.",
    "KESLING": "A.Md.K.L.",
    "FARM": "A.Md.Farm.",
    "GIZI": "A.Md.Gz.",
    "TLM": "A.Md.A.K.",
    "TI": "A.Md.Kom.",
    "SI": "A.Md.Kom.",
    "AKT": "A.Md.Ak.",
}
S2_TITLES = {
    "Kesehatan": "M.Kes.",
    "Ekonomi dan Bisnis": "M.M.",
    "Hukum": "M.H.",
    "Pendidikan": "M.Pd.",
    "Teknik": "M.T.",
    "Psikologi": "M.Psi.",
}
UNIVERSITIES = (
    "Universitas Diponegoro",
    "Universitas Negeri Semarang",
    "Universitas Islam Sultan Agung",
    "Universitas Dian Nuswantoro",
    "Universitas 17 Agustus 1945 Semarang",
    "Universitas Terbuka",
)
HEALTH_SCHOOLS = (
    "Poltekkes Kemenkes Semarang",
    "Universitas Muhammadiyah Semarang",
    "Universitas Diponegoro",
)
TRAININGS = {
    "kesehatan": ("Pelatihan Penanganan Kegawatdaruratan", "Bimtek Surveilans Epidemiologi"),
    "pemerintahan": ("Bimtek Administrasi Pemerintahan Kelurahan", "Pelatihan Pelayanan Publik Prima"),
    "trantib": ("Diklat Penegakan Perda", "Pelatihan Ketenteraman dan Ketertiban Umum"),
    "kepegawaian": ("Bimtek Manajemen ASN", "Pelatihan Analisis Jabatan dan Beban Kerja"),
    "keuangan": ("Bimtek Penatausahaan Keuangan Daerah", "Pelatihan SIPD"),
    "pendidikan": ("Pelatihan Kurikulum Merdeka", "Bimtek Asesmen Pembelajaran"),
}
GENERAL_TRAININGS = (
    "Pelatihan Kearsipan Dinamis",
    "Coaching Orientasi Pelayanan",
    "E-learning Literasi Digital ASN",
)


def fits_level(code: str, level: str) -> bool:
    """School-leavers have a school stream; graduates have a jurusan."""
    if level == "SMA":
        return code in SCHOOL_FIELDS
    if level == "D3":
        return code in D3_FIELDS
    return code not in SCHOOL_FIELDS


def fields_for_level(level: str) -> list[str]:
    return [code for code in FIELD_NAMES if fits_level(code, level)]


def for_degree(level: str, field_code: str) -> tuple[str, str]:
    """(front title, back title) for the highest degree, as written in an SK."""
    if level in ("SMA", "SMP", "SD"):
        return "", ""
    if field_code == "KEDOK":
        return "dr.", "M.Kes." if level == "S2" else ""
    if level in ("D3", "D1", "D2"):
        return "", D3_TITLES.get(field_code, "A.Md.")
    first = S1_TITLES.get(field_code, "S.Sos.")
    if level == "S2":
        return "", f"{first}, {S2_TITLES.get(RUMPUN.get(field_code, ''), 'M.Si.')}"
    return "", first


def education_rows(
    level: str, field_code: str, birth: date, start: date, today: date, rng: random.Random
) -> tuple[EducationRow, ...]:
    school = EducationRow("SMA", birth.year + 18, rng.choice(SCHOOL_FIELDS), "", "SMA Negeri Semarang")
    if level == "SMA":
        return (EducationRow("SMA", birth.year + 18, field_code, "", "SMA Negeri Semarang"),)
    place = HEALTH_SCHOOLS if RUMPUN.get(field_code) == "Kesehatan" else UNIVERSITIES
    graduated = max(min(start.year - rng.randint(0, 2), today.year - 1), birth.year + 21)
    first_level = "S1" if level == "S2" else level
    degree = EducationRow(first_level, graduated, field_code, FIELD_NAMES[field_code], rng.choice(place))
    if level != "S2":
        return school, degree
    master_year = min(graduated + rng.randint(4, 10), today.year - 1)
    master = EducationRow(
        "S2",
        max(master_year, graduated + 1),
        field_code,
        f"Magister {FIELD_NAMES[field_code]}",
        rng.choice(UNIVERSITIES),
    )
    return school, degree, master


def trainings(family: str, today: date, rng: random.Random) -> tuple[TrainingRow, ...]:
    titles = TRAININGS.get(family, ()) + GENERAL_TRAININGS
    rows = []
    for title in rng.sample(titles, k=min(rng.randint(0, 3), len(titles))):
        jp = rng.choice((8, 16, 24, 32, 40))
        start = today - timedelta(days=rng.randint(30, 1000))
        kind = "nonklasikal" if title.startswith(("Coaching", "E-learning")) else "klasikal"
        rows.append(
            TrainingRow(
                title, kind, Decimal(jp), start, start + timedelta(days=jp // 8), "BKPP Kota Semarang"
            )
        )
    return tuple(rows)
