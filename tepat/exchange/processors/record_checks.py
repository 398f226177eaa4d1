"""Look-ups and cross-row checks shared by the record importers."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import models

from tepat.exchange.reading import Problem
from tepat.exchange.rows import RowReader
from tepat.organization.bulk import chunks
from tepat.organization.models import Competency, EducationField, Position
from tepat.people.models import Employee


@dataclass
class Lookups:
    employees: dict[str, int]  # NIP -> pk
    positions: dict[str, tuple[int, int]]  # code -> (pk, unit pk)
    fields: dict[str, int]
    competencies: dict[str, int]


def load_lookups(nips: list[str]) -> Lookups:
    employees: dict[str, int] = {}
    for part in chunks(sorted(set(nips))):
        employees.update(Employee.objects.filter(nip__in=part).values_list("nip", "pk"))
    return Lookups(
        employees=employees,
        positions={
            code: (pk, unit) for code, pk, unit in Position.objects.values_list("code", "pk", "unit_id")
        },
        fields=dict(EducationField.objects.values_list("code", "pk")),
        competencies=dict(Competency.objects.values_list("code", "pk")),
    )


def _overlaps(a: tuple[date, date | None], b: tuple[date, date | None]) -> bool:
    a_end, b_end = a[1] or date.max, b[1] or date.max
    return a[0] <= b_end and b[0] <= a_end


def check_periods(
    parsed: list[tuple[RowReader, dict[str, Any]]], existing: Iterable[models.Model]
) -> list[Problem]:
    """A new period of an employee may not overlap a stored period or another new one."""
    periods: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    for obj in existing:
        periods[obj.employee_id].append((obj.start, obj.end))  # type: ignore[attr-defined]
    problems: list[Problem] = []
    for reader, values in parsed:
        employee_id, start = values.get("employee_id"), values.get("start")
        if not reader.ok or employee_id is None or start is None:
            continue
        period = (start, values.get("end"))
        if period in periods[employee_id]:
            continue  # the same period again: unchanged
        if any(_overlaps(period, other) for other in periods[employee_id]):
            problems.append(
                Problem(reader.number, "TMT Mulai", "periode jabatan tumpang tindih dengan riwayat lain")
            )
        periods[employee_id].append(period)
    return problems
