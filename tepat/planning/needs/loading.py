"""ORM rows of one unit subtree translated into the needs engine's dataclasses, in a fixed number of queries.

Every loader reads `.values()` rows (no model instances, no per-row queries) filtered by the same subtree
filter, so a page costs the same number of queries for 20 positions as for 3,000.
"""

from __future__ import annotations

import functools
import gc
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ParamSpec, TypeVar

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    When,
)

from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine import needs as engine
from tepat.engine.reference import EmploymentStatus, PositionKind
from tepat.organization.models import ManualRequirement, Position, Unit, WorkloadTask

P = ParamSpec("P")
R = TypeVar("R")
FOUR_PLACES = Decimal("0.0001")
SubtreeQ = Callable[[str], Q]  # a lookup prefix ("", "unit__", "position__unit__") -> filter
COUNTED_STATUSES = (EmploymentStatus.PNS.value, EmploymentStatus.PPPK.value)  # bezetting: ASN PNS + PPPK
KINDS = {kind.value: kind for kind in PositionKind}  # a dict lookup: thousands of rows per page
STATUSES = {status.value: status for status in EmploymentStatus}


@dataclass(frozen=True)
class UnitRef:
    pk: int
    public_id: uuid.UUID
    code: str
    name: str
    path: str
    depth: int
    parent_id: int | None


@dataclass(frozen=True)
class PositionRef:
    pk: int
    public_id: uuid.UUID
    code: str
    name: str
    unit_id: int
    kind: str
    jenjang: str
    is_head: bool


@dataclass(frozen=True)
class PersonRef:
    """A person counted somewhere; name and NIP only when the viewer may see the full record (R-03)."""

    pk: int
    public_id: uuid.UUID
    name: str
    nip: str
    status: str
    visible: bool


@dataclass(frozen=True)
class Structure:
    root: UnitRef | None  # None: everything the viewer may see
    units: dict[int, UnitRef]
    positions: dict[int, PositionRef]
    engine_positions: tuple[engine.Position, ...]
    engine_units: tuple[engine.Unit, ...]
    task_counts: dict[int, int]
    subtree: SubtreeQ  # subtree("position__unit__") filters any model by its unit


def gc_paused(function: Callable[P, R]) -> Callable[P, R]:
    """Run a whole-city read with the cyclic garbage collector paused.

    These reads turn 10,000–120,000 database rows (one tuple each) into arrays and a few hundred display
    objects; the rows die by reference counting as soon as they are converted. With the collector on,
    every 700 such allocations start a collection and every few dozen a full one, which walks the whole
    process heap: measured on the 15,000 city that doubled the CPU time of the mismatch and vacancy map
    pages and made their slowest request of ten. Collection resumes, with nothing lost, on return."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def subtree_filter(viewer: Viewer, root: Unit | None) -> SubtreeQ:
    """A function prefix -> Q selecting units of `root`'s subtree that the viewer may see."""
    scope = user_scope(viewer)

    def q(prefix: str = "") -> Q:
        query = Q(**{f"{prefix}path__startswith": root.path}) if root is not None else Q()
        return query if scope.government_wide else query & scope.unit_q(f"{prefix}path")

    return q


def _units(q: SubtreeQ) -> dict[int, UnitRef]:
    fields = ("pk", "public_id", "code", "name", "path", "depth", "parent_id")
    rows = Unit.objects.filter(q("")).order_by("path").values(*fields)
    return {row["pk"]: UnitRef(**row) for row in rows}


def _positions(q: SubtreeQ, units: dict[int, UnitRef]) -> dict[int, PositionRef]:
    """In unit path order, the head first, then by name (sorted here: no join or sort in the database)."""
    fields = ("pk", "public_id", "code", "name", "unit_id", "kind", "jenjang", "is_head")
    rows = [PositionRef(*row) for row in Position.objects.filter(q("unit__")).order_by().values_list(*fields)]
    rows.sort(key=lambda p: (units[p.unit_id].path, not p.is_head, p.name))
    return {p.pk: p for p in rows}


def task_rows(where: Q) -> tuple[dict[int, list[engine.Task]], dict[int, int]]:
    """Every task row of the positions `where` selects (a filter on WorkloadTask), per position."""
    rows = (
        WorkloadTask.objects.filter(where)
        .order_by("position_id", "order", "name")
        .values_list("position_id", "name", "output_unit", "volume", "norm_minutes")
    )
    tasks: dict[int, list[engine.Task]] = defaultdict(list)
    for position_id, name, output, volume, norm in rows:
        tasks[position_id].append(engine.Task(name, output, volume, norm))
    return tasks, {pk: len(rows) for pk, rows in tasks.items()}


def task_totals(where: Q) -> tuple[dict[int, list[engine.Task]], dict[int, int]]:
    """Σ(volume × norm) per position as one task of that many minutes, summed by the database.

    Equal to the task rows for every rounding but ceil_per_task (which needs each task). The true sum has at
    most four decimals (two per factor), so quantizing the database's sum to 0.0001 is exact even where
    SQLite sums in floating point.
    """
    product = ExpressionWrapper(
        F("volume") * F("norm_minutes"), output_field=DecimalField(max_digits=24, decimal_places=4)
    )
    rows = (
        WorkloadTask.objects.filter(where)
        .values("position_id")
        .annotate(total=Sum(product), count=Count("id"))
        .order_by()
        .values_list("position_id", "total", "count")
    )
    tasks, counts = {}, {}
    for pk, total, count in rows:
        tasks[pk] = [engine.Task("jumlah beban kerja", "menit", Decimal(total).quantize(FOUR_PLACES), 1)]
        counts[pk] = count
    return tasks, counts


def load_structure(*, viewer: Viewer, root: Unit | None, per_task: bool = True) -> Structure:
    """Units, positions, workloads and hand-set formasi of the subtree: four queries.

    `per_task=False` reads the workload as one total per position (right for every rounding but
    ceil_per_task, and three times fewer rows to read at city scale)."""
    q = subtree_filter(viewer, root)
    units = _units(q)
    positions = _positions(q, units)
    tasks, counts = (task_rows if per_task else task_totals)(q("position__unit__"))
    manual = dict(
        ManualRequirement.objects.filter(q("position__unit__")).values_list("position_id", "required")
    )
    engine_positions = tuple(
        engine.Position(
            str(p.pk),
            str(p.unit_id),
            KINDS[p.kind],
            p.jenjang or None,
            tuple(tasks.get(p.pk, ())),
            manual.get(p.pk),
        )
        for p in positions.values()
    )
    engine_units = tuple(
        engine.Unit(str(u.pk), str(u.parent_id) if u.parent_id in units else None) for u in units.values()
    )
    root_ref = units.get(root.pk) if root is not None else None
    return Structure(root_ref, units, positions, engine_positions, engine_units, counts, q)


def load_posts(*, viewer: Viewer, root: Unit | None) -> Structure:
    """Units and positions of the subtree only (two queries): for reads that need no kebutuhan (staff
    fit); `engine_positions` and `task_counts` are left empty."""
    q = subtree_filter(viewer, root)
    units = _units(q)
    positions = _positions(q, units)
    engine_units = tuple(
        engine.Unit(str(u.pk), str(u.parent_id) if u.parent_id in units else None) for u in units.values()
    )
    root_ref = units.get(root.pk) if root is not None else None
    return Structure(root_ref, units, positions, (), engine_units, {}, q)


def visible_flag(viewer: Viewer, path_field: str) -> Any:
    scope = user_scope(viewer)
    if scope.government_wide:
        return Value(True)
    return Case(
        When(scope.unit_q(path_field), then=Value(True)), default=Value(False), output_field=BooleanField()
    )
