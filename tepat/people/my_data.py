""" "Data Saya": the employee's own record and its processing history (UU 27/2022 Pasal 32; SECURITY.md T29).

What goes in, and what never does (Pasal 33: access must not reveal another person's data):
- Everything stored about the employee themselves, full NIK included (SECURITY.md §7: the own export shows it).
- Family relations the employee declared: the kind, the declaration date and the relative's name as declared.
  The relative is an employee too, i.e. another data subject: their NIP, NIK, birth date, unit and position
  are the relative's data and are left out. Declarations *other* employees made naming this employee are the
  other employee's statements and are left out as well.
- Moves and notices about the employee; not who verified or decided them (officials are named by role/unit).
- Processing history: every audit row whose subject is this employee or one of their records, moves or SKs,
  or a candidate ranking that listed them. Per row: when, what (action, category, the names of the fields
  touched — not the values, which may hold other people's data), and by which role and unit. The official's
  name is left out: Pasal 32 asks who processed the data, which is the office acting in a role; the
  official's name is their own personal data. The employee's own actions read "Anda sendiri".
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.engine.privacy import ACTION_CATEGORIES, Grant, acting_as
from tepat.exchange.safety import Sheet, xlsx_bytes
from tepat.people.models import (
    CompetencyAssessment,
    DisciplinaryRecord,
    EducationHistory,
    Employee,
    EmployeePreference,
    FamilyRelation,
    PerformanceRecord,
    PositionHistory,
    RankHistory,
    StudyLeave,
    TrainingRecord,
)

FORMATS = ("xlsx", "json")
OBJECT_LABELS = {
    "people.employee": "Profil pegawai",
    "transfers.move": "Usulan mutasi",
    "transfers.decree": "SK mutasi",
    "planning.candidateranking": "Peringkat kandidat",
}
# Features owned by other apps, looked up by name and skipped when absent: (app, model, title, path to the
# employee). Only their plain fields are exported; relations (who filed, answered, reviewed) are left out.
OPTIONAL_OWN_MODELS = (
    ("transfers", "Objection", "Keberatan", "move__employee"),
    ("transfers", "CorrectionRequest", "Permintaan perbaikan data", "employee"),
    ("transfers", "PulseSurvey", "Survei pasca-mutasi", "employee"),
    ("development", "DevelopmentPlan", "Rencana pengembangan", "employee"),
    ("development", "PlanItem", "Kegiatan pengembangan", "plan__employee"),
    ("evaluation", "Review", "Tinjauan atasan", "schedule__employee"),
)


@dataclass
class Section:
    key: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


@dataclass
class MyData:
    employee: Employee
    generated_at: datetime
    sections: list[Section]
    history: Section


def _date(value: date | None) -> str:
    return value.isoformat() if value else ""


def _profile(e: Employee) -> Section:
    rows = [
        ["NIP", e.nip],
        ["NIK", e.nik],
        ["Nama", e.full_name],
        ["Jenis kelamin", e.get_gender_display()],
        ["Tempat lahir", e.birth_place],
        ["Tanggal lahir", _date(e.birth_date)],
        ["Status kepegawaian", e.status],
        ["TMT CPNS", _date(e.tmt_cpns)],
        ["Akhir perjanjian kerja", _date(e.contract_end)],
        ["Golongan", e.golongan],
        ["Pangkat", e.pangkat],
        ["TMT golongan", _date(e.rank_tmt)],
        ["Unit kerja", e.unit.name if e.unit else ""],
        ["Jabatan", e.seat.position.name if e.seat else ""],
        ["TMT jabatan", _date(e.position_since)],
        ["Pendidikan terakhir", e.education_level],
        ["Jurusan", e.education_field.name if e.education_field else ""],
        ["Aktif", "ya" if e.is_active else "tidak"],
    ]
    return Section("profil", "Profil", ["Data", "Nilai"], rows)


Row = Callable[[Any], list[Any]]
RECORDS: tuple[tuple[str, str, type[models.Model], list[str], Row, Sequence[str]], ...] = (
    (
        "pangkat",
        "Riwayat pangkat",
        RankHistory,
        ["Golongan", "TMT", "Nomor SK"],
        lambda r: [r.get_rank_display(), _date(r.tmt), r.sk_number],
        (),
    ),
    (
        "jabatan",
        "Riwayat jabatan",
        PositionHistory,
        ["Jabatan", "Unit kerja", "Rumpun", "TMT", "Sampai", "Nomor SK"],
        lambda r: [r.position_name, r.unit_name, r.family, _date(r.start), _date(r.end), r.sk_number],
        (),
    ),
    (
        "pendidikan",
        "Riwayat pendidikan",
        EducationHistory,
        ["Jenjang", "Jurusan", "Program studi", "Institusi", "Tahun lulus"],
        lambda r: [r.level, r.field.name if r.field else "", r.major, r.institution, r.year],
        ("field",),
    ),
    (
        "asesmen",
        "Asesmen kompetensi",
        CompetencyAssessment,
        ["Kompetensi", "Level", "Tanggal", "Asesor", "Metode"],
        lambda r: [str(r.competency.name), r.level, _date(r.assessed_on), r.assessor, r.method],
        ("competency",),
    ),
    (
        "skp",
        "SKP",
        PerformanceRecord,
        ["Tahun", "Predikat", "Nilai"],
        lambda r: [r.year, r.predikat, r.score],
        (),
    ),
    (
        "pelatihan",
        "Pelatihan",
        TrainingRecord,
        ["Pelatihan", "Jenis", "JP", "Mulai", "Selesai", "Penyelenggara"],
        lambda r: [r.title, r.get_kind_display(), float(r.jp), _date(r.start), _date(r.end), r.organizer],
        (),
    ),
    (
        "disiplin",
        "Catatan disiplin",
        DisciplinaryRecord,
        ["Tingkat", "Tahap", "Mulai", "Sampai", "Uraian"],
        lambda r: [r.get_level_display(), r.get_stage_display(), _date(r.start), _date(r.end), r.description],
        (),
    ),
    (
        "tugas_belajar",
        "Tugas/izin belajar",
        StudyLeave,
        ["Jenis", "Mulai", "Sampai", "Ikatan dinas sampai"],
        lambda r: [r.get_kind_display(), _date(r.start), _date(r.end), _date(r.bond_until)],
        (),
    ),
    (
        "preferensi",
        "Preferensi penempatan",
        EmployeePreference,
        ["Pilihan", "Unit", "Jabatan", "Alasan", "Keterangan"],
        lambda r: [
            r.rank,
            r.unit.name if r.unit else "",
            r.position.name if r.position else "",
            r.get_reason_display(),
            r.note,
        ],
        ("unit", "position"),
    ),
    (
        "keluarga",
        "Hubungan keluarga",
        FamilyRelation,
        # Only the relative's name as declared: the relative is another data subject (module docstring).
        ["Hubungan", "Nama kerabat (sebagaimana dinyatakan)", "Tanggal pernyataan"],
        lambda r: [r.get_kind_display(), r.relative.full_name, _date(r.declared_on)],
        ("relative",),
    ),
)


def _records(employee: Employee) -> tuple[list[Section], list[Q]]:
    """One query per record type; also the audit keys of those records (object type, pk)."""
    sections, keys = [], []
    for key, title, model, headers, row, related in RECORDS:
        rows = list(model._default_manager.filter(employee=employee).select_related(*related))
        sections.append(Section(key, title, headers, [row(r) for r in rows]))
        if rows:
            keys.append(Q(object_type=model._meta.label_lower, object_id__in=[str(r.pk) for r in rows]))
    return sections, keys


def _moves(employee: Employee) -> tuple[list[Section], list[Q]]:
    from tepat.transfers.models import Move, Notice

    moves = list(
        Move.objects.filter(employee=employee)
        .select_related("origin_unit", "target_seat__position__unit", "decree")
        .order_by("created_at")
    )
    move_rows = [
        [
            m.get_mutation_type_display(),
            m.origin_unit.name if m.origin_unit else "",
            m.target_seat.position.name,
            m.target_seat.position.unit.name,
            m.status_label,
            "ya" if m.own_request else "tidak",
            m.reason,
            _date(m.decided_on),
            m.decision_reason,
            m.decree.number_text if m.decree else "",
            _date(m.tmt),
        ]
        for m in moves
    ]
    notices = Notice.objects.filter(employee=employee).order_by("created_at")
    notice_rows = [
        [n.title, n.kind, n.created_at, n.read_at, json.dumps(n.body, ensure_ascii=False, default=str)]
        for n in notices
    ]
    headers = ["Jenis mutasi", "Unit asal", "Jabatan tujuan", "Unit tujuan", "Status"]
    headers += [
        "Atas permintaan sendiri",
        "Alasan usulan",
        "Tanggal keputusan",
        "Alasan keputusan",
        "Nomor SK",
    ]
    sections = [
        Section("mutasi", "Usulan mutasi", [*headers, "TMT"], move_rows),
        Section("pemberitahuan", "Pemberitahuan", ["Judul", "Jenis", "Dibuat", "Dibaca", "Isi"], notice_rows),
    ]
    keys = []
    if moves:
        keys.append(Q(object_type="transfers.move", object_id__in=[str(m.public_id) for m in moves]))
        decrees = {str(m.decree.public_id) for m in moves if m.decree}
        if decrees:
            keys.append(Q(object_type="transfers.decree", object_id__in=sorted(decrees)))
    return sections, keys


def _optional(employee: Employee) -> tuple[list[Section], list[Q]]:
    """Own rows of models other apps add (objections, corrections, surveys, plans, reviews), if present;
    and their audit keys (public id, else pk, as `tepat.core.audit` writes them)."""
    sections, keys = [], []
    for app_label, name, title, path in OPTIONAL_OWN_MODELS:
        try:
            model = apps.get_model(app_label, name)
        except LookupError:
            continue
        plain = [f for f in model._meta.concrete_fields if not f.is_relation and f.name != "id"]
        rows = list(model._default_manager.filter(**{path: employee}))
        sections.append(
            Section(
                name.lower(),
                title,
                [str(f.verbose_name) for f in plain],
                [[_cell(getattr(obj, f.attname)) for f in plain] for obj in rows],
            )
        )
        if rows:
            ids = [str(getattr(obj, "public_id", obj.pk)) for obj in rows]
            keys.append(Q(object_type=model._meta.label_lower, object_id__in=ids))
    return sections, keys


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


HISTORY_HEADERS = [
    "Waktu",
    "Kegiatan",
    "Kategori data",
    "Objek",
    "Data yang disentuh",
    "Oleh (peran)",
    "Unit",
]


def processing_history(employee: Employee, keys: Iterable[Q]) -> Section:
    """Every audit row about this employee, oldest first; actors as role and unit only."""
    subject = Q(object_type="people.employee", object_id=str(employee.public_id))
    for key in keys:
        subject |= key
    # Candidate rankings list the employees shown by public id in their `changes`.
    subject |= Q(action="view_candidate_ranking", changes__shown__icontains=str(employee.public_id))
    entries = list(
        AuditEntry.objects.filter(subject)
        .order_by("created_at", "id")
        .values("created_at", "actor_id", "actor_label", "role", "action", "object_type", "changes", "kind")
    )
    grants = _grants({e["actor_id"] for e in entries if e["actor_id"]})
    rows = []
    for e in entries:
        when = timezone.localtime(e["created_at"])
        if e["actor_id"] is not None and e["actor_id"] == employee.user_id:
            role, unit = "Anda sendiri", ""
        elif e["actor_id"] is None:
            role, unit = ("Sistem", "") if e["actor_label"].startswith("system") else ("—", "")
        else:
            role, unit = acting_as(grants.get(e["actor_id"], []), when.date(), recorded_role=e["role"])
        changes = e["changes"] if isinstance(e["changes"], dict) else {}
        rows.append(
            [
                when,
                e["action"],
                ACTION_CATEGORIES.get(e["action"], AuditEntry.Kind(e["kind"]).label),
                OBJECT_LABELS.get(e["object_type"], e["object_type"]),
                ", ".join(sorted(changes)),  # field names only: values may name other people
                role,
                unit,
            ]
        )
    return Section("rekam_jejak", "Rekam jejak pemrosesan", HISTORY_HEADERS, rows)


def _grants(actor_ids: set[int]) -> dict[int, list[Grant]]:
    from tepat.accounts.models import RoleGrant

    grants: dict[int, list[Grant]] = {}
    for g in RoleGrant.objects.filter(user_id__in=actor_ids).select_related("unit"):
        grants.setdefault(g.user_id, []).append(
            Grant(g.role, g.unit.name if g.unit else "", g.valid_from, g.valid_to)
        )
    return grants


def my_data_build(*, employee: Employee) -> MyData:
    employee = Employee.objects.select_related("unit", "seat__position", "education_field").get(
        pk=employee.pk
    )
    record_sections, record_keys = _records(employee)
    move_sections, move_keys = _moves(employee)
    optional_sections, optional_keys = _optional(employee)
    sections = [_profile(employee), *record_sections, *move_sections, *optional_sections]
    history = processing_history(employee, [*record_keys, *move_keys, *optional_keys])
    return MyData(employee, timezone.now(), sections, history)


def my_data_export(*, actor: Any, employee: Employee, fmt: str) -> tuple[bytes, str]:
    """The file and its extension; the request is logged (with its time) in the same transaction."""
    if fmt not in FORMATS:
        raise ValueError("Format unduhan harus xlsx atau json.")
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="my_data_export",
            obj=employee,
            kind=AuditEntry.Kind.ACCESS,
            changes={"format": fmt, "basis": "UU 27/2022 Pasal 32"},
        )
        data = my_data_build(employee=employee)
    return (to_json(data) if fmt == "json" else to_xlsx(data)), fmt


def to_json(data: MyData) -> bytes:
    def as_dicts(section: Section) -> list[dict[str, Any]]:
        return [dict(zip(section.headers, row, strict=True)) for row in section.rows]

    document = {
        "dasar_hukum": "UU 27/2022 tentang Pelindungan Data Pribadi, Pasal 32",
        "dibuat_pada": data.generated_at.isoformat(),
        "pegawai": str(data.employee.public_id),
        "data": {s.key: as_dicts(s) for s in data.sections if s.key != "profil"},
        "profil": {row[0]: row[1] for row in data.sections[0].rows},
        "rekam_jejak_pemrosesan": as_dicts(data.history),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def to_xlsx(data: MyData) -> bytes:
    sheets = [Sheet(s.title, s.headers, s.rows) for s in data.sections]
    sheets.append(Sheet(data.history.title, data.history.headers, data.history.rows))
    content, _ = xlsx_bytes(sheets)
    return content
