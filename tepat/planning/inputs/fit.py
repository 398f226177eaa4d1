"""Fit-scoring arrays for E employees × P positions, built with one query per table (no per-row queries).

The arrays follow `tepat.engine.fit.FitInputs`: competencies, education fields and rumpun, experience months
per position family, recent SKP predikat, and (once employees state them) preferences.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

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


def _achieved(employee_ids: npt.NDArray[np.int64], competencies: dict[int, int]) -> npt.NDArray[np.float64]:
    """Latest assessed level per (employee, competency); NaN where never assessed."""
    achieved = np.full((len(employee_ids), len(competencies)), np.nan)
    rows = (
        CompetencyAssessment.objects.filter(employee_id__in=employee_ids.tolist())
        .order_by("assessed_on")
        .values_list("employee_id", "competency_id", "level")
    )
    for employee_id, competency_id, level in rows:  # later assessments overwrite earlier ones
        achieved[np.searchsorted(employee_ids, employee_id), competencies[competency_id]] = level
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


def _degrees(employees: list[Employee], fields: _Index, rumpun: _Index, rumpun_of: dict[int, str]) -> tuple:
    """(E, K) field and rumpun ids of each employee's degrees, -1 padded; the profile's own field counts too."""
    per_employee: dict[int, set[int]] = defaultdict(set)
    for employee in employees:
        if employee.education_field_id:
            per_employee[employee.pk].add(employee.education_field_id)
    rows = EducationHistory.objects.filter(employee_id__in=[e.pk for e in employees], field__isnull=False)
    for employee_id, field_id in rows.values_list("employee_id", "field_id"):
        per_employee[employee_id].add(field_id)
    field_ids = np.full((len(employees), MAX_DEGREES), -1, dtype=np.int64)
    rumpun_ids = np.full((len(employees), MAX_DEGREES), -1, dtype=np.int64)
    for row, employee in enumerate(employees):
        for k, field_id in enumerate(sorted(per_employee[employee.pk])[:MAX_DEGREES]):
            field_ids[row, k] = fields.of(field_id)
            rumpun_ids[row, k] = rumpun.of(rumpun_of[field_id])
    return field_ids, rumpun_ids


def _experience(employee_ids: npt.NDArray[np.int64], families: _Index, on: date) -> npt.NDArray[np.float64]:
    """Months served per (employee, position family) from the position history; NaN where no history at all."""
    months = np.zeros((len(employee_ids), max(len(families), 1)))
    seen = np.zeros(len(employee_ids), dtype=bool)
    rows = PositionHistory.objects.filter(employee_id__in=employee_ids.tolist()).values_list(
        "employee_id", "family", "start", "end"
    )
    for employee_id, family, start, end in rows:
        row = int(np.searchsorted(employee_ids, employee_id))
        seen[row] = True
        if family and family in families:
            stop = min(end or on, on)
            months[row, families[family]] += max((stop - start).days, 0) / 30.4375
    months[~seen] = np.nan
    return months


def _predikat(
    employee_ids: npt.NDArray[np.int64], on: date
) -> tuple[npt.NDArray[np.float64], tuple[int, ...]]:
    years = tuple(on.year - 1 - k for k in range(SKP_YEARS))  # most recent first
    predikat = np.full((len(employee_ids), len(years)), np.nan)
    rows = PerformanceRecord.objects.filter(
        employee_id__in=employee_ids.tolist(), year__in=years
    ).values_list("employee_id", "year", "predikat")
    for employee_id, year, value in rows:
        predikat[np.searchsorted(employee_ids, employee_id), years.index(year)] = PREDIKAT_ORDER[value]
    return predikat, years


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


def _catalog(positions: list[Position]) -> _Catalog:
    competency_list = list(Competency.objects.order_by("code").values_list("pk", "code"))
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


def _screening(employees: list[Employee], positions: list[Position]) -> ScreeningInput:
    return ScreeningInput(
        post_start=np.array(
            [e.position_since or np.datetime64("NaT") for e in employees], dtype="datetime64[D]"
        ),
        rank_code=np.array([e.rank or 0 for e in employees], dtype=np.int64),
        education_order=education_orders([e.education_level or None for e in employees]),
        rank_min=np.array([p.min_rank or 0 for p in positions], dtype=np.int64),
        rank_max=np.array([p.max_rank or 0 for p in positions], dtype=np.int64),
        min_education_order=education_orders([p.min_education or None for p in positions]),
    )


def _load(
    position_ids: Sequence[int], employee_ids: Sequence[int] | None
) -> tuple[list[Employee], list[Position]]:
    employees_qs = (
        Employee.objects.active() if employee_ids is None else Employee.objects.filter(pk__in=employee_ids)
    )
    employees = list(
        employees_qs.order_by("pk").only(
            "pk", "rank", "position_since", "education_level", "education_field_id"
        )
    )
    order = {pk: i for i, pk in enumerate(position_ids)}
    positions = sorted(
        Position.objects.filter(pk__in=position_ids).prefetch_related("education_fields"),
        key=lambda p: order[p.pk],
    )
    return employees, positions


def build_fit_context(
    *, position_ids: Sequence[int], on: date, employee_ids: Sequence[int] | None = None
) -> FitContext:
    """Arrays for the given positions (in the given order) and employees (default: every active one)."""
    employees, positions = _load(position_ids, employee_ids)
    e_ids = np.array([e.pk for e in employees], dtype=np.int64)
    p_ids = np.array([p.pk for p in positions], dtype=np.int64)
    catalog = _catalog(positions)
    employee_fields, employee_rumpun = _degrees(employees, catalog.fields, catalog.rumpun, catalog.rumpun_of)
    predikat, years = _predikat(e_ids, on)
    accepted = [[catalog.fields[f.pk] for f in p.education_fields.all()] for p in positions]
    accepted_rumpun = [
        [catalog.rumpun[catalog.rumpun_of[f.pk]] for f in p.education_fields.all()] for p in positions
    ]
    inputs = FitInputs(
        achieved=_achieved(e_ids, catalog.competencies),
        required=_required(p_ids, catalog.competencies),
        employee_fields=employee_fields,
        employee_rumpun=employee_rumpun,
        accepted_fields=membership(accepted, len(catalog.fields)),
        accepted_rumpun=membership(accepted_rumpun, len(catalog.rumpun)),
        experience_months=_experience(e_ids, catalog.families, on),
        position_family=np.array([catalog.families.get(p.family, -1) for p in positions], dtype=np.int64),
        predikat=predikat,
        labels=_labels(catalog, years),
    )
    return FitContext(inputs, _screening(employees, positions), e_ids, p_ids, catalog.competency_codes)
