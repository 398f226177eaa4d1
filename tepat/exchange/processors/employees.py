"""Data utama pegawai: new NIPs are created through `employees_bulk_create` (with golongan, jabatan and
pendidikan as their first records); known NIPs are updated through `employee_update` / `employee_set_rank`.

An empty optional cell never clears a stored value. The current post of a known employee is not changed by an
import: a move goes through the transfer workflow (a note in the preview says so).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tepat.exchange import cells
from tepat.exchange.columns import EMPLOYEE_COLUMNS, ImportKind
from tepat.exchange.processors.base import Changes, Plan
from tepat.exchange.reading import Problem, Table
from tepat.exchange.rows import RowReader
from tepat.organization.bulk import chunks
from tepat.organization.models import Position
from tepat.people.models import EducationHistory, Employee, PositionHistory, RankHistory
from tepat.people.services.bulk import (
    EducationRow,
    EmployeeRow,
    PlacementRow,
    RankRow,
    employees_bulk_create,
    employees_bulk_validate,
)
from tepat.people.services.employees import employee_update, identity_problems
from tepat.people.services.placement import employee_set_rank

PENDING_REASON = "(menunggu keputusan admin)"
SCALARS: tuple[str, ...] = (
    "name",
    "front_title",
    "back_title",
    "birth_place",
    "birth_date",
    "gender",
    "nik",
    "status",
)
SCALARS += ("tmt_cpns", "contract_end")
IDENTITY = frozenset({"nik", "birth_date", "gender", "tmt_cpns"})
HEADERS = {column.key: column.header for column in EMPLOYEE_COLUMNS}
BULK_FIELD_HEADERS = {
    "placements": "Kode Jabatan",
    "rank": "Golongan",
    "education": "Kode Jurusan",
    "education_field": "Kode Jurusan",
    "status": "Status Kepegawaian",
}


def _read(reader: RowReader) -> dict[str, Any]:
    get, today = reader.get, reader.today
    return {
        "nip": get("nip", cells.digits_id, length=18, label="NIP"),
        "nik": get("nik", cells.digits_id, length=16, label="NIK"),
        "name": get("name", cells.text, max_length=150),
        "front_title": get("front_title", cells.text, max_length=30),
        "back_title": get("back_title", cells.text, max_length=40),
        "birth_place": get("birth_place", cells.text, max_length=80),
        "birth_date": get("birth_date", cells.day, today=today),
        "gender": get("gender", cells.gender),
        "status": get("status", cells.status),
        "tmt_cpns": get("tmt_cpns", cells.day, today=today),
        "contract_end": get("contract_end", cells.day),
        "rank": get("rank", cells.rank),
        "rank_tmt": get("rank_tmt", cells.day, today=today),
        "position_code": get("position_code", cells.text, max_length=40),
        "position_tmt": get("position_tmt", cells.day, today=today),
        "unit_code": get("unit_code", cells.text, max_length=40),
        "education_level": get("education_level", cells.education_level),
        "education_field": get("education_field", cells.text, max_length=20),
        "education_major": get("education_major", cells.text, max_length=150),
        "education_year": get("education_year", cells.whole),
        "identity_exception": get("identity_exception", cells.text, max_length=500),
    }


PAIRS = (("rank", "rank_tmt"), ("position_code", "position_tmt"), ("education_year", "education_level"))


def _pairs(reader: RowReader, values: dict[str, Any], pairs: tuple[tuple[str, str], ...]) -> None:
    """A new golongan or jabatan needs its TMT; a year of graduation needs the level."""
    for key, partner in pairs:
        if values.get(key) and not values.get(partner):
            reader.problem(partner, f"wajib diisi bila {HEADERS[key]} diisi")
    year = values.get("education_year")
    if year is not None and not 1950 <= year <= reader.today.year:
        reader.problem("education_year", f"tahun {year} tidak masuk akal")


def _identity(reader: RowReader, values: dict[str, Any]) -> bool:
    """NIP/NIK against birth date and gender: known national-data mismatches become decisions (unless the row
    gives its own reason), the rest errors. True when a decision is needed."""
    if values["identity_exception"]:
        return False
    found = identity_problems(
        nip=values["nip"],
        nik=values["nik"] or "",
        birth_date=values["birth_date"],
        gender=values["gender"] or None,
        tmt_cpns=values["tmt_cpns"],
    )
    decisions = [p for p in found if p.acceptable_with_reason]
    for problem in found:
        severity = "decision" if problem.acceptable_with_reason else "error"
        reader.problem(problem.field, problem.message, severity=severity)
    return bool(decisions)


@dataclass
class _Payload:
    new_rows: list[EmployeeRow] = field(default_factory=list)
    pending: set[int] = field(default_factory=set)  # indexes into new_rows awaiting the admin's reason
    updates: list[tuple[Employee, dict[str, Any], tuple[int, date] | None]] = field(default_factory=list)


def _new_row(values: dict[str, Any], pending: bool) -> EmployeeRow:
    v = values
    return EmployeeRow(
        nip=v["nip"],
        name=v["name"],
        gender=v["gender"],
        birth_date=v["birth_date"],
        status=v["status"],
        nik=v["nik"] or "",
        front_title=v["front_title"] or "",
        back_title=v["back_title"] or "",
        birth_place=v["birth_place"] or "",
        tmt_cpns=v["tmt_cpns"],
        contract_end=v["contract_end"],
        education_level=v["education_level"] or "",
        education_field_code=v["education_field"] or "",
        identity_exception=v["identity_exception"] or (PENDING_REASON if pending else ""),
        ranks=(RankRow(v["rank"], v["rank_tmt"]),) if v["rank"] and v["rank_tmt"] else (),
        placements=(PlacementRow(start=v["position_tmt"], position_code=v["position_code"]),)
        if v["position_code"] and v["position_tmt"]
        else (),
        education=(
            EducationRow(
                v["education_level"],
                v["education_year"],
                v["education_field"] or "",
                v["education_major"] or "",
            ),
        )
        if v["education_level"] and v["education_year"]
        else (),
    )


def _changes(employee: Employee, values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: values[key]
        for key in SCALARS
        if values.get(key) not in (None, "") and getattr(employee, key) != values[key]
    }


def _existing(nips: list[str]) -> dict[str, Employee]:
    found: dict[str, Employee] = {}
    for part in chunks(sorted(set(nips))):
        found.update(
            {e.nip: e for e in Employee.objects.filter(nip__in=part).select_related("seat__position__unit")}
        )
    return found


class EmployeeProcessor:
    kind = ImportKind.EMPLOYEES

    def plan(self, table: Table, *, today: date) -> Plan:
        plan, payload = Plan(rows_total=len(table.rows)), _Payload()
        parsed: list[tuple[RowReader, dict[str, Any]]] = []
        seen: set[str] = set()
        for number, row_cells in table.rows:
            reader = RowReader(number, row_cells, EMPLOYEE_COLUMNS, today)
            values = _read(reader)
            _pairs(reader, values, PAIRS[2:])
            if values["nip"] and values["nip"] in seen:
                reader.problem("nip", f"NIP {values['nip']} muncul lebih dari sekali dalam berkas")
            seen.add(values["nip"] or "")
            parsed.append((reader, values))
        _check_units(parsed)
        existing = _existing([v["nip"] for r, v in parsed if r.ok])
        new_numbers: list[int] = []
        for reader, values in parsed:
            if reader.ok:
                self._classify(reader, values, existing.get(values["nip"]), plan, payload, new_numbers)
            plan.problems += reader.problems
        self._validate_new(payload, new_numbers, plan)
        plan.payload = payload
        return plan

    def _classify(
        self,
        reader: RowReader,
        values: dict[str, Any],
        employee: Employee | None,
        plan: Plan,
        payload: _Payload,
        new_numbers: list[int],
    ) -> None:
        if employee is None:
            _pairs(reader, values, PAIRS[:2])
            pending = _identity(reader, values)
            if pending:
                payload.pending.add(len(payload.new_rows))
            payload.new_rows.append(_new_row(values, pending))
            new_numbers.append(reader.number)
            return
        data = _changes(employee, values)
        if IDENTITY & set(data):
            _identity(reader, {**values, "nip": employee.nip})
        if values.get("rank") and values["rank"] != employee.rank:
            _pairs(reader, values, PAIRS[:1])
        rank = _rank_change(employee, values)
        _note_post(reader, employee, values)
        if data or rank:
            payload.updates.append((employee, data, rank))
            plan.updated += 1
        else:
            plan.unchanged += 1

    def _validate_new(self, payload: _Payload, numbers: list[int], plan: Plan) -> None:
        plan.created = len(payload.new_rows)
        known = {(p.row, p.column, p.message) for p in plan.problems}
        for problem in employees_bulk_validate(payload.new_rows):
            header = BULK_FIELD_HEADERS.get(problem.field, HEADERS.get(problem.field, problem.field))
            if (numbers[problem.row - 1], header, problem.message) not in known:
                plan.problems.append(Problem(numbers[problem.row - 1], header, problem.message))

    def apply(self, plan: Plan, *, actor: Any, reason: str, label: str) -> Changes:
        payload: _Payload = plan.payload
        changes = Changes()
        rows = [
            replace(row, identity_exception=reason) if index in payload.pending else row
            for index, row in enumerate(payload.new_rows)
        ]
        created = employees_bulk_create(actor=actor, rows=rows, reason=label) if rows else []
        changes.add_created(created)
        ids = [employee.pk for employee in created]
        for model in (RankHistory, PositionHistory, EducationHistory):
            for part in chunks(ids):
                changes.add_created(model.objects.filter(employee_id__in=part).only("pk"))
        for employee, data, rank in payload.updates:
            _update(employee, data, rank, actor=actor, reason=reason, changes=changes)
        return changes


def _rank_change(employee: Employee, values: dict[str, Any]) -> tuple[int, date] | None:
    rank, tmt = values.get("rank"), values.get("rank_tmt")
    if not rank or not tmt or (employee.rank_tmt is not None and tmt <= employee.rank_tmt):
        return None
    return rank, tmt


def _note_post(reader: RowReader, employee: Employee, values: dict[str, Any]) -> None:
    code = values.get("position_code")
    current = employee.seat.position.code if employee.seat else ""
    if code and code != current:
        reader.problem(
            "position_code",
            f"jabatan sekarang di Tepat {current or '(kosong)'}; impor tidak memindahkan pegawai "
            "(perpindahan lewat usulan mutasi)",
            severity="note",
        )


def _check_units(parsed: list[tuple[RowReader, dict[str, Any]]]) -> None:
    """The unit column, when given, must agree with the unit of the position named in the row."""
    codes = sorted({v["position_code"] for _, v in parsed if v.get("position_code") and v.get("unit_code")})
    units: dict[str, str] = {}
    for part in chunks(codes):
        units.update(Position.objects.filter(code__in=part).values_list("code", "unit__code"))
    for reader, values in parsed:
        unit = units.get(values.get("position_code") or "")
        if unit and values.get("unit_code") and values["unit_code"] != unit:
            reader.problem(
                "unit_code",
                f"jabatan {values['position_code']} ada di unit {unit}, bukan {values['unit_code']}",
            )


def _update(
    employee: Employee,
    data: dict[str, Any],
    rank: tuple[int, date] | None,
    *,
    actor: Any,
    reason: str,
    changes: Changes,
) -> None:
    old = {key: getattr(employee, key) for key in data}
    if rank is not None:
        old |= {"rank": employee.rank, "rank_tmt": employee.rank_tmt}
    if data:
        employee = employee_update(actor=actor, employee=employee, data=data, identity_exception=reason)
    if rank is not None:
        record = employee_set_rank(actor=actor, employee=employee, rank=rank[0], tmt=rank[1])
        changes.add_created([record])
    employee.refresh_from_db(fields=["version"])
    changes.add_updated(employee, {**old, "version": employee.version})
