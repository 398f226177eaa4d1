"""Fit-scoring arrays for E employees × P positions, built with one query per table (no per-row queries).

The arrays follow `tepat.engine.fit.FitInputs`: competencies, education fields and rumpun, experience months
per position family, recent SKP predikat, and (once employees state them) preferences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from tepat.engine.fit import FitInputs, FitLabels, membership
from tepat.engine.reference import PREDIKAT_ORDER
from tepat.engine.rules import ScreeningInput, education_orders
from tepat.organization.models import Competency, EducationField, Position, PositionCompetency
from tepat.people.models import (
    CompetencyAssessment,
    EducationHistory,
    Employee,
    PerformanceRecord,
    PositionHistory,
)

SKP_YEARS = 2  # the fit's performance component: the last two SKP years, like R7
MAX_DEGREES = 3


@dataclass(frozen=True, eq=False)
class FitContext:
    inputs: FitInputs
    screening: ScreeningInput
    employee_ids: npt.NDArray[np.int64]  # (E,) primary keys, row order of every E-indexed array
    position_ids: npt.NDArray[np.int64]  # (P,)
    competency_codes: tuple[str, ...]

    def employee_row(self, pk: int) -> int:
        return int(np.searchsorted(self.employee_ids, pk))

    def position_row(self, pk: int) -> int:
        return int(np.flatnonzero(self.position_ids == pk)[0])


class _Index(dict[object, int]):
    """Dense 0-based ids for arbitrary keys, assigned on first sight."""

    def of(self, key: object) -> int:
        if key not in self:
            self[key] = len(self)
        return self[key]


@dataclass
class _Catalog:
    """Dense indexes for competencies, fields, rumpun and position families."""

    competencies: dict[int, int]
    competency_codes: tuple[str, ...]
    fields: _Index
    rumpun: _Index
    families: _Index
    rumpun_of: dict[int, str]
    field_names: dict[int, str]


@dataclass(frozen=True, eq=False)
class _Employees:
    """Employee columns read as plain values (no model instances): 15,000 rows in a few milliseconds."""

    ids: npt.NDArray[np.int64]
    ranks: tuple[int | None, ...]
    post_start: tuple[date | None, ...]
    education_levels: tuple[str, ...]
    field_ids: tuple[int | None, ...]


def _scope(employee_ids: Sequence[int] | None) -> dict[str, Any]:
    """Filter for related tables: a join on the active flag beats a 15,000-item IN list."""
    if employee_ids is None:
        return {"employee__is_active": True}
    return {"employee_id__in": list(employee_ids)}


def _rows(queryset: Any, *fields: str) -> list[tuple[Any, ...]]:
    return list(queryset.values_list(*fields))


def _latest(rows: npt.NDArray[np.int64], keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Indexes of the last row per key (rows are in ascending date order): later records win."""
    _, first_in_reversed = np.unique(keys[::-1], return_index=True)
    return rows[len(keys) - 1 - first_in_reversed]


def _achieved(
    employee_ids: npt.NDArray[np.int64], competencies: dict[int, int], scope: dict[str, Any]
) -> npt.NDArray[np.float64]:
    """Latest assessed level per (employee, competency); NaN where never assessed."""
    achieved = np.full((len(employee_ids), len(competencies)), np.nan)
    rows = _rows(
        CompetencyAssessment.objects.filter(competency_id__in=list(competencies), **scope).order_by(
            "assessed_on"
        ),
        "employee_id",
        "competency_id",
        "level",
    )
    if not rows:
        return achieved
    data = np.array(rows, dtype=np.float64)
    e = np.searchsorted(employee_ids, data[:, 0].astype(np.int64))
    c = np.array([competencies[int(pk)] for pk in data[:, 1]], dtype=np.int64)
    keep = _latest(np.arange(len(rows)), e * len(competencies) + c)
    achieved[e[keep], c[keep]] = data[keep, 2]
    return achieved


def _required(position_ids: npt.NDArray[np.int64], competencies: dict[int, int]) -> npt.NDArray[np.float64]:
    required = np.zeros((len(position_ids), len(competencies)))
    row_of = {pk: i for i, pk in enumerate(position_ids.tolist())}
    rows = PositionCompetency.objects.filter(position_id__in=row_of).values_list(
        "position_id", "competency_id", "level"
    )
    for position_id, competency_id, level in rows:
        required[row_of[position_id], competencies[competency_id]] = level
    return required


def _degrees(
    employees: _Employees, catalog: _Catalog, scope: dict[str, Any]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """(E, K) field and rumpun ids of each employee's degrees, -1 padded; the profile's own field counts too."""
    pairs = [(pk, f) for pk, f in zip(employees.ids.tolist(), employees.field_ids, strict=True) if f]
    pairs += _rows(EducationHistory.objects.filter(field__isnull=False, **scope), "employee_id", "field_id")
    field_ids = np.full((len(employees.ids), MAX_DEGREES), -1, dtype=np.int64)
    rumpun_ids = np.full((len(employees.ids), MAX_DEGREES), -1, dtype=np.int64)
    if not pairs:
        return field_ids, rumpun_ids
    unique = np.unique(np.array(pairs, dtype=np.int64), axis=0)  # sorted by employee, then field
    rows = np.searchsorted(employees.ids, unique[:, 0])
    known = (rows < len(employees.ids)) & (
        employees.ids[np.minimum(rows, len(employees.ids) - 1)] == unique[:, 0]
    )
    rows, fields = rows[known], unique[known, 1]
    first = np.searchsorted(rows, rows)  # position of each employee's first degree in the sorted rows
    k = np.arange(len(rows)) - first
    keep = k < MAX_DEGREES
    field_index = np.array([catalog.fields.of(int(f)) for f in fields], dtype=np.int64)
    rumpun_index = np.array([catalog.rumpun.of(catalog.rumpun_of[int(f)]) for f in fields], dtype=np.int64)
    field_ids[rows[keep], k[keep]] = field_index[keep]
    rumpun_ids[rows[keep], k[keep]] = rumpun_index[keep]
    return field_ids, rumpun_ids


def _experience(
    employees: _Employees, families: _Index, on: date, scope: dict[str, Any]
) -> npt.NDArray[np.float64]:
    """Months served per (employee, position family); NaN where the person has no position at all.

    Only the families of the positions being scored are read. Whether a person has any history is taken from
    `position_since`, which the people services keep in step with the open history row.
    """
    employee_ids = employees.ids
    months = np.zeros((len(employee_ids), max(len(families), 1)))
    names = [name for name in families if isinstance(name, str)]
    rows = _rows(
        PositionHistory.objects.filter(family__in=names, **scope), "employee_id", "family", "start", "end"
    )
    if rows:
        employee, family, start, end = zip(*rows, strict=True)
        e = np.searchsorted(employee_ids, np.array(employee, dtype=np.int64))
        g = np.array([families[name] for name in family], dtype=np.int64)
        stop = np.minimum(np.array([x or on for x in end], dtype="datetime64[D]"), np.datetime64(on, "D"))
        days = np.maximum((stop - np.array(start, dtype="datetime64[D]")).astype(np.int64), 0)
        np.add.at(months, (e, g), days / 30.4375)
    months[np.array([day is None for day in employees.post_start], dtype=bool)] = np.nan
    return months


def _predikat(
    employee_ids: npt.NDArray[np.int64], on: date, scope: dict[str, Any]
) -> tuple[npt.NDArray[np.float64], tuple[int, ...]]:
    years = tuple(on.year - 1 - k for k in range(SKP_YEARS))  # most recent first
    predikat = np.full((len(employee_ids), len(years)), np.nan)
    rows = _rows(PerformanceRecord.objects.filter(year__in=years, **scope), "employee_id", "year", "predikat")
    if rows:
        employee, year, value = zip(*rows, strict=True)
        e = np.searchsorted(employee_ids, np.array(employee, dtype=np.int64))
        y = years[0] - np.array(year, dtype=np.int64)  # column 0 is the most recent year
        labels, codes = np.unique(np.array(value), return_inverse=True)
        predikat[e, y] = np.array([PREDIKAT_ORDER[label] for label in labels], dtype=np.float64)[codes]
    return predikat, years


def _catalog(positions: list[Position]) -> _Catalog:
    """Competencies restricted to those the positions require: the others never count in the fit."""
    required_ids = set(
        PositionCompetency.objects.filter(position__in=positions).values_list("competency_id", flat=True)
    )
    competency_list = list(
        Competency.objects.filter(pk__in=required_ids).order_by("code").values_list("pk", "code")
    )
    field_rows = list(EducationField.objects.values_list("pk", "name", "rumpun"))
    catalog = _Catalog(
        competencies={pk: i for i, (pk, _) in enumerate(competency_list)},
        competency_codes=tuple(code for _, code in competency_list),
        fields=_Index(),
        rumpun=_Index(),
        families=_Index(),
        rumpun_of={pk: rumpun for pk, _, rumpun in field_rows},
        field_names={pk: name for pk, name, _ in field_rows},
    )
    for pk, _, group in field_rows:
        catalog.fields.of(pk)
        catalog.rumpun.of(group)
    for position in positions:
        if position.family:
            catalog.families.of(position.family)
    return catalog


def _labels(catalog: _Catalog, years: tuple[int, ...]) -> FitLabels:
    return FitLabels(
        field_names={i: catalog.field_names[pk] for pk, i in catalog.fields.items() if isinstance(pk, int)},
        rumpun_names={i: str(key) for key, i in catalog.rumpun.items()},
        family_names={i: str(key) for key, i in catalog.families.items()},
        skp_years=years,
    )


def _screening(employees: _Employees, positions: list[Position]) -> ScreeningInput:
    return ScreeningInput(
        post_start=np.array(
            [day or np.datetime64("NaT") for day in employees.post_start], dtype="datetime64[D]"
        ),
        rank_code=np.array([rank or 0 for rank in employees.ranks], dtype=np.int64),
        education_order=education_orders([level or None for level in employees.education_levels]),
        rank_min=np.array([p.min_rank or 0 for p in positions], dtype=np.int64),
        rank_max=np.array([p.max_rank or 0 for p in positions], dtype=np.int64),
        min_education_order=education_orders([p.min_education or None for p in positions]),
    )


def _load_employees(employee_ids: Sequence[int] | None) -> _Employees:
    queryset = (
        Employee.objects.active() if employee_ids is None else Employee.objects.filter(pk__in=employee_ids)
    )
    rows = _rows(
        queryset.order_by("pk"), "pk", "rank", "position_since", "education_level", "education_field_id"
    )
    if not rows:
        return _Employees(np.zeros(0, dtype=np.int64), (), (), (), ())
    pks, ranks, post_start, levels, field_ids = zip(*rows, strict=True)
    return _Employees(np.array(pks, dtype=np.int64), ranks, post_start, levels, field_ids)


def _load_positions(position_ids: Sequence[int]) -> list[Position]:
    order = {pk: i for i, pk in enumerate(position_ids)}
    positions = Position.objects.filter(pk__in=position_ids).prefetch_related("education_fields")
    return sorted(positions, key=lambda p: order[p.pk])


def build_fit_context(
    *, position_ids: Sequence[int], on: date, employee_ids: Sequence[int] | None = None
) -> FitContext:
    """Arrays for the given positions (in the given order) and employees (default: every active one)."""
    employees, positions = _load_employees(employee_ids), _load_positions(position_ids)
    scope = _scope(employee_ids)
    e_ids = employees.ids
    p_ids = np.array([p.pk for p in positions], dtype=np.int64)
    catalog = _catalog(positions)
    employee_fields, employee_rumpun = _degrees(employees, catalog, scope)
    predikat, years = _predikat(e_ids, on, scope)
    accepted = [[catalog.fields[f.pk] for f in p.education_fields.all()] for p in positions]
    accepted_rumpun = [
        [catalog.rumpun[catalog.rumpun_of[f.pk]] for f in p.education_fields.all()] for p in positions
    ]
    inputs = FitInputs(
        achieved=_achieved(e_ids, catalog.competencies, scope),
        required=_required(p_ids, catalog.competencies),
        employee_fields=employee_fields,
        employee_rumpun=employee_rumpun,
        accepted_fields=membership(accepted, len(catalog.fields)),
        accepted_rumpun=membership(accepted_rumpun, len(catalog.rumpun)),
        experience_months=_experience(employees, catalog.families, on, scope),
        position_family=np.array([catalog.families.get(p.family, -1) for p in positions], dtype=np.int64),
        predikat=predikat,
        labels=_labels(catalog, years),
    )
    return FitContext(inputs, _screening(employees, positions), e_ids, p_ids, catalog.competency_codes)
