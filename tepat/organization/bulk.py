"""Bulk writes to the organisation: reference rows, units (paths computed) and positions with requirements and seats.

Plain dataclass rows in, model rows out. Every row is checked before anything is written, so a bad row saves
nothing; rows go in with `bulk_create` and one audit row per created object, written in bulk. The Excel import
and the demo/city generators share this path.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from tepat.core.audit import audit_record_many
from tepat.engine.reference import (
    EDUCATION_ORDER,
    JENJANG_KEAHLIAN,
    JENJANG_KETERAMPILAN,
    RANK_BY_CODE,
    PositionKind,
)
from tepat.organization.models import (
    Competency,
    EducationField,
    Position,
    PositionCompetency,
    Seat,
    Unit,
    UnitKind,
)
from tepat.organization.services import MAX_CHILDREN, PositionSpec

BATCH_SIZE = 1000
CHUNK = 900  # values per IN (...) look-up: below SQLite's historic 999-parameter limit


@dataclass(frozen=True)
class RowProblem:
    """One problem in one input row (1-based), named by field, in words an admin can act on."""

    row: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"baris {self.row}, {self.field}: {self.message}"


def raise_problems(problems: Sequence[RowProblem], limit: int = 50) -> None:
    if problems:
        messages = [str(problem) for problem in problems[:limit]]
        if len(problems) > limit:
            messages.append(f"… dan {len(problems) - limit} masalah lain.")
        raise ValidationError(messages)


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def existing_values(model: type[models.Model], field: str, values: Iterable[Any]) -> set[Any]:
    """Which of `values` already exist in `model.field` (chunked, so any number of values works)."""
    wanted = sorted(set(values))
    found: set[Any] = set()
    for part in chunks(wanted):
        found.update(model._default_manager.filter(**{f"{field}__in": part}).values_list(field, flat=True))
    return found


def bulk_audit(
    *, actor: Any, action: str, objects: Iterable[models.Model], actor_label: str = "", reason: str = ""
) -> int:
    """One audit row per object, written in batches; `actor_label` names a system actor ("system:seed_demo")."""
    return audit_record_many(
        actor=actor, action=action, objects=objects, actor_label=actor_label, reason=reason
    )


# --- reference data --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EducationFieldRow:
    code: str
    name: str
    rumpun: str


@dataclass(frozen=True)
class CompetencyRow:
    code: str
    name: str
    group: str
    description: str = ""


@transaction.atomic
def reference_ensure(
    *,
    actor: Any,
    fields: Sequence[EducationFieldRow] = (),
    competencies: Sequence[CompetencyRow] = (),
    actor_label: str = "",
) -> int:
    """Create the education fields and competencies whose code is missing; existing rows are left alone."""
    have_fields = existing_values(EducationField, "code", (row.code for row in fields))
    new_fields = [EducationField(**asdict(row)) for row in fields if row.code not in have_fields]
    have_comp = existing_values(Competency, "code", (row.code for row in competencies))
    new_comp = [Competency(**asdict(row)) for row in competencies if row.code not in have_comp]
    for obj in (*new_fields, *new_comp):
        obj.full_clean(validate_unique=False)
    EducationField.objects.bulk_create(new_fields, batch_size=BATCH_SIZE)
    Competency.objects.bulk_create(new_comp, batch_size=BATCH_SIZE)
    bulk_audit(
        actor=actor, action="reference_create", objects=[*new_fields, *new_comp], actor_label=actor_label
    )
    return len(new_fields) + len(new_comp)


# --- units -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRow:
    code: str
    name: str
    kind: str
    parent_code: str = ""  # "" = a root; the parent may exist already or come earlier in the same rows


def _duplicates(values: Iterable[str]) -> set[str]:
    return {value for value, count in Counter(values).items() if count > 1}


def units_validate(rows: Sequence[UnitRow]) -> list[RowProblem]:
    problems: list[RowProblem] = []
    taken = existing_values(Unit, "code", (row.code for row in rows)) | _duplicates(row.code for row in rows)
    known_parents = existing_values(Unit, "code", (row.parent_code for row in rows if row.parent_code))
    for number, row in enumerate(rows, start=1):
        if not row.code or len(row.code) > 40:
            problems.append(RowProblem(number, "code", "kode unit wajib diisi, paling panjang 40 karakter"))
        elif row.code in taken:
            problems.append(RowProblem(number, "code", f"kode unit {row.code} sudah dipakai"))
        if not row.name.strip():
            problems.append(RowProblem(number, "name", "nama unit wajib diisi"))
        if row.kind not in UnitKind.values:
            problems.append(RowProblem(number, "kind", f"jenis unit {row.kind!r} tidak dikenal"))
        if row.parent_code and row.parent_code not in known_parents:
            problems.append(
                RowProblem(
                    number,
                    "parent_code",
                    f"unit induk {row.parent_code} tidak ada (atau di baris sesudahnya)",
                )
            )
        known_parents.add(row.code)
    return problems


def _next_child_numbers(parent_ids: set[int | None]) -> dict[int | None, int]:
    """Highest path segment already used below each parent, so new paths never collide with old ones."""
    numbers: dict[int | None, int] = defaultdict(int)
    query = Unit.objects.filter(parent_id__in=[pid for pid in parent_ids if pid is not None])
    if None in parent_ids:
        query = query | Unit.objects.filter(parent__isnull=True)
    for parent_id, path in query.values_list("parent_id", "path"):
        numbers[parent_id] = max(numbers[parent_id], int(path.rstrip(".").rsplit(".", 1)[-1]))
    return numbers


def _unit_levels(rows: Sequence[UnitRow], existing: dict[str, Unit]) -> list[list[UnitRow]]:
    """Rows grouped so every parent is saved (and has a pk) before its children are inserted."""
    level_of: dict[str, int] = {}
    levels: list[list[UnitRow]] = []
    for row in rows:
        level = 0 if not row.parent_code or row.parent_code in existing else level_of[row.parent_code] + 1
        level_of[row.code] = level
        if level == len(levels):
            levels.append([])
        levels[level].append(row)
    return levels


@transaction.atomic
def units_bulk_create(
    *, actor: Any, rows: Sequence[UnitRow], actor_label: str = "", reason: str = ""
) -> list[Unit]:
    """Create units in row order (parents first), computing the materialised path and depth of each."""
    raise_problems(units_validate(rows))
    by_code = Unit.objects.in_bulk([row.parent_code for row in rows if row.parent_code], field_name="code")
    numbers = _next_child_numbers({unit.pk for unit in by_code.values()} | {None})
    created: list[Unit] = []
    for level in _unit_levels(rows, dict(by_code)):
        batch = [_new_unit(row, by_code.get(row.parent_code), numbers) for row in level]
        Unit.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        by_code.update({unit.code: unit for unit in batch})
        created.extend(batch)
    bulk_audit(actor=actor, action="unit_create", objects=created, actor_label=actor_label, reason=reason)
    return created


def _new_unit(row: UnitRow, parent: Unit | None, numbers: dict[int | None, int]) -> Unit:
    key = parent.pk if parent else None
    numbers[key] += 1
    if numbers[key] > MAX_CHILDREN:
        raise ValidationError({"parent": f"Unit induk {row.parent_code} sudah memiliki sub-unit maksimum."})
    path = f"{parent.path if parent else ''}{numbers[key]:04d}."
    unit = Unit(
        code=row.code,
        name=row.name,
        kind=row.kind,
        parent=parent,
        path=path,
        depth=parent.depth + 1 if parent else 0,
    )
    unit.clean_fields(exclude=["parent"])
    return unit


# --- positions -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PositionRow:
    unit_code: str
    spec: PositionSpec
    seats: int = 1
    education_fields: tuple[str, ...] = ()  # EducationField codes
    competencies: tuple[tuple[str, int], ...] = ()  # (Competency code, required level 1–5)


JENJANG_FOR_KIND = {
    PositionKind.FUNGSIONAL_KEAHLIAN: JENJANG_KEAHLIAN,
    PositionKind.FUNGSIONAL_KETERAMPILAN: JENJANG_KETERAMPILAN,
}


def _spec_problems(number: int, spec: PositionSpec) -> list[RowProblem]:
    problems: list[RowProblem] = []
    if spec.kind not in {kind.value for kind in PositionKind}:
        problems.append(RowProblem(number, "kind", f"jenis jabatan {spec.kind!r} tidak dikenal"))
    elif spec.jenjang not in JENJANG_FOR_KIND.get(PositionKind(spec.kind), ("",)):
        problems.append(RowProblem(number, "jenjang", f"jenjang {spec.jenjang!r} tidak sesuai jenis jabatan"))
    for field in ("min_rank", "max_rank"):
        value = getattr(spec, field)
        if value is not None and value not in RANK_BY_CODE:
            problems.append(RowProblem(number, field, f"golongan {value} tidak ada dalam tabel golongan"))
    if spec.min_rank and spec.max_rank and spec.min_rank > spec.max_rank:
        problems.append(RowProblem(number, "max_rank", "pangkat maksimum di bawah pangkat minimum"))
    if spec.min_education and spec.min_education not in EDUCATION_ORDER:
        problems.append(
            RowProblem(number, "min_education", f"jenjang pendidikan {spec.min_education!r} tidak dikenal")
        )
    if spec.kelas_jabatan is not None and not 1 <= spec.kelas_jabatan <= 17:
        problems.append(RowProblem(number, "kelas_jabatan", "kelas jabatan harus 1–17"))
    return problems


def _requirement_problems(
    number: int, row: PositionRow, fields: set[str], competencies: set[str]
) -> list[RowProblem]:
    problems = [
        RowProblem(number, "education_fields", f"bidang pendidikan {code} tidak dikenal")
        for code in row.education_fields
        if code not in fields
    ]
    codes = [code for code, _ in row.competencies]
    problems += [
        RowProblem(number, "competencies", f"kompetensi {code} tidak dikenal")
        for code in codes
        if code not in competencies
    ]
    problems += [
        RowProblem(number, "competencies", f"kompetensi {code} ganda") for code in _duplicates(codes)
    ]
    problems += [
        RowProblem(number, "competencies", f"level {code} harus 1–5")
        for code, level in row.competencies
        if not 1 <= level <= 5
    ]
    if row.seats < 0:
        problems.append(RowProblem(number, "seats", "jumlah formasi tidak boleh negatif"))
    return problems


def positions_validate(rows: Sequence[PositionRow]) -> list[RowProblem]:
    codes = [row.spec.code for row in rows]
    taken = existing_values(Position, "code", codes) | _duplicates(codes)
    units = existing_values(Unit, "code", (row.unit_code for row in rows))
    fields = existing_values(EducationField, "code", (c for row in rows for c in row.education_fields))
    competencies = existing_values(Competency, "code", (c for row in rows for c, _ in row.competencies))
    heads = set(
        Position.objects.filter(is_head=True, unit__code__in=units).values_list("unit__code", flat=True)
    )
    problems: list[RowProblem] = []
    for number, row in enumerate(rows, start=1):
        if not row.spec.code or row.spec.code in taken:
            problems.append(
                RowProblem(number, "code", f"kode jabatan {row.spec.code!r} kosong atau sudah dipakai")
            )
        if row.unit_code not in units:
            problems.append(RowProblem(number, "unit_code", f"unit {row.unit_code} tidak ada"))
        if row.spec.is_head and row.unit_code in heads:
            problems.append(RowProblem(number, "is_head", f"unit {row.unit_code} sudah punya jabatan kepala"))
        if row.spec.is_head:
            heads.add(row.unit_code)
        problems += _spec_problems(number, row.spec)
        problems += _requirement_problems(number, row, fields, competencies)
    return problems


@transaction.atomic
def positions_bulk_create(
    *, actor: Any, rows: Sequence[PositionRow], actor_label: str = "", reason: str = ""
) -> list[Position]:
    """Create positions with their education fields, competency standard and seats (numbered 1..n)."""
    raise_problems(positions_validate(rows))
    units = Unit.objects.in_bulk(list({row.unit_code for row in rows}), field_name="code")
    positions = [Position(unit=units[row.unit_code], **asdict(row.spec)) for row in rows]
    for position in positions:
        position.clean_fields(exclude=["unit"])
    Position.objects.bulk_create(positions, batch_size=BATCH_SIZE)
    _create_requirements(rows, positions)
    seats = [
        Seat(position=pos, number=n)
        for row, pos in zip(rows, positions, strict=True)
        for n in range(1, row.seats + 1)
    ]
    Seat.objects.bulk_create(seats, batch_size=BATCH_SIZE)
    bulk_audit(
        actor=actor, action="position_create", objects=positions, actor_label=actor_label, reason=reason
    )
    return positions


def _create_requirements(rows: Sequence[PositionRow], positions: Sequence[Position]) -> None:
    field_ids = dict(EducationField.objects.values_list("code", "pk"))
    competency_ids = dict(Competency.objects.values_list("code", "pk"))
    through = Position.education_fields.through
    links = [
        through(position_id=position.pk, educationfield_id=field_ids[code])
        for row, position in zip(rows, positions, strict=True)
        for code in row.education_fields
    ]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    standard = [
        PositionCompetency(position=position, competency_id=competency_ids[code], level=level)
        for row, position in zip(rows, positions, strict=True)
        for code, level in row.competencies
    ]
    PositionCompetency.objects.bulk_create(standard, batch_size=BATCH_SIZE)
