"""The OPDs and kecamatan of the demo and the synthetic city (DOMAIN.md §10; OPD names follow common practice)."""

from __future__ import annotations

from tepat.demo.catalog import JfSpec
from tepat.demo.org import OpdSpec
from tepat.organization.models import UnitKind

D, B, S = UnitKind.DINAS, UnitKind.BADAN, UnitKind.SETDA

BANYUMANIK = (
    "Banyumanik",
    "Gedawang",
    "Jabungan",
    "Ngesrep",
    "Padangsari",
    "Pedalangan",
    "Pudakpayung",
    "Srondol Kulon",
    "Srondol Wetan",
    "Sumurboto",
    "Tinjomoyo",
)
TEMBALANG = (
    "Bulusan",
    "Jangli",
    "Kedungmundu",
    "Kramas",
    "Mangunharjo",
    "Meteseh",
    "Rowosari",
    "Sambiroto",
    "Sendangguwo",
    "Sendangmulyo",
    "Tandang",
    "Tembalang",
)
GAJAHMUNGKUR = (
    "Bendan Duwur",
    "Bendan Ngisor",
    "Bendungan",
    "Gajahmungkur",
    "Karangrejo",
    "Lempongsari",
    "Petompon",
    "Sampangan",
)
CANDISARI = ("Candi", "Jatingaleh", "Jomblang", "Kaliwiru", "Karanganyar Gunung", "Tegalsari", "Wonotingal")
KNOWN_KELURAHAN = {
    "Banyumanik": BANYUMANIK,
    "Tembalang": TEMBALANG,
    "Gajahmungkur": GAJAHMUNGKUR,
    "Candisari": CANDISARI,
}

# The 16 kecamatan of Kota Semarang with their number of kelurahan (177 in all).
CITY_KECAMATAN: tuple[tuple[str, str, int], ...] = (
    ("BYM", "Banyumanik", 11),
    ("CDS", "Candisari", 7),
    ("GJM", "Gajahmungkur", 8),
    ("GYS", "Gayamsari", 7),
    ("GNK", "Genuk", 13),
    ("GNP", "Gunungpati", 16),
    ("MJN", "Mijen", 14),
    ("NGL", "Ngaliyan", 10),
    ("PDR", "Pedurungan", 12),
    ("SMB", "Semarang Barat", 16),
    ("SMS", "Semarang Selatan", 10),
    ("SMT", "Semarang Tengah", 15),
    ("SMTM", "Semarang Timur", 10),
    ("SMU", "Semarang Utara", 9),
    ("TBL", "Tembalang", 12),
    ("TGU", "Tugu", 7),
)


def kelurahan_names(name: str, count: int) -> tuple[str, ...]:
    """Real names where the demo needs them; numbered names elsewhere (a synthetic city)."""
    return KNOWN_KELURAHAN.get(name) or tuple(f"{name} {n}" for n in range(1, count + 1))


def jf(name: str, family: str, teknis: str, *fields: str) -> JfSpec:
    return JfSpec(name, family, teknis, fields)


ADMINKES = jf("Administrator Kesehatan", "kesehatan", "T-KES", "KESMAS", "KEDOK")
EPIDEMIOLOG = jf("Epidemiolog Kesehatan", "kesehatan", "T-KES", "KESMAS", "KEDOK")
ANALIS_SDM = jf("Analis Sumber Daya Manusia Aparatur", "kepegawaian", "T-SDM", "MSDM", "PSI", "ADMP", "HUKUM")
PENGEMBANG_PEMBELAJARAN = jf(
    "Pengembang Teknologi Pembelajaran", "pendidikan", "T-DIDIK", "PEND", "PGSD", "TI"
)
ADMINDUK = jf("Administrator Database Kependudukan", "kependudukan", "T-DUKCAPIL", "TI", "SI", "STAT")
POLPP = jf("Polisi Pamong Praja", "trantib", "T-PERDA", "HUKUM", "SMA")
ANALIS_KEBIJAKAN = jf("Analis Kebijakan", "perencanaan", "T-RENCANA", "IPEM", "ADMP", "EKON")
PERENCANA = jf("Perencana", "perencanaan", "T-RENCANA", "PWK", "EKON", "STAT")
ANALIS_KEU = jf("Analis Keuangan Pusat dan Daerah", "keuangan", "T-KEU", "AKT", "EKON", "MAN")
PERANCANG_HUKUM = jf("Perancang Peraturan Perundang-undangan", "hukum", "T-HUKUM", "HUKUM")
PRANATA_KOMPUTER = jf("Pranata Komputer", "ti", "T-TI", "TI", "SI")
TEKNIK_JALAN = jf("Teknik Jalan dan Jembatan", "teknik", "T-RENCANA", "SIPIL", "PWK")
PEKERJA_SOSIAL = jf("Pekerja Sosial", "kesos", "T-KESOS", "SOS", "PSI")
PENGENDALI_DAMPAK = jf("Pengendali Dampak Lingkungan", "lingkungan", "T-SANITASI", "TLING", "KESLING")
AUDITOR = jf("Auditor", "keuangan", "T-KEU", "AKT", "EKON", "HUKUM")
PRANATA_HUMAS = jf("Pranata Hubungan Masyarakat", "humas", "T-PELAYANAN", "KOM", "ADMP")
PENYULUH_PERTANIAN = jf("Penyuluh Pertanian", "pertanian", "T-EKBANG", "PERT", "EKON")
PENGAWAS_PERDAGANGAN = jf("Pengawas Perdagangan", "ekbang", "T-EKBANG", "EKON", "MAN", "HUKUM")

DINKES = OpdSpec(
    "DINKES",
    "Dinas Kesehatan",
    D,
    "Kepala Dinas Kesehatan",
    ("KESMAS", "KEDOK"),
    "T-KES",
    (
        ("KESMAS", "Kesehatan Masyarakat", ADMINKES),
        ("P2P", "Pencegahan dan Pengendalian Penyakit", EPIDEMIOLOG),
        ("YANKES", "Pelayanan dan Sumber Daya Kesehatan", ADMINKES),
    ),
)
DISDIK = OpdSpec(
    "DISDIK",
    "Dinas Pendidikan",
    D,
    "Kepala Dinas Pendidikan",
    ("PEND", "PGSD", "ADMP"),
    "T-DIDIK",
    (
        ("SD", "Pembinaan Sekolah Dasar", PENGEMBANG_PEMBELAJARAN),
        ("SMP", "Pembinaan Sekolah Menengah Pertama", PENGEMBANG_PEMBELAJARAN),
        ("GTK", "Pendidik dan Tenaga Kependidikan", ANALIS_SDM),
    ),
)
BKPP = OpdSpec(
    "BKPP",
    "Badan Kepegawaian, Pendidikan dan Pelatihan",
    B,
    "Kepala Badan Kepegawaian, Pendidikan dan Pelatihan",
    ("MSDM", "ADMP", "PSI"),
    "T-SDM",
    (
        ("MUTASI", "Mutasi dan Promosi", ANALIS_SDM),
        ("BANGKOM", "Pengembangan Kompetensi", ANALIS_SDM),
        ("INFO", "Pengadaan dan Informasi Kepegawaian", PRANATA_KOMPUTER),
    ),
)
SETDA = OpdSpec(
    "SETDA",
    "Sekretariat Daerah",
    S,
    "Sekretaris Daerah",
    ("IPEM", "ADMP", "HUKUM"),
    "T-PEM",
    (
        ("UMUM", "Umum", ANALIS_KEBIJAKAN),
        ("PEM", "Pemerintahan", ANALIS_KEBIJAKAN),
        ("HUKUM", "Hukum", PERANCANG_HUKUM),
    ),
    bagian=True,
)
DISDUKCAPIL = OpdSpec(
    "DISDUKCAPIL",
    "Dinas Kependudukan dan Pencatatan Sipil",
    D,
    "Kepala Dinas Kependudukan dan Pencatatan Sipil",
    ("IPEM", "ADMP", "SI"),
    "T-DUKCAPIL",
    (
        ("DAFDUK", "Pelayanan Pendaftaran Penduduk", ADMINDUK),
        ("CAPIL", "Pelayanan Pencatatan Sipil", ADMINDUK),
        ("PIAK", "Pengelolaan Informasi Administrasi Kependudukan", PRANATA_KOMPUTER),
    ),
)
SATPOLPP = OpdSpec(
    "SATPOLPP",
    "Satuan Polisi Pamong Praja",
    D,
    "Kepala Satuan Polisi Pamong Praja",
    ("HUKUM", "IPEM"),
    "T-PERDA",
    (
        ("GAKDA", "Penegakan Peraturan Daerah", POLPP),
        ("TIBUM", "Ketertiban Umum dan Ketenteraman Masyarakat", POLPP),
        ("LINMAS", "Perlindungan Masyarakat", POLPP),
    ),
    skilled=True,
)
DEMO_OPDS = (SETDA, DINKES, DISDIK, BKPP, DISDUKCAPIL, SATPOLPP)

# The other OPDs of a synthetic city: (code, name, kind, teknis of the head, JF of the three bidang).
OTHER_OPDS: tuple[tuple[str, str, UnitKind, JfSpec], ...] = (
    ("SETWAN", "Sekretariat DPRD", S, ANALIS_KEBIJAKAN),
    ("INSPEKTORAT", "Inspektorat", B, AUDITOR),
    ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", B, PERENCANA),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", B, ANALIS_KEU),
    ("BAPENDA", "Badan Pendapatan Daerah", B, ANALIS_KEU),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", B, ANALIS_KEBIJAKAN),
    ("KESBANGPOL", "Badan Kesatuan Bangsa dan Politik", B, ANALIS_KEBIJAKAN),
    ("BRIDA", "Badan Riset dan Inovasi Daerah", B, PERENCANA),
    ("DINSOS", "Dinas Sosial", D, PEKERJA_SOSIAL),
    ("DISHUB", "Dinas Perhubungan", D, TEKNIK_JALAN),
    ("DPU", "Dinas Pekerjaan Umum", D, TEKNIK_JALAN),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", D, TEKNIK_JALAN),
    ("DISTARU", "Dinas Penataan Ruang", D, PERENCANA),
    ("DLH", "Dinas Lingkungan Hidup", D, PENGENDALI_DAMPAK),
    ("DAMKAR", "Dinas Pemadam Kebakaran", D, ANALIS_KEBIJAKAN),
    ("DISBUDPAR", "Dinas Kebudayaan dan Pariwisata", D, ANALIS_KEBIJAKAN),
    ("DISNAKER", "Dinas Tenaga Kerja", D, ANALIS_KEBIJAKAN),
    ("DINKOP", "Dinas Koperasi dan Usaha Mikro", D, PENGAWAS_PERDAGANGAN),
    ("DISDAG", "Dinas Perdagangan", D, PENGAWAS_PERDAGANGAN),
    ("DISPERIN", "Dinas Perindustrian", D, PENGAWAS_PERDAGANGAN),
    ("DISHANPANG", "Dinas Ketahanan Pangan", D, PENYULUH_PERTANIAN),
    ("DISPERTAN", "Dinas Pertanian", D, PENYULUH_PERTANIAN),
    ("DISKAN", "Dinas Perikanan", D, PENYULUH_PERTANIAN),
    ("DISKOMINFO", "Dinas Komunikasi, Informatika, Statistik dan Persandian", D, PRANATA_KOMPUTER),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", D, ANALIS_KEBIJAKAN),
    ("DISARPUS", "Dinas Arsip dan Perpustakaan", D, ANALIS_KEBIJAKAN),
    ("DISPORA", "Dinas Kepemudaan dan Olahraga", D, ANALIS_KEBIJAKAN),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", D, PEKERJA_SOSIAL),
    ("DP2KB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", D, PEKERJA_SOSIAL),
    ("HUMAS", "Bagian Hubungan Masyarakat", S, PRANATA_HUMAS),
    ("RSUD", "RSUD K.R.M.T. Wongsonegoro", D, ADMINKES),
    ("RSUD-BK", "RSUD Bung Karno", D, ADMINKES),
)


GENERIC_BIDANG = (
    ("PROG", "Program dan Perencanaan"),
    ("OPS", "Operasional"),
    ("BINWAS", "Pembinaan dan Pengawasan"),
)


def other_opd(code: str, name: str, kind: UnitKind, jf_spec: JfSpec) -> OpdSpec:
    head = "Sekretaris DPRD" if code == "SETWAN" else f"Kepala {name}"
    bidang = tuple((slug, f"{label} {name}", jf_spec) for slug, label in GENERIC_BIDANG)
    return OpdSpec(code, name, kind, head, jf_spec.fields, jf_spec.teknis, bidang)
