"""The named people and seats the demo stories (JOURNEYS.md) rely on. Dates are relative to `today`.

Kept as data so the facts are visible in one place: who sits where, for how long, with which education,
assessment and SKP, and which seats stay empty.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from tepat.demo import learning as titles
from tepat.demo.dates import add_months
from tepat.demo.people import Traits
from tepat.people.services.bulk import DisciplineRow, EmployeeRow, PlacementRow, StudyLeaveRow

B, SB = "Baik", "Sangat Baik"

NGESREP = "KEL-BYM-NGESREP"
KASI_PEM_NGESREP = f"{NGESREP}.KASI-PEM"
LURAH_NGESREP = f"{NGESREP}.LURAH"
CAMAT_BANYUMANIK = "KEC-BYM.CAMAT"
KEPALA_DINKES = "DINKES.KEPALA"
PEGAWAI_DEMO = "KEL-BYM-SRONDOLKULON.PENGADM-UMUM"
STRONG_CANDIDATE = "KEL-BYM-SUMURBOTO.KASI-PEM"
RECENT_CANDIDATE = "KEL-BYM-PEDALANGAN.KASI-PEM"
UNDER_DISCIPLINE = "KEL-BYM-JABUNGAN.KASI-PEM"
ON_STUDY_LEAVE = "KEL-TBL-TEMBALANG.KASI-PEM"
SPOUSE_OF_LURAH = "KEL-BYM-SRONDOLWETAN.KASI-PM"
SANITARIAN_SRONDOL = "PKM-SRONDOL.SANITARIAN"
SURPLUS_POSITION = "KEC-BYM-UMPEG.PENGADM-UMUM"  # 2 seats, both filled: ABK will say 1 (needs issue)

# Seats left empty on purpose: (position code, seat number).
VACANT: frozenset[tuple[str, int]] = frozenset(
    {(KASI_PEM_NGESREP, 1), (f"{NGESREP}.PENGADM-UMUM", 1), (f"{NGESREP}.PENGADM-UMUM", 2)}
)
# Seats that must be filled even if the random vacancy draw would empty them.
FILLED: frozenset[tuple[str, int]] = frozenset({(SURPLUS_POSITION, 1), (SURPLUS_POSITION, 2)})


@dataclass(frozen=True)
class Spouses:
    first: tuple[str, int]
    second: tuple[str, int]


SPOUSES = Spouses((LURAH_NGESREP, 1), (SPOUSE_OF_LURAH, 1))


def journey_people(today: date) -> dict[tuple[str, int], Traits]:
    """Traits per seat for the people the stories name."""
    month = today.replace(day=1)
    return {
        (CAMAT_BANYUMANIK, 1): Traits(
            name="Bambang Sutrisno",
            gender="L",
            education=("S2", "IPEM"),
            rank=42,
            tenure_months=30,
            jpm=0.93,
            skp=(B, SB, B),
        ),
        (LURAH_NGESREP, 1): Traits(
            name="Sri Wahyuningsih",
            gender="P",
            education=("S1", "SOS"),
            rank=34,
            tenure_months=40,
            jpm=0.88,
            skp=(B, B, B),
        ),
        (SPOUSE_OF_LURAH, 1): Traits(
            name="Agus Prasetyo",
            gender="L",
            education=("S1", "PWK"),
            rank=33,
            tenure_months=52,
            skp=(B, B, B),
        ),
        (STRONG_CANDIDATE, 1): Traits(
            name="Rina Kusumawati",
            gender="P",
            education=("S1", "IPEM"),
            rank=33,
            tenure_months=74,
            jpm=0.92,
            skp=(B, B, B),
            past=("KEC-BYM-PEM.PENGADM-PEM",),
        ),
        (RECENT_CANDIDATE, 1): Traits(
            name="Dimas Arya Nugraha",
            gender="L",
            education=("S1", "IPEM"),
            rank=33,
            tenure_months=14,
            jpm=0.95,
            skp=(SB, B, SB),
            past=("KEC-TBL-PEM.PENGADM-PEM",),
        ),
        (UNDER_DISCIPLINE, 1): Traits(
            name="Hendra Gunawan",
            gender="L",
            education=("S1", "HUKUM"),
            rank=34,
            tenure_months=50,
            jpm=0.86,
            skp=(B, B, B),
            discipline=(
                DisciplineRow(
                    "sedang",
                    "proses",
                    today - timedelta(days=60),
                    None,
                    "Pemeriksaan dugaan pelanggaran disiplin (demo).",
                ),
            ),
        ),
        (ON_STUDY_LEAVE, 1): Traits(
            name="Yulia Rahmawati",
            gender="P",
            education=("S1", "ADMP"),
            rank=32,
            tenure_months=38,
            jpm=0.84,
            skp=(B, B, B),
            study_leaves=(
                StudyLeaveRow(
                    "tugas_belajar",
                    add_months(month, -10),
                    add_months(month, 14),
                    add_months(month, 62),
                    "Universitas Diponegoro (Magister Ilmu Pemerintahan)",
                ),
            ),
        ),
        (SANITARIAN_SRONDOL, 1): Traits(
            # Turns 58 (BUP for JF keterampilan) in May next year: retires on 1 June next year.
            name="Slamet Riyadi",
            gender="L",
            education=("D3", "KESLING"),
            rank=32,
            tenure_months=100,
            birth_date=date(today.year + 1 - 58, 5, 14),
            skp=(B, B, B),
        ),
        (PEGAWAI_DEMO, 1): Traits(
            name="Fajar Setiawan",
            gender="L",
            education=("SMA", "SMA"),
            rank=23,
            tenure_months=44,
            jpm=0.8,
            skp=(B, B, B),
        ),
        ("KEL-BYM-PADANGSARI.PENGADM-UMUM", 1): Traits(  # a nurse in a kelurahan office
            name="Dewi Lestari",
            gender="P",
            education=("D3", "KEP"),
            rank=24,
            tenure_months=66,
            skp=(B, B, B),
        ),
        ("BKPP-MUTASI.JF-PERTAMA", 1): Traits(  # an education graduate in HR
            name="Anita Permatasari",
            gender="P",
            education=("S1", "PEND"),
            rank=32,
            tenure_months=30,
            skp=(B, B, SB),
        ),
        (KEPALA_DINKES, 1): Traits(
            name="Hartono Wibisono",
            gender="L",
            education=("S2", "KEDOK"),
            rank=43,
            tenure_months=34,
            jpm=0.91,
            skp=(SB, SB, B),
        ),
        ("PKM-PADANGSARI.BIDAN", 1): Traits(
            name="Ratna Sari",
            gender="P",
            education=("D3", "KEB"),
            status="PPPK",
            tenure_months=30,
            skp=(B, B, B),
        ),
    }


@dataclass(frozen=True)
class CrossMatch:
    """A holder whose degree and earlier post fit another post of the rotation round (JOURNEYS.md §3) better."""

    seat: str  # position code of the seat (number 1) the person holds
    field: str  # field of study of their degree(s), replacing the drawn one
    past: str  # position code of the post they held before the current one, from TMT CPNS on


# Seat-by-seat filling cannot repair a swap (no seat is ever open), so these make the whole round worth more
# than filling seats one by one: the Kasubag Umum dan Kepegawaian of Dinas Kesehatan is an accountant who
# used to work in finance, the Kasubag Perencanaan dan Keuangan an administration graduate who used to
# work in personnel; Dewi Lestari (a nurse in a kelurahan office, who asks to go back to health care)
# nursed at Puskesmas Padangsari before.
CROSS_MATCHED = (
    CrossMatch("DINKES-UMPEG.KASUBAG", "AKT", "DINKES-RENKEU.PENGELOLA-KEU"),
    CrossMatch("DINKES-RENKEU.KASUBAG", "ADMP", "DINKES-UMPEG.PENGELOLA-KEPEG"),
    CrossMatch("KEL-BYM-PADANGSARI.PENGADM-UMUM", "KEP", "PKM-PADANGSARI.PERAWAT-TRP"),
)


def cross_matched(rows: list[EmployeeRow]) -> list[EmployeeRow]:
    """The generated rows with the CROSS_MATCHED holders rewritten; applied after generation so that the
    random draws of everyone else stay exactly as they were (named traits would shift the seeded stream)."""
    wanted = {c.seat: c for c in CROSS_MATCHED}
    out = []
    for row in rows:
        current = row.placements[-1]
        match = wanted.get(current.position_code) if current.seat_number == 1 else None
        out.append(_cross_match(row, match) if match else row)
    return out


def _cross_match(row: EmployeeRow, match: CrossMatch) -> EmployeeRow:
    name = titles.FIELD_NAMES[match.field]
    education = tuple(
        e if e.level == "SMA" else replace(e, field_code=match.field, major=f"Magister {name}" if e.level == "S2" else name)
        for e in row.education
    )  # fmt: skip
    front, back = titles.for_degree(education[-1].level, match.field)
    *past, current = row.placements
    if past:  # one earlier post over the same period, so the experience months stay honest
        past = [PlacementRow(past[0].start, past[-1].end, match.past)]
    return replace(row, education=education, front_title=front, back_title=back, placements=(*past, current))
