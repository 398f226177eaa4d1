"""Position templates (ANJAB-like requirements) shared by the Banyumanik demo and the city generator.

Rank ranges follow DOMAIN.md §10 (demo defaults) and §2.3 (JF jenjang ↔ golongan); the managerial standard
follows the commonly applied defaults of §3 (Administrator 3, Pengawas 2, Pelaksana 1, …).
"""

from __future__ import annotations

from dataclasses import dataclass

from tepat.demo.reference import MANAGERIAL_CODES
from tepat.engine.reference import PositionKind
from tepat.organization.bulk import PositionRow
from tepat.organization.services import PositionSpec

K = PositionKind
GENERAL_ADMIN_FIELDS = ("ADMP", "MAN", "SMA", "SMK-AP")


@dataclass(frozen=True)
class Template:
    slug: str  # position code = f"{unit_code}.{slug}"
    name: str
    kind: PositionKind
    ranks: tuple[int, int]
    education: str
    fields: tuple[str, ...]
    teknis: tuple[tuple[str, int], ...] = ()
    jenjang: str = ""
    family: str = ""
    kelas: int | None = None
    head: bool = False
    seats: int = 1
    scalable: bool = False  # seats grow with the size of a synthetic city

    @property
    def managerial_level(self) -> int:
        by_kind = {K.JPT_PRATAMA: 4, K.ADMINISTRATOR: 3, K.PENGAWAS: 2, K.PELAKSANA: 1}
        by_jenjang = {"Ahli Muda": 2, "Ahli Madya": 3, "Ahli Utama": 4, "Penyelia": 2}
        return by_kind.get(self.kind) or by_jenjang.get(self.jenjang, 1)

    @property
    def standard(self) -> tuple[tuple[str, int], ...]:
        """Required level per competency: the 8 managerial + Perekat Bangsa, then the technical ones."""
        level = self.managerial_level
        return (*((code, level) for code in (*MANAGERIAL_CODES,)), *self.teknis)

    @property
    def is_structural(self) -> bool:
        return self.kind in (K.JPT_PRATAMA, K.ADMINISTRATOR, K.PENGAWAS)

    def row(self, unit_code: str, seats: int | None = None) -> PositionRow:
        spec = PositionSpec(
            code=f"{unit_code}.{self.slug}",
            name=self.name,
            kind=self.kind.value,
            jenjang=self.jenjang,
            family=self.family,
            kelas_jabatan=self.kelas,
            is_head=self.head,
            min_rank=self.ranks[0],
            max_rank=self.ranks[1],
            min_education=self.education,
            requires_pns=self.is_structural,
        )
        count = self.seats if seats is None else seats
        return PositionRow(unit_code, spec, count, self.fields, self.standard)


def head(slug: str, name: str, kind: PositionKind, ranks: tuple[int, int], **extra: object) -> Template:
    """A unit head: structural, one seat, S1 unless told otherwise."""
    values: dict = {"education": "S1", "fields": ("IPEM", "ADMP", "MAN"), "head": True, **extra}
    return Template(slug, name, kind, ranks, **values)


def pelaksana(
    slug: str, name: str, family: str, teknis: str, fields: tuple[str, ...] = (), seats: int = 1
) -> Template:
    return Template(
        slug,
        name,
        K.PELAKSANA,
        (21, 32),
        "SMA",
        fields or GENERAL_ADMIN_FIELDS,
        ((teknis, 2),),
        family=family,
        kelas=5,
        seats=seats,
        scalable=True,
    )


def fungsional(slug: str, name: str, jenjang: str, spec: JfSpec, seats: int = 1) -> Template:
    keahlian = jenjang.startswith("Ahli")
    ranks = {
        "Ahli Pertama": (31, 32),
        "Ahli Muda": (33, 34),
        "Ahli Madya": (41, 43),
        "Terampil": (22, 24),
        "Mahir": (31, 32),
        "Penyelia": (33, 34),
    }[jenjang]
    level = {"Ahli Muda": 3, "Ahli Madya": 4, "Mahir": 3, "Penyelia": 3}.get(jenjang, 2)
    return Template(
        slug,
        f"{name} {jenjang}",
        K.FUNGSIONAL_KEAHLIAN if keahlian else K.FUNGSIONAL_KETERAMPILAN,
        ranks,
        "S1" if keahlian else "D3",
        spec.fields,
        ((spec.teknis, level),),
        jenjang=jenjang,
        family=spec.family,
        kelas={"Ahli Pertama": 8, "Ahli Muda": 9, "Ahli Madya": 11, "Mahir": 7, "Penyelia": 8}.get(
            jenjang, 6
        ),
        seats=seats,
        scalable=True,
    )


@dataclass(frozen=True)
class JfSpec:
    name: str
    family: str
    teknis: str
    fields: tuple[str, ...]


# --- kelurahan (DOMAIN.md §10: Lurah, Sekretaris Kelurahan, three Kasi, pelaksana) -------------------------

KASI_PEM_TEKNIS = (("T-PEM", 3), ("T-DUKCAPIL", 2), ("T-PELAYANAN", 2))
KELURAHAN: tuple[Template, ...] = (
    head(
        "LURAH",
        "Lurah",
        K.PENGAWAS,
        (33, 34),
        fields=("IPEM", "ADMP", "SOS", "HUKUM"),
        teknis=(("T-PEM", 3), ("T-KESOS", 2), ("T-TRANTIB", 2)),
        family="pemerintahan",
        kelas=9,
    ),
    Template(
        "SEKEL",
        "Sekretaris Kelurahan",
        K.PENGAWAS,
        (32, 34),
        "S1",
        ("ADMP", "MAN", "AKT", "IPEM"),
        (("T-ADMUM", 3), ("T-KEU", 2)),
        family="umum",
        kelas=8,
    ),
    Template(
        "KASI-PEM",
        "Kepala Seksi Pemerintahan",
        K.PENGAWAS,
        (31, 34),
        "S1",
        ("IPEM", "ADMP", "HUKUM"),
        KASI_PEM_TEKNIS,
        family="pemerintahan",
        kelas=8,
    ),
    Template(
        "KASI-PM",
        "Kepala Seksi Pemberdayaan Masyarakat dan Pembangunan",
        K.PENGAWAS,
        (31, 34),
        "S1",
        ("EKON", "PWK", "SOS", "ADMP"),
        (("T-EKBANG", 3), ("T-KESOS", 2)),
        family="ekbang",
        kelas=8,
    ),
    Template(
        "KASI-TRANTIB",
        "Kepala Seksi Ketenteraman, Ketertiban dan Kesejahteraan Sosial",
        K.PENGAWAS,
        (31, 34),
        "S1",
        ("HUKUM", "SOS", "IPEM"),
        (("T-TRANTIB", 3), ("T-KESOS", 2)),
        family="trantib",
        kelas=8,
    ),
    pelaksana("PENGADM-UMUM", "Pengadministrasi Umum", "umum", "T-ADMUM", seats=2),
    pelaksana(
        "LAYANAN-DUK",
        "Pengelola Layanan Kependudukan",
        "pelayanan",
        "T-PELAYANAN",
        ("SMA", "TI", "SI", "ADMP"),
    ),
)

# --- kecamatan (PP 18/2016 tipe A: sekretariat with two subbagian, five seksi) -------------------------------

CAMAT = head(
    "CAMAT",
    "Camat",
    K.ADMINISTRATOR,
    (41, 42),
    fields=("IPEM", "ADMP", "HUKUM", "SOS"),
    teknis=(("T-PEM", 4), ("T-TRANTIB", 3), ("T-KESOS", 3)),
    family="pemerintahan",
    kelas=11,
)
ANALIS = JfSpec("Analis Kebijakan", "perencanaan", "T-RENCANA", ("IPEM", "ADMP", "EKON", "PWK"))
PRAKOM = JfSpec("Pranata Komputer", "ti", "T-TI", ("TI", "SI"))
KECAMATAN_STAFF: tuple[Template, ...] = (
    fungsional("ANALIS-KEBIJAKAN", ANALIS.name, "Ahli Muda", ANALIS),
    fungsional("PRAKOM", PRAKOM.name, "Ahli Pertama", PRAKOM),
)
# (unit slug, seksi name, kasi technical standard, kasi fields, family, pelaksana slug and name)
KECAMATAN_SEKSI: tuple[tuple[str, str, tuple[tuple[str, int], ...], tuple[str, ...], str, str, str], ...] = (
    (
        "PEM",
        "Pemerintahan",
        KASI_PEM_TEKNIS,
        ("IPEM", "ADMP", "HUKUM"),
        "pemerintahan",
        "PENGADM-PEM",
        "Pengadministrasi Pemerintahan",
    ),
    (
        "TRANTIB",
        "Ketenteraman dan Ketertiban Umum",
        (("T-TRANTIB", 3), ("T-PERDA", 2)),
        ("HUKUM", "IPEM", "SOS"),
        "trantib",
        "PENGELOLA-TRANTIB",
        "Pengelola Ketenteraman dan Ketertiban",
    ),
    (
        "PMKS",
        "Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
        (("T-KESOS", 3), ("T-EKBANG", 2)),
        ("SOS", "ADMP", "PSI"),
        "kesos",
        "PENGELOLA-KESOS",
        "Pengelola Kesejahteraan Sosial",
    ),
    (
        "EKBANG",
        "Perekonomian dan Pembangunan",
        (("T-EKBANG", 3), ("T-RENCANA", 2)),
        ("EKON", "PWK", "SIPIL"),
        "ekbang",
        "PENGOLAH-DATA",
        "Pengolah Data Pembangunan",
    ),
    (
        "PELAYANAN",
        "Pelayanan",
        (("T-PELAYANAN", 3), ("T-DUKCAPIL", 2)),
        ("ADMP", "IPEM", "SI"),
        "pelayanan",
        "PETUGAS-LAYANAN",
        "Petugas Pelayanan",
    ),
)


def kasi(name: str, teknis: tuple[tuple[str, int], ...], fields: tuple[str, ...], family: str) -> Template:
    return head(
        "KASI",
        f"Kepala Seksi {name}",
        K.PENGAWAS,
        (33, 34),
        fields=fields,
        teknis=teknis,
        family=family,
        kelas=8,
    )


def secretariat_templates(
    head_name: str, head_kind: PositionKind, ranks: tuple[int, int]
) -> tuple[Template, tuple[Template, ...], tuple[Template, ...]]:
    """(Sekretaris, Subbagian Umum dan Kepegawaian staff, Subbagian Perencanaan dan Keuangan staff)."""
    sekretaris = head(
        "SEKRETARIS",
        head_name,
        head_kind,
        ranks,
        teknis=(("T-ADMUM", 3), ("T-KEU", 3)),
        family="umum",
        kelas=10,
    )
    umpeg = (
        head(
            "KASUBAG",
            "Kepala Subbagian Umum dan Kepegawaian",
            K.PENGAWAS,
            (33, 34),
            fields=("ADMP", "MSDM", "MAN"),
            teknis=(("T-ADMUM", 3), ("T-SDM", 3)),
            family="kepegawaian",
            kelas=8,
        ),
        pelaksana("PENGADM-UMUM", "Pengadministrasi Umum", "umum", "T-ADMUM", seats=2),
        pelaksana(
            "PENGELOLA-KEPEG", "Pengelola Kepegawaian", "kepegawaian", "T-SDM", ("MSDM", "ADMP", "SMA")
        ),
    )
    renkeu = (
        head(
            "KASUBAG",
            "Kepala Subbagian Perencanaan dan Keuangan",
            K.PENGAWAS,
            (33, 34),
            fields=("AKT", "EKON", "MAN"),
            teknis=(("T-KEU", 3), ("T-RENCANA", 2)),
            family="keuangan",
            kelas=8,
        ),
        pelaksana("PENGELOLA-KEU", "Pengelola Keuangan", "keuangan", "T-KEU", ("AKT", "EKON", "MAN", "SMA")),
    )
    return sekretaris, umpeg, renkeu


# --- puskesmas ---------------------------------------------------------------------------------------------

PERAWAT = JfSpec("Perawat", "kesehatan", "T-KEP", ("KEP",))
BIDAN = JfSpec("Bidan", "kesehatan", "T-KEB", ("KEB",))
SANITARIAN = JfSpec("Sanitarian", "kesehatan", "T-SANITASI", ("KESLING",))
DOKTER = JfSpec("Dokter", "kesehatan", "T-KES", ("KEDOK",))
NUTRISIONIS = JfSpec("Nutrisionis", "kesehatan", "T-KES", ("GIZI",))
PLK = JfSpec("Pranata Laboratorium Kesehatan", "kesehatan", "T-KES", ("TLM",))
FARMASI = JfSpec("Asisten Apoteker", "kesehatan", "T-KES", ("FARM",))
PROMKES = JfSpec("Penyuluh Kesehatan Masyarakat", "kesehatan", "T-KES", ("KESMAS",))
PUSKESMAS: tuple[Template, ...] = (
    head(
        "KAPUS",
        "Kepala Puskesmas",
        K.PENGAWAS,
        (33, 41),
        fields=("KESMAS", "KEDOK", "KEP"),
        teknis=(("T-KES", 3),),
        family="kesehatan",
        kelas=9,
    ),
    fungsional("DOKTER", DOKTER.name, "Ahli Pertama", DOKTER, seats=2),
    fungsional("PERAWAT-AP", PERAWAT.name, "Ahli Pertama", PERAWAT, seats=2),
    fungsional("PERAWAT-TRP", PERAWAT.name, "Terampil", PERAWAT, seats=3),
    fungsional("BIDAN", BIDAN.name, "Terampil", BIDAN, seats=3),
    fungsional("SANITARIAN", SANITARIAN.name, "Mahir", SANITARIAN),
    fungsional("NUTRISIONIS", NUTRISIONIS.name, "Terampil", NUTRISIONIS),
    fungsional("PLK", PLK.name, "Terampil", PLK),
    fungsional("FARMASI", FARMASI.name, "Terampil", FARMASI),
    fungsional("PROMKES", PROMKES.name, "Ahli Pertama", PROMKES),
    pelaksana("PENGADM-UMUM", "Pengadministrasi Umum", "umum", "T-ADMUM"),
)

# --- sekolah (city only) -----------------------------------------------------------------------------------

GURU = JfSpec("Guru", "pendidikan", "T-DIDIK", ("PGSD", "PEND"))
SEKOLAH: tuple[Template, ...] = (
    head(
        "KEPSEK",
        "Kepala Sekolah",
        K.FUNGSIONAL_KEAHLIAN,
        (33, 42),
        jenjang="Ahli Muda",
        fields=GURU.fields,
        teknis=(("T-DIDIK", 3),),
        family="pendidikan",
        kelas=9,
    ),
    fungsional("GURU-AP", GURU.name, "Ahli Pertama", GURU, seats=4),
    fungsional("GURU-AMD", GURU.name, "Ahli Muda", GURU, seats=3),
    fungsional("GURU-MDY", GURU.name, "Ahli Madya", GURU, seats=2),
    pelaksana("PENGADM-UMUM", "Pengadministrasi Umum", "umum", "T-ADMUM"),
)
