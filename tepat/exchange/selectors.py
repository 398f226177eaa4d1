"""Reads of the exchange app: import batches, downloadable templates, and export rows in the import layout
(so an export of the employee or position list can be imported back unchanged)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from tepat.core.types import Viewer
from tepat.engine.reference import RANK_BY_CODE
from tepat.exchange.columns import COLUMNS, EMPLOYEE_COLUMNS, POSITION_COLUMNS, ImportKind
from tepat.exchange.models import ImportBatch
from tepat.exchange.safety import Sheet
from tepat.organization.models import Position
from tepat.organization.selectors import PositionFilters, position_list
from tepat.people.models import EducationHistory, Employee
from tepat.people.selectors import EmployeeFilters, employee_list

SUMMARY_KEYS: tuple[str, ...] = (
    "nip",
    "name",
    "front_title",
    "back_title",
    "gender",
    "status",
    "rank",
    "rank_tmt",
)
SUMMARY_KEYS += ("position_code", "position_tmt", "unit_code", "education_level")
EXTRA_SUMMARY = ("Jabatan", "Unit Kerja")


def import_batch_list(*, viewer: Viewer) -> QuerySet[ImportBatch]:
    return ImportBatch.objects.select_related("created_by").order_by("-created_at")[:50]


def import_batch_get(*, viewer: Viewer, public_id: str) -> ImportBatch:
    return ImportBatch.objects.select_related("created_by", "committed_by").get(public_id=public_id)


def template_sheets(*, kind: str) -> list[Sheet]:
    """The empty data sheet (first, read by the importer) and a sheet explaining every column."""
    columns = COLUMNS[kind]
    headers = [c.header for c in columns]
    texts = frozenset(c.header for c in columns if c.text)
    guide = [(c.header, "ya" if c.required else "", c.note, c.example, ", ".join(c.aliases)) for c in columns]
    guide_headers = ["Kolom", "Wajib", "Keterangan", "Contoh", "Nama lain yang diterima (SIASN)"]
    return [
        Sheet("Data", headers, [], texts),
        Sheet("Petunjuk", guide_headers, guide, frozenset(guide_headers)),
    ]


def _golongan(code: int | None) -> str:
    return RANK_BY_CODE[code].golongan if code else ""


def _employee_values(employee: Employee, full_nik: bool) -> dict[str, Any]:
    latest = max(employee.education_history.all(), key=lambda e: e.year, default=None)
    return {
        "nip": employee.nip,
        "name": employee.name,
        "front_title": employee.front_title,
        "back_title": employee.back_title,
        "birth_place": employee.birth_place,
        "birth_date": employee.birth_date,
        "gender": employee.gender,
        "nik": employee.nik if full_nik else employee.nik_masked,
        "status": employee.status,
        "tmt_cpns": employee.tmt_cpns,
        "contract_end": employee.contract_end,
        "rank": _golongan(employee.rank),
        "rank_tmt": employee.rank_tmt,
        "position_code": employee.seat.position.code if employee.seat else "",
        "position_tmt": employee.position_since,
        "unit_code": employee.unit.code if employee.unit else "",
        "education_level": employee.education_level,
        "education_field": employee.education_field.code if employee.education_field else "",
        "education_major": latest.major if latest else "",
        "education_year": latest.year if latest else None,
        "identity_exception": employee.identity_exception,
    }


def employee_export(*, viewer: Viewer, filters: EmployeeFilters, complete: bool, full_nik: bool) -> Sheet:
    """The employee list in the viewer's scope; `complete` = every template column (birth date, NIK …)."""
    employees = employee_list(viewer=viewer, filters=filters).prefetch_related(
        Prefetch("education_history", queryset=EducationHistory.objects.only("employee_id", "year", "major"))
    )
    columns = EMPLOYEE_COLUMNS if complete else tuple(c for c in EMPLOYEE_COLUMNS if c.key in SUMMARY_KEYS)
    headers = [c.header for c in columns] + ([] if complete else list(EXTRA_SUMMARY))

    def rows() -> Iterator[list[Any]]:
        for employee in employees.iterator(chunk_size=2000):
            values = _employee_values(employee, full_nik)
            row = [values[c.key] for c in columns]
            if not complete:
                post = employee.seat.position if employee.seat else None
                row += [post.name if post else "", employee.unit.name if employee.unit else ""]
            yield row

    texts = frozenset(c.header for c in columns if c.text)
    return Sheet("Pegawai", headers, rows(), texts)


def _position_values(position: Position) -> dict[str, Any]:
    return {
        "code": position.code,
        "name": position.name,
        "unit_code": position.unit.code,
        "kind": position.kind,
        "jenjang": position.jenjang,
        "kelas_jabatan": position.kelas_jabatan,
        "is_head": "Ya" if position.is_head else "Tidak",
        "min_rank": _golongan(position.min_rank),
        "max_rank": _golongan(position.max_rank),
        "min_education": position.min_education,
        "education_fields": ";".join(sorted(f.code for f in position.education_fields.all())),
        "competencies": ";".join(
            f"{s.competency.code}={s.level}" for s in position.required_competencies.all()
        ),
        "seats": getattr(position, "seat_count", None),
        "family": position.family,
        "requires_pns": "Ya" if position.requires_pns else "Tidak",
    }


def position_export(*, viewer: Viewer, filters: PositionFilters) -> Sheet:
    positions = position_list(viewer=viewer, filters=filters).prefetch_related(
        "education_fields", "required_competencies__competency"
    )
    headers = [c.header for c in POSITION_COLUMNS] + ["Formasi Terisi", "Unit Kerja"]

    def rows() -> Iterator[list[Any]]:
        for position in positions:
            values = _position_values(position)
            extra = [getattr(position, "occupied_count", None), position.unit.name]
            yield [values[c.key] for c in POSITION_COLUMNS] + extra

    return Sheet("Jabatan", headers, rows(), frozenset(c.header for c in POSITION_COLUMNS if c.text))


def kind_label(kind: str) -> str:
    return ImportKind(kind).label
