"""History records of known employees (jabatan, pendidikan, asesmen, SKP, pelatihan), matched by NIP.

A row whose natural key (e.g. NIP + tahun for SKP) already exists is unchanged, or an update when a compared
field differs; any other row is created. The writes are the people service's (`records_bulk_add`,
`records_bulk_update`); this module only reads, matches and reports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from tepat.core.audit import diff
from tepat.exchange import cells
from tepat.exchange.columns import (
    ASSESSMENT_COLUMNS,
    EDUCATION_COLUMNS,
    PERFORMANCE_COLUMNS,
    POSITION_HISTORY_COLUMNS,
    TRAINING_COLUMNS,
    Column,
    ImportKind,
)
from tepat.exchange.processors.base import Changes, Plan
from tepat.exchange.processors.record_checks import Lookups, check_periods, load_lookups
from tepat.exchange.reading import Table
from tepat.exchange.rows import RowReader
from tepat.organization.bulk import chunks
from tepat.people.models import (
    CompetencyAssessment,
    EducationHistory,
    Employee,
    PerformanceRecord,
    PositionHistory,
    TrainingRecord,
)
from tepat.people.services.records import RecordChange, records_bulk_add, records_bulk_update

Reader = Callable[[RowReader], dict[str, Any]]
Resolver = Callable[[RowReader, dict[str, Any], Lookups], None]


@dataclass(frozen=True)
class RecordSpec:
    kind: str
    columns: tuple[Column, ...]
    model: type[models.Model]
    read: Reader
    key: tuple[str, ...]
    compare: tuple[str, ...] = ()
    resolve: Resolver | None = None


@dataclass
class _Payload:
    new: list[dict[str, Any]] = field(default_factory=list)  # field values, relations as ids
    updates: list[tuple[models.Model, dict[str, Any]]] = field(default_factory=list)


def _existing(spec: RecordSpec, employee_ids: list[int]) -> dict[tuple[Any, ...], models.Model]:
    found: dict[tuple[Any, ...], models.Model] = {}
    for part in chunks(sorted(set(employee_ids))):
        for obj in spec.model._default_manager.filter(employee_id__in=part):
            found[(obj.employee_id, *(getattr(obj, k) for k in spec.key))] = obj  # type: ignore[attr-defined]
    return found


class RecordProcessor:
    def __init__(self, spec: RecordSpec) -> None:
        self.spec = spec
        self.kind = spec.kind

    def _parse(self, table: Table, today: date) -> list[tuple[RowReader, dict[str, Any]]]:
        parsed = []
        for number, row_cells in table.rows:
            reader = RowReader(number, row_cells, self.spec.columns, today)
            values = {"nip": reader.get("nip", cells.digits_id, length=18, label="NIP")}
            values |= self.spec.read(reader)
            parsed.append((reader, values))
        return parsed

    def plan(self, table: Table, *, today: date) -> Plan:
        plan, payload = Plan(rows_total=len(table.rows)), _Payload()
        parsed = self._parse(table, today)
        lookups = load_lookups([v["nip"] for r, v in parsed if r.ok and v["nip"]])
        existing = _existing(self.spec, list(lookups.employees.values()))
        seen: set[tuple[Any, ...]] = set()
        for reader, values in parsed:
            if reader.ok:
                self._classify(reader, values, lookups, existing, seen, plan, payload)
            plan.problems += reader.problems
        if self.spec.model is PositionHistory:
            plan.problems += check_periods(parsed, existing.values())
        plan.payload = payload
        return plan

    def _classify(
        self,
        reader: RowReader,
        values: dict[str, Any],
        lookups: Lookups,
        existing: dict[tuple[Any, ...], models.Model],
        seen: set[tuple[Any, ...]],
        plan: Plan,
        payload: _Payload,
    ) -> None:
        employee_id = lookups.employees.get(values.pop("nip"))
        if employee_id is None:
            reader.problem("nip", "NIP tidak terdaftar di Tepat (impor data utama pegawai dulu)")
            return
        if self.spec.resolve is not None:
            self.spec.resolve(reader, values, lookups)
        key = (employee_id, *(values[k] for k in self.spec.key))
        if key in seen:
            reader.problem("nip", "baris ganda untuk data yang sama dalam berkas")
        seen.add(key)
        if not reader.ok:
            return
        values["employee_id"] = employee_id
        values["employee"] = None
        current = existing.get(key)
        if current is None:
            payload.new.append({k: v for k, v in values.items() if k != "employee"})
            plan.created += 1
            return
        data = {k: values[k] for k in self.spec.compare if values[k] not in (None, "")}
        if diff(current, data):
            payload.updates.append((current, data))
            plan.updated += 1
        else:
            plan.unchanged += 1

    def apply(self, plan: Plan, *, actor: Any, reason: str, label: str) -> Changes:
        """Writes through the people service; the batch keeps what changed, for rollback."""
        payload: _Payload = plan.payload
        changes = Changes()
        created = records_bulk_add(actor=actor, kind=self.kind, rows=payload.new, reason=label)
        changes.add_created(created)
        updates = [RecordChange(record, data) for record, data in payload.updates]
        old = records_bulk_update(actor=actor, kind=self.kind, changes=updates, reason=label)
        for record, _ in payload.updates:
            changes.add_updated(record, old[record.pk])
        return changes


# --- the five kinds --------------------------------------------------------------------------------------


def _position_history(r: RowReader) -> dict[str, Any]:
    return {
        "position_name": r.get("position_name", cells.text, max_length=200),
        "unit_name": r.get("unit_name", cells.text, max_length=200),
        "position_code": r.get("position_code", cells.text, max_length=40),
        "start": r.get("start", cells.day, today=r.today),
        "end": r.get("end", cells.day, today=r.today),
        "sk_number": r.get("sk_number", cells.text, max_length=80),
        "family": r.get("family", cells.text, max_length=80),
    }


def _resolve_position(reader: RowReader, values: dict[str, Any], lookups: Lookups) -> None:
    code = values.pop("position_code")
    position = lookups.positions.get(code) if code else None
    if code and position is None:
        reader.problem("position_code", f"jabatan {code} tidak ada di Tepat")
    values["position_id"] = position[0] if position else None
    values["unit_id"] = position[1] if position else None
    if values["start"] and values["end"] and values["end"] < values["start"]:
        reader.problem("end", "TMT selesai sebelum TMT mulai")


def _education(r: RowReader) -> dict[str, Any]:
    year = r.get("year", cells.whole)
    if year is not None and not 1950 <= year <= r.today.year:
        r.problem("year", f"tahun {year} tidak masuk akal")
    return {
        "level": r.get("level", cells.education_level),
        "field_code": r.get("field_code", cells.text, max_length=20),
        "major": r.get("major", cells.text, max_length=150),
        "institution": r.get("institution", cells.text, max_length=150),
        "year": year,
    }


def _resolve_field(reader: RowReader, values: dict[str, Any], lookups: Lookups) -> None:
    code = values.pop("field_code")
    values["field_id"] = lookups.fields.get(code) if code else None
    if code and values["field_id"] is None:
        reader.problem("field_code", f"jurusan {code} tidak dikenal")


def _assessment(r: RowReader) -> dict[str, Any]:
    level = r.get("level", cells.number)
    if level is not None and not 0 <= level <= 5:
        r.problem("level", "level harus 0–5")
    return {
        "competency_code": r.get("competency_code", cells.text, max_length=20),
        "level": float(level) if level is not None else None,
        "assessed_on": r.get("assessed_on", cells.day, today=r.today),
        "assessor": r.get("assessor", cells.text, max_length=150),
        "method": r.get("method", cells.text, max_length=80),
    }


def _resolve_competency(reader: RowReader, values: dict[str, Any], lookups: Lookups) -> None:
    code = values.pop("competency_code")
    values["competency_id"] = lookups.competencies.get(code)
    if values["competency_id"] is None:
        reader.problem("competency_code", f"kompetensi {code} tidak dikenal")


PREDIKAT = {p.lower(): p for p in ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")}


def _performance(r: RowReader) -> dict[str, Any]:
    year = r.get("year", cells.whole)
    if year is not None and not 2000 <= year <= r.today.year:
        r.problem("year", f"tahun {year} tidak masuk akal")
    score = r.get("score", cells.number)
    return {
        "year": year,
        "predikat": r.get("predikat", cells.choice, mapping=PREDIKAT, label="predikat"),
        "score": float(score) if score is not None else None,
    }


KINDS = {"klasikal": "klasikal", "nonklasikal": "nonklasikal", "non klasikal": "nonklasikal"}
KINDS["non-klasikal"] = "nonklasikal"


def _training(r: RowReader) -> dict[str, Any]:
    jp = r.get("jp", cells.number)
    if jp is not None and not 0 < jp < 10000:
        r.problem("jp", "JP harus lebih dari 0")
    start, end = r.get("start", cells.day, today=r.today), r.get("end", cells.day, today=r.today)
    if start and end and end < start:
        r.problem("end", "tanggal selesai sebelum tanggal mulai")
    return {
        "title": r.get("title", cells.text, max_length=200),
        "kind": r.get("kind", cells.choice, mapping=KINDS, label="jenis pelatihan"),
        "jp": jp.quantize(cells.Decimal("0.1")) if jp is not None else None,
        "start": start,
        "end": end,
        "organizer": r.get("organizer", cells.text, max_length=150),
    }


RECORD_PROCESSORS: dict[str, RecordProcessor] = {
    spec.kind: RecordProcessor(spec)
    for spec in (
        RecordSpec(
            ImportKind.POSITION_HISTORY,
            POSITION_HISTORY_COLUMNS,
            PositionHistory,
            _position_history,
            ("start",),
            resolve=_resolve_position,
        ),
        RecordSpec(
            ImportKind.EDUCATION,
            EDUCATION_COLUMNS,
            EducationHistory,
            _education,
            ("level", "year"),
            ("field_id", "major", "institution"),
            _resolve_field,
        ),
        RecordSpec(
            ImportKind.ASSESSMENTS,
            ASSESSMENT_COLUMNS,
            CompetencyAssessment,
            _assessment,
            ("competency_id", "assessed_on"),
            ("level", "assessor", "method"),
            _resolve_competency,
        ),
        RecordSpec(
            ImportKind.PERFORMANCE,
            PERFORMANCE_COLUMNS,
            PerformanceRecord,
            _performance,
            ("year",),
            ("predikat", "score"),
        ),
        RecordSpec(
            ImportKind.TRAININGS,
            TRAINING_COLUMNS,
            TrainingRecord,
            _training,
            ("title", "start"),
            ("kind", "jp", "end", "organizer"),
        ),
    )
}

__all__ = ["RECORD_PROCESSORS", "Employee", "RecordProcessor", "RecordSpec"]
