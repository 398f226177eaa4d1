"""UU 27/2022 (PDP) logic without Django: report periods, data categories of audit actions, who acted in
which role on a given day, the breach-scoping summary (Pasal 46) and the notice built from it.

The Django side reads audit rows and role grants, turns them into the plain tuples below and renders the
results; nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tepat.engine.roles import ROLE_LABELS

# A breach-scoping report over more than a year is a different question (a full audit); refuse it here.
MAX_REPORT_DAYS = 366

# What each read/export action exposes, in words a data subject and the DPO understand.
ACTION_CATEGORIES: dict[str, str] = {
    "view_profile": "Profil pegawai lengkap (identitas, riwayat, SKP)",
    "view_employee_fit": "Kecocokan jabatan dan kompetensi",
    "view_candidate_ranking": "Peringkat kandidat (kompetensi, SKP, masa jabatan)",
    "document_download": "Dokumen usulan mutasi",
    "petikan_download": "Petikan SK mutasi",
    "decree_download": "SK mutasi beserta lampiran",
    "minutes_download": "Berita acara Tim Penilai Kinerja",
    "notice_read": "Pemberitahuan mutasi",
    "my_data_export": "Ekspor data pribadi oleh pegawai sendiri",
    "export": "Ekspor berkas (Excel/CSV/PDF)",
}
FULL_NIK_CATEGORY = "NIK lengkap"


class PeriodError(ValueError):
    """A report period the user must fix; the message names the field in Bahasa Indonesia."""


def check_period(start: date | None, end: date | None, *, today: date) -> tuple[date, date]:
    """The inclusive report period [start, end], or PeriodError naming the field at fault."""
    if start is None:
        raise PeriodError("Tanggal mulai wajib diisi.")
    if end is None:
        raise PeriodError("Tanggal sampai wajib diisi.")
    if end < start:
        raise PeriodError("Tanggal sampai tidak boleh sebelum tanggal mulai.")
    if start > today:
        raise PeriodError("Tanggal mulai tidak boleh di masa depan.")
    if (end - start).days + 1 > MAX_REPORT_DAYS:
        raise PeriodError(f"Periode paling lama {MAX_REPORT_DAYS} hari; pecah menjadi beberapa laporan.")
    return start, end


def category_of(action: str, *, full_nik: bool = False) -> str:
    label = ACTION_CATEGORIES.get(action, action.replace("_", " "))
    return f"{label}; {FULL_NIK_CATEGORY}" if full_nik else label


# --- who acted, by role and unit ------------------------------------------------------------------------


@dataclass(frozen=True)
class Grant:
    role: str
    unit_name: str
    valid_from: date
    valid_to: date | None


def acting_as(grants: Sequence[Grant], day: date, *, recorded_role: str = "") -> tuple[str, str]:
    """(role label, unit) of an actor on `day`: the role recorded on the row if any, else the grants that
    were valid that day (several roles joined). Unit: the grant's unit, else "BKPP" for government-wide
    roles. Names never appear: a data subject learns the office that processed them (see my_data)."""
    valid = [g for g in grants if g.valid_from <= day and (g.valid_to is None or g.valid_to >= day)]
    if recorded_role:
        valid = [g for g in valid if g.role == recorded_role] or [Grant(recorded_role, "", day, None)]
    if not valid:
        return "—", "—"
    roles = sorted({ROLE_LABELS.get(g.role, g.role) for g in valid})
    units = sorted({g.unit_name for g in valid if g.unit_name})
    return ", ".join(roles), ", ".join(units) or "Pemerintah Daerah (seluruh unit)"


# --- breach scoping (Pasal 46) --------------------------------------------------------------------------


@dataclass(frozen=True)
class Access:
    """One aggregated group of audit rows: `count` reads of one subject by one action."""

    subject: str  # the employee's public id
    action: str
    count: int
    first: datetime
    last: datetime
    full_nik: bool = False


@dataclass
class SubjectExposure:
    subject: str
    count: int = 0
    first: datetime | None = None
    last: datetime | None = None
    categories: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class BulkExport:
    """An export whose rows the audit trail does not itemise: every subject in its scope counts as exposed."""

    at: datetime
    subject_type: str
    filename: str
    fmt: str
    rows: int


def exposures(accesses: Iterable[Access]) -> list[SubjectExposure]:
    """Per data subject: total reads, first and last time, data categories; most-read first."""
    by_subject: dict[str, SubjectExposure] = {}
    for access in accesses:
        row = by_subject.setdefault(access.subject, SubjectExposure(access.subject))
        row.count += access.count
        row.first = access.first if row.first is None else min(row.first, access.first)
        row.last = access.last if row.last is None else max(row.last, access.last)
        row.categories.add(ACTION_CATEGORIES.get(access.action, access.action))
        if access.full_nik:
            row.categories.add(FULL_NIK_CATEGORY)
        row.actions.add(access.action)
    return sorted(by_subject.values(), key=lambda r: (-r.count, r.subject))


@dataclass(frozen=True)
class NoticeSection:
    heading: str
    lines: tuple[str, ...]


DPO_PLACEHOLDER = "[diisi Pejabat Pelindungan Data Pribadi]"


def breach_notice(
    *,
    account: str,
    start: date,
    end: date,
    subjects: Sequence[SubjectExposure],
    bulk: Sequence[BulkExport],
    controller: str,
) -> list[NoticeSection]:
    """The Pasal 46(2) notice content: the data exposed; when and how; handling and recovery.
    Facts come from the trail; what only people know is left as a visible placeholder for the DPO."""
    categories = sorted({c for s in subjects for c in s.categories})
    first = min((s.first for s in subjects if s.first), default=None)
    last = max((s.last for s in subjects if s.last), default=None)
    exposed = [
        f"Jumlah subjek data yang datanya dibaca atau diekspor: {len(subjects)} orang.",
        "Kategori data: " + ("; ".join(categories) if categories else "tidak ada pembacaan per orang") + ".",
    ]
    for export in bulk:
        exposed.append(
            f"Ekspor massal {export.fmt.upper()} '{export.filename}' ({export.rows} baris, "
            f"{export.subject_type or 'jenis tidak tercatat'}) pada {export.at:%d-%m-%Y %H:%M}: "
            "semua orang dalam cakupan berkas dianggap terdampak."
        )
    when = [
        f"Akun yang diperiksa: {account}; periode pemeriksaan {start:%d-%m-%Y} s.d. {end:%d-%m-%Y}.",
        (
            f"Akses pertama tercatat {first:%d-%m-%Y %H:%M}, terakhir {last:%d-%m-%Y %H:%M}."
            if first and last
            else "Tidak ada akses per orang tercatat dalam periode ini."
        ),
        "Cara: melalui aplikasi Tepat dengan akun tersebut (tercatat pada jejak audit, termasuk alamat IP).",
        f"Kronologi dan cara kebocoran diketahui: {DPO_PLACEHOLDER}",
    ]
    handling = [
        f"Akun {account} dinonaktifkan dan seluruh sesinya diakhiri: {DPO_PLACEHOLDER}",
        f"Langkah penanganan dan pemulihan yang telah dan akan dilakukan: {DPO_PLACEHOLDER}",
        f"Saran bagi subjek data untuk mengurangi dampak: {DPO_PLACEHOLDER}",
        f"Narahubung: Pejabat Pelindungan Data Pribadi {controller}, {DPO_PLACEHOLDER}",
    ]
    return [
        NoticeSection("1. Data pribadi yang terungkap", tuple(exposed)),
        NoticeSection("2. Kapan dan bagaimana data pribadi terungkap", tuple(when)),
        NoticeSection("3. Upaya penanganan dan pemulihan", tuple(handling)),
    ]


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, end+1 00:00) as naive datetimes; the caller attaches the office time zone."""
    return datetime.combine(start, datetime.min.time()), datetime.combine(
        end + timedelta(days=1), datetime.min.time()
    )
