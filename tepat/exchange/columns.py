"""The import templates: one per kind, with Indonesian column names and the SIASN-style header variants.

Headers are matched after normalising (lower case, letters and digits only), so "Tgl. Lahir", "TGL_LAHIR" and
"tanggal lahir" are one column; column order does not matter; unknown columns are ignored (and listed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import models


class ImportKind(models.TextChoices):
    EMPLOYEES = "pegawai", "Data utama pegawai"
    POSITION_HISTORY = "riwayat_jabatan", "Riwayat jabatan"
    EDUCATION = "riwayat_pendidikan", "Riwayat pendidikan"
    ASSESSMENTS = "asesmen", "Hasil asesmen kompetensi"
    PERFORMANCE = "skp", "SKP (predikat kinerja)"
    TRAININGS = "pelatihan", "Riwayat pelatihan"
    POSITIONS = "jabatan", "Jabatan dan persyaratannya"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: str = ""
    example: str = ""
    text: bool = False  # written as a text cell in the template (NIP, NIK, codes)


def normalise(header: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(header or "").lower())


def column_index(columns: tuple[Column, ...]) -> dict[str, str]:
    """normalised header or alias -> column key."""
    index: dict[str, str] = {}
    for column in columns:
        for name in (column.header, column.key, *column.aliases):
            index[normalise(name)] = column.key
    return index


NIP = Column(
    "nip",
    "NIP",
    True,
    ("nip baru", "nipbaru", "nip_baru", "nip 18"),
    "18 digit, sel teks",
    "'198501172010011002",
    True,
)

EMPLOYEE_COLUMNS = (
    NIP,
    Column("name", "Nama", True, ("nama lengkap", "nama pegawai", "nama_pns"), "tanpa gelar", "Budi Santoso"),
    Column("front_title", "Gelar Depan", aliases=("gelar_depan",), example="Dr."),
    Column("back_title", "Gelar Belakang", aliases=("gelar_belakang",), example="S.Kom."),
    Column("birth_place", "Tempat Lahir", aliases=("tempat_lahir", "tempat_lahir_nama"), example="Semarang"),
    Column(
        "birth_date",
        "Tanggal Lahir",
        True,
        ("tgl lahir", "tgl_lahir", "tanggal_lahir"),
        "HH-BB-TTTT",
        "17-01-1985",
    ),
    Column("gender", "Jenis Kelamin", True, ("jenis_kelamin", "jk", "jns kelamin", "sex"), "L atau P", "L"),
    Column(
        "nik",
        "NIK",
        aliases=("nomor induk kependudukan", "no ktp"),
        note="16 digit, sel teks",
        example="'3374011701850001",
        text=True,
    ),
    Column(
        "status",
        "Status Kepegawaian",
        True,
        ("status pegawai", "status_cpns_pns", "jenis pegawai"),
        "PNS, CPNS atau PPPK",
        "PNS",
    ),
    Column("tmt_cpns", "TMT CPNS", aliases=("tmt_cpns",), example="01-01-2010"),
    Column(
        "contract_end",
        "Akhir Perjanjian Kerja",
        aliases=("akhir kontrak", "tmt akhir pppk"),
        note="PPPK saja",
    ),
    Column(
        "rank",
        "Golongan",
        aliases=("gol akhir", "gol_akhir_nama", "golongan ruang", "pangkat golongan"),
        note="mis. III/a",
        example="III/b",
    ),
    Column(
        "rank_tmt",
        "TMT Golongan",
        aliases=("tmt_golongan", "tmt gol akhir", "tmt_gol_akhir"),
        example="01-04-2014",
    ),
    Column(
        "position_code",
        "Kode Jabatan",
        aliases=("kode_jabatan", "jabatan kode"),
        note="kode jabatan di Tepat",
        example="KEL-NGS-SEKLUR",
        text=True,
    ),
    Column("position_tmt", "TMT Jabatan", aliases=("tmt_jabatan",), example="01-03-2022"),
    Column(
        "unit_code",
        "Kode Unit",
        aliases=("kode_unit", "kode unor", "unor_kode", "unit kerja kode"),
        note="diperiksa terhadap unit jabatan",
        text=True,
    ),
    Column(
        "education_level",
        "Pendidikan Terakhir",
        aliases=("tingkat pendidikan", "tingkat_pendidikan_nama", "pendidikan"),
        note="SMA, D3, S1, S2 …",
        example="S1",
    ),
    Column(
        "education_field",
        "Kode Jurusan",
        aliases=("kode_jurusan",),
        note="kode bidang pendidikan di Tepat",
        text=True,
    ),
    Column(
        "education_major",
        "Program Studi",
        aliases=("jurusan", "pendidikan_nama", "prodi"),
        example="Ilmu Pemerintahan",
    ),
    Column("education_year", "Tahun Lulus", aliases=("tahun_lulus",), example="2008"),
    Column(
        "identity_exception",
        "Alasan Ketidaksesuaian NIP",
        aliases=("alasan",),
        note="isi bila data nasional memang tidak konsisten",
    ),
)

POSITION_HISTORY_COLUMNS = (
    NIP,
    Column("position_name", "Nama Jabatan", True, ("jabatan", "jabatan_nama", "nama_jabatan")),
    Column("unit_name", "Unit Kerja", True, ("unor", "unor_nama", "unit")),
    Column(
        "position_code",
        "Kode Jabatan",
        aliases=("kode_jabatan",),
        note="bila jabatan ada di Tepat",
        text=True,
    ),
    Column("start", "TMT Mulai", True, ("tmt jabatan", "tmt_jabatan", "tmt")),
    Column("end", "TMT Selesai", True, ("sampai", "tmt_selesai"), "riwayat lampau: wajib diisi"),
    Column("sk_number", "Nomor SK", aliases=("nomor_sk", "no sk")),
    Column("family", "Rumpun Jabatan", aliases=("rumpun",)),
)

EDUCATION_COLUMNS = (
    NIP,
    Column(
        "level",
        "Jenjang",
        True,
        ("tingkat pendidikan", "tingkat_pendidikan_nama", "pendidikan"),
        "SMA, D3, S1 …",
    ),
    Column("field_code", "Kode Jurusan", aliases=("kode_jurusan",), text=True),
    Column("major", "Program Studi", aliases=("jurusan", "pendidikan_nama", "prodi")),
    Column("institution", "Institusi", aliases=("nama sekolah", "perguruan tinggi", "nama_sekolah")),
    Column("year", "Tahun Lulus", True, ("tahun_lulus",)),
)

ASSESSMENT_COLUMNS = (
    NIP,
    Column(
        "competency_code",
        "Kode Kompetensi",
        True,
        ("kompetensi", "kode_kompetensi"),
        "M1 … M8, SK1, kode teknis",
        text=True,
    ),
    Column("level", "Level", True, ("level capaian", "nilai", "skor"), "1–5, boleh desimal"),
    Column("assessed_on", "Tanggal Asesmen", True, ("tanggal", "tgl asesmen", "tanggal_asesmen")),
    Column("assessor", "Asesor", aliases=("lembaga", "asesor / lembaga")),
    Column("method", "Metode", aliases=("metode_asesmen",)),
)

PERFORMANCE_COLUMNS = (
    NIP,
    Column("year", "Tahun", True, ("tahun_penilaian", "periode")),
    Column(
        "predikat",
        "Predikat",
        True,
        ("predikat kinerja", "hasil kinerja", "predikat_kinerja"),
        "Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang",
    ),
    Column("score", "Nilai", aliases=("nilai skp", "nilai_skp")),
)

TRAINING_COLUMNS = (
    NIP,
    Column("title", "Nama Pelatihan", True, ("nama_diklat", "diklat", "nama kursus", "pelatihan")),
    Column("kind", "Jenis", True, ("jenis_diklat", "jenis pelatihan"), "klasikal atau nonklasikal"),
    Column("jp", "JP", True, ("jumlah jam", "jumlah_jam", "jam pelajaran")),
    Column("start", "Tanggal Mulai", True, ("mulai", "tanggal_mulai", "tgl mulai")),
    Column("end", "Tanggal Selesai", True, ("selesai", "tanggal_selesai", "tgl selesai")),
    Column("organizer", "Penyelenggara", aliases=("institusi penyelenggara", "institusi_penyelenggara")),
)

POSITION_COLUMNS = (
    Column("code", "Kode Jabatan", True, ("kode_jabatan",), text=True),
    Column("name", "Nama Jabatan", True, ("jabatan", "nama_jabatan")),
    Column("unit_code", "Kode Unit", True, ("kode_unit", "kode unor"), text=True),
    Column("kind", "Jenis Jabatan", True, ("jenis_jabatan",), "pengawas, pelaksana, fungsional_keahlian …"),
    Column("jenjang", "Jenjang", aliases=("jenjang jabatan",), note="fungsional saja, mis. Ahli Muda"),
    Column("kelas_jabatan", "Kelas Jabatan", aliases=("kelas",), note="1–17"),
    Column("is_head", "Kepala Unit", aliases=("kepala",), note="Ya/Tidak"),
    Column("min_rank", "Golongan Minimum", aliases=("gol min",), note="mis. III/a"),
    Column("max_rank", "Golongan Maksimum", aliases=("gol maks",)),
    Column("min_education", "Pendidikan Minimum", aliases=("pendidikan min",), note="SMA, D3, S1 …"),
    Column("education_fields", "Kode Jurusan", aliases=("jurusan",), note="dipisah titik koma: ILPEM;HUK"),
    Column(
        "competencies",
        "Standar Kompetensi",
        aliases=("kompetensi",),
        note="KODE=level dipisah titik koma: M1=3;M2=3",
    ),
    Column(
        "seats", "Jumlah Formasi", aliases=("formasi", "kebutuhan"), note="bilangan bulat ≥ 0 (kosong = 1)"
    ),
    Column("family", "Rumpun Jabatan", aliases=("rumpun",)),
    Column("requires_pns", "Khusus PNS", note="Ya/Tidak"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.EMPLOYEES: EMPLOYEE_COLUMNS,
    ImportKind.POSITION_HISTORY: POSITION_HISTORY_COLUMNS,
    ImportKind.EDUCATION: EDUCATION_COLUMNS,
    ImportKind.ASSESSMENTS: ASSESSMENT_COLUMNS,
    ImportKind.PERFORMANCE: PERFORMANCE_COLUMNS,
    ImportKind.TRAININGS: TRAINING_COLUMNS,
    ImportKind.POSITIONS: POSITION_COLUMNS,
}
