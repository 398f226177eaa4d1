"""The 9-box talent map of a unit subtree: three queries for any number of employees, then the engine.

1. the seated, active employees in the viewer's scope with their latest SKP predikat (a correlated subquery);
2. the competency standard of their positions; 3. their assessments (the latest level per competency wins).
The rows come back as arrays (one `fetchall` each; the assessments in the order of their unique index, so
PostgreSQL does not sort ~120,000 rows and the latest level of a competency is the last of its run), JPM
against the own position by `tepat.engine.needs.staff.own_post_jpm` (row i against row i: the value
`jpm_matrix` gives for that pair), the boxes by `tepat.engine.talent.place_boxes` in one vectorised call.
Names are read only for the rows a page shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from django.db import connections
from django.db.models import OuterRef, QuerySet, Subquery

from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine.jpm import CapMode
from tepat.engine.needs.staff import own_post_jpm
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
from tepat.evaluation.selectors.talent_version import cached_for_version
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


def _fetch(rows: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The tuples of a `values_list` query (columns without converters) with one `fetchall`."""
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _columns(
    rows: QuerySet[Any, Any],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], list[str | None]]:
    """(employee ids, their position ids, their latest predikat) of the staff query."""
    fetched = _fetch(rows)
    ids = np.fromiter((row[0] for row in fetched), dtype=np.int64, count=len(fetched))
    own = np.fromiter((row[1] for row in fetched), dtype=np.int64, count=len(fetched))
    return ids, own, [row[2] for row in fetched]


def _numbers(rows: QuerySet[Any, Any], width: int) -> npt.NDArray[np.float64]:
    """The numeric rows of a `values_list` query as an (n × width) array, with one `fetchall`: the queryset
    iterator costs more than the database for the city's ~120,000 assessments."""
    fetched = _fetch(rows)
    flat = np.fromiter(chain.from_iterable(fetched), dtype=np.float64, count=len(fetched) * width)
    return flat.reshape(-1, width)


def _index(keys: npt.NDArray[np.int64], values: npt.NDArray[np.int64]) -> tuple[npt.NDArray[Any], ...]:
    """Positions of `values` in the sorted `keys`, and which of them are there at all."""
    at = np.searchsorted(keys, values).clip(0, max(len(keys) - 1, 0))
    found = keys[at] == values if len(keys) else np.zeros(len(values), dtype=bool)
    return at, found


def _standard(
    staff: QuerySet[Employee], positions: npt.NDArray[np.int64]
) -> tuple[Any, npt.NDArray[np.int64]]:
    """Required level of each staff position × competency (0 = not required), and the competency ids (columns)."""
    required = PositionCompetency.objects.filter(position_id__in=staff.order_by().values("seat__position_id"))
    data = _numbers(required.values_list("position_id", "competency_id", "level"), 3).astype(np.int64)
    codes = np.unique(data[:, 1])
    standard = np.zeros((len(positions), len(codes)))
    row, known = _index(positions, data[:, 0])
    standard[row[known], np.searchsorted(codes, data[known, 1])] = data[known, 2]
    return standard, codes


def _achieved(
    staff: QuerySet[Employee], employees: npt.NDArray[np.int64], codes: npt.NDArray[np.int64]
) -> Any:
    """Latest assessed level of each employee × required competency; NaN where never assessed."""
    assessed = CompetencyAssessment.objects.filter(employee_id__in=staff.order_by().values("pk"))
    # In the order of the unique (employee, competency, assessed_on) index: no sort, and the latest comes last.
    rows = assessed.order_by("employee_id", "competency_id", "assessed_on")
    data = _numbers(rows.values_list("employee_id", "competency_id", "level"), 3)
    achieved = np.full((len(employees), len(codes)), np.nan)
    if not len(data) or not len(codes):
        return achieved
    employee, competency = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64)
    last = np.ones(len(data), dtype=bool)
    last[:-1] = (employee[1:] != employee[:-1]) | (competency[1:] != competency[:-1])
    row, known = _index(employees, employee)
    column, required = _index(codes, competency)  # competencies no position requires add nothing to a JPM
    keep = last & known & required
    achieved[row[keep], column[keep]] = data[keep, 2]
    return achieved


@dataclass(frozen=True)
class _Placed:
    """JPM and latest predikat of every active, seated employee of the city (ids ascending)."""

    employee_ids: npt.NDArray[np.int64]
    jpm: npt.NDArray[np.float64]
    predikat: list[str | None]


def _compute(staff: QuerySet[Employee], cap: CapMode) -> _Placed:
    latest = (
        PerformanceRecord.objects.filter(employee=OuterRef("pk")).order_by("-year").values("predikat")[:1]
    )
    rows = staff.order_by("pk").annotate(latest_predikat=Subquery(latest))
    ids, own, predikat = _columns(rows.values_list("pk", "seat__position_id", "latest_predikat"))
    positions = np.unique(own)
    standard, codes = _standard(staff, positions)
    jpm = own_post_jpm(_achieved(staff, ids, codes), standard[np.searchsorted(positions, own)], cap)
    return _Placed(ids, jpm, predikat)


def _city(cap: CapMode) -> _Placed:
    """The whole city's JPM and predikat, kept per process for the current data version (talent_version.py):
    an employee's values depend only on their own rows, so the viewer's scope is applied afterwards."""
    staff = Employee.objects.filter(is_active=True, seat__isnull=False)
    return cached_for_version(("talent", cap.value), lambda: _compute(staff, cap))


def talent_data(*, viewer: Viewer, unit: Unit | None = None, on: date | None = None) -> TalentData:
    day = on or today()
    book = evaluation_rule_book()
    cutoffs = talent_cutoffs(book, day)
    city = _city(CapMode(book.resolve("R4.jpm", "jpm_cap_mode", day).value))
    scoped = staff_in_scope(viewer=viewer, unit=unit).order_by("pk").values_list("pk", flat=True)
    ids = np.fromiter((row[0] for row in _fetch(scoped)), dtype=np.int64)
    at, found = _index(city.employee_ids, ids)
    at = at[found]  # an employee seated after the version was read waits for the next version
    jpm, predikat = city.jpm[at], [city.predikat[i] for i in at.tolist()]
    return TalentData(city.employee_ids[at], jpm, predikat, place_boxes(jpm, predikat, cutoffs), cutoffs)


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


class BoxPeople(Sequence[Employee]):
    """The employees of one box in name order, for a Paginator: the order is one query of ids over the scope;
    only the rows of the page asked for are read (a box of thousands is never sent back as an IN list)."""

    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, index: int) -> Employee: ...

    @overload
    def __getitem__(self, index: slice) -> list[Employee]: ...

    def __getitem__(self, index: int | slice) -> Employee | list[Employee]:
        if isinstance(index, int):
            return self[index : index + 1 or None][0]
        wanted = self.ids[index]
        found = Employee.objects.select_related("unit", "seat__position").in_bulk(wanted)
        return [found[pk] for pk in wanted]


def talent_people(*, viewer: Viewer, box: int, unit: Unit | None = None) -> tuple[BoxPeople, TalentData]:
    """The employees of one box (a sequence to paginate, by name and NIP) and the data to annotate its rows."""
    data = talent_data(viewer=viewer, unit=unit)
    members = set(data.ids_in(box))
    ordered = staff_in_scope(viewer=viewer, unit=unit).order_by("name", "nip").values_list("pk", flat=True)
    return BoxPeople([pk for pk in ordered if pk in members]), data


def person_rows(employees: Any, data: TalentData) -> list[TalentPerson]:
    """The page's rows with their JPM, predikat and box (looked up for these employees only)."""
    rows = []
    for employee in employees:
        at = int(np.searchsorted(data.employee_ids, employee.pk))
        jpm = float(data.jpm[at])
        rows.append(
            TalentPerson(
                employee, None if np.isnan(jpm) else round(jpm, 1), data.predikat[at], int(data.boxes[at])
            )
        )
    return rows


def axis_levels(data: TalentData) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int8]]:
    """Potential and performance level per row (for the export)."""
    return potential_levels(data.jpm, data.cutoffs), performance_levels(data.predikat, data.cutoffs)
