"""The 9-box talent map of a unit subtree: three queries for any number of employees, then the engine.

1. the seated, active employees in the viewer's scope with their latest SKP predikat (a correlated subquery);
2. the competency standard of their positions; 3. their assessments (the latest level per competency wins).
JPM against the own position by `tepat.engine.jpm.jpm_matrix` (one call per distinct standard), the boxes by
`tepat.engine.talent.place_boxes` in one vectorised call. Names are read only for the rows a page shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from django.db.models import OuterRef, QuerySet, Subquery

from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine.jpm import CapMode, jpm_matrix
from tepat.engine.talent import (
    PERFORMANCE_LABELS,
    POTENTIAL_LABELS,
    UNPLACED_LABELS,
    BoxInfo,
    Performance,
    Potential,
    TalentCutoffs,
    box_counts,
    box_info,
    grid_rows,
    performance_levels,
    place_boxes,
    potential_levels,
    talent_cutoffs,
)
from tepat.evaluation.services.reviews import evaluation_rule_book
from tepat.organization.models import PositionCompetency, Unit
from tepat.people.models import CompetencyAssessment, Employee, PerformanceRecord


@dataclass(frozen=True)
class TalentData:
    employee_ids: npt.NDArray[np.int64]
    jpm: npt.NDArray[np.float64]
    predikat: list[str | None]
    boxes: npt.NDArray[np.int8]
    cutoffs: TalentCutoffs

    def ids_in(self, box: int) -> list[int]:
        return self.employee_ids[self.boxes == box].tolist()

    def facts(self) -> dict[int, tuple[float | None, str | None, int]]:
        """employee id → (JPM or None, predikat or None, box)."""
        return {
            int(e): (None if np.isnan(j) else round(float(j), 1), p, int(b))
            for e, j, p, b in zip(self.employee_ids, self.jpm, self.predikat, self.boxes, strict=True)
        }


@dataclass(frozen=True)
class BoxCell:
    info: BoxInfo
    count: int
    share: float  # of the placed employees, 0–100


@dataclass(frozen=True)
class TalentMap:
    unit: Unit | None
    cutoffs: TalentCutoffs
    grid: tuple[tuple[BoxCell, ...], ...]
    unplaced: tuple[tuple[int, str, int], ...]  # (code, label, count)
    total: int
    placed: int
    succession: int  # boxes 7, 8, 9


def staff_in_scope(*, viewer: Viewer, unit: Unit | None) -> QuerySet[Employee]:
    staff = Employee.objects.visible_to(viewer).filter(is_active=True, seat__isnull=False)
    return staff.filter(unit__path__startswith=unit.path) if unit is not None else staff


def _jpm(
    pairs: list[tuple[int, int]], standard: dict[int, dict[int, int]], achieved: dict[int, dict[int, float]],
    cap: CapMode,
) -> dict[int, float]:  # fmt: skip
    """JPM of each (employee, own position), one `jpm_matrix` call per distinct standard; NaN if unassessed."""
    groups: dict[tuple[tuple[int, int], ...], list[int]] = defaultdict(list)
    for employee, position in pairs:
        groups[tuple(sorted(standard.get(position, {}).items()))].append(employee)
    result: dict[int, float] = {}
    for levels, employees in groups.items():
        if not levels:
            result.update(dict.fromkeys(employees, np.nan))
            continue
        codes = [code for code, _ in levels]
        matrix = np.array(
            [[achieved.get(e, {}).get(c, np.nan) for c in codes] for e in employees], dtype=float
        )
        required = np.array([[level for _, level in levels]], dtype=float)
        scores = jpm_matrix(matrix, required, cap).jpm[:, 0]
        result.update(zip(employees, scores.tolist(), strict=True))
    return result


def talent_data(*, viewer: Viewer, unit: Unit | None = None, on: date | None = None) -> TalentData:
    day = on or today()
    book = evaluation_rule_book()
    cutoffs = talent_cutoffs(book, day)
    cap = CapMode(book.resolve("R4.jpm", "jpm_cap_mode", day).value)
    staff = staff_in_scope(viewer=viewer, unit=unit)
    latest = (
        PerformanceRecord.objects.filter(employee=OuterRef("pk")).order_by("-year").values("predikat")[:1]
    )
    rows = list(
        staff.order_by("pk")
        .annotate(latest_predikat=Subquery(latest))
        .values_list("pk", "seat__position_id", "latest_predikat")
    )
    standard: dict[int, dict[int, int]] = defaultdict(dict)
    positions = staff.order_by().values("seat__position_id")
    required = PositionCompetency.objects.filter(position_id__in=positions)
    for position, competency, required_level in required.values_list("position_id", "competency_id", "level"):
        standard[position][competency] = required_level
    achieved: dict[int, dict[int, float]] = defaultdict(dict)
    assessed = CompetencyAssessment.objects.filter(employee_id__in=staff.order_by().values("pk"))
    for employee, competency, level in assessed.order_by("assessed_on", "id").values_list(
        "employee_id", "competency_id", "level"
    ):
        achieved[employee][competency] = level  # the latest assessment of each competency wins
    scores = _jpm([(e, p) for e, p, _ in rows], standard, achieved, cap)
    ids = np.array([e for e, _, _ in rows], dtype=np.int64)
    jpm = np.array([scores[e] for e, _, _ in rows], dtype=float)
    predikat = [p for _, _, p in rows]
    return TalentData(ids, jpm, predikat, place_boxes(jpm, predikat, cutoffs), cutoffs)


def talent_map(*, viewer: Viewer, unit: Unit | None = None) -> TalentMap:
    data = talent_data(viewer=viewer, unit=unit)
    counts = box_counts(data.boxes)
    placed = sum(counts[b] for b in range(1, 10))
    grid = tuple(
        tuple(
            BoxCell(info, counts[info.number], 100 * counts[info.number] / placed if placed else 0.0)
            for info in row
        )
        for row in grid_rows()
    )
    unplaced = tuple((code, label, counts[code]) for code, label in UNPLACED_LABELS.items())
    succession = counts[7] + counts[8] + counts[9]
    return TalentMap(unit, data.cutoffs, grid, unplaced, len(data.employee_ids), placed, succession)


def box_label(box: int) -> str:
    return box_info(box).title if box > 0 else UNPLACED_LABELS[box]


@dataclass(frozen=True)
class TalentPerson:
    employee: Employee
    jpm: float | None
    predikat: str | None
    box: int

    @property
    def potential_label(self) -> str:
        return POTENTIAL_LABELS[Potential(self.box_axes[1])] if self.box > 0 else "—"

    @property
    def performance_label(self) -> str:
        return PERFORMANCE_LABELS[Performance(self.box_axes[0])] if self.box > 0 else "—"

    @property
    def box_axes(self) -> tuple[int, int]:
        info = box_info(self.box)
        return int(info.performance), int(info.potential)


def talent_people(
    *, viewer: Viewer, box: int, unit: Unit | None = None
) -> tuple[QuerySet[Employee], TalentData]:
    """The employees of one box (a queryset to paginate) and the data to annotate the page's rows."""
    data = talent_data(viewer=viewer, unit=unit)
    people = (
        Employee.objects.filter(pk__in=data.ids_in(box))
        .select_related("unit", "seat__position")
        .order_by("name", "nip")
    )
    return people, data


def person_rows(employees: Any, data: TalentData) -> list[TalentPerson]:
    facts = data.facts()
    return [TalentPerson(e, *facts[e.pk]) for e in employees]


def axis_levels(data: TalentData) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Potential and performance level per row (for the export)."""
    return potential_levels(data.jpm, data.cutoffs), performance_levels(data.predikat, data.cutoffs)
