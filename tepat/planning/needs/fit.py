"""Education and competency fit of the current staff against their *own* position (issue 3 item 4).

For every seat holder of a subtree: does the latest recorded education (Employee.education_field) meet the
position's accepted fields (rule R4.rumpun decides: exact field, same rumpun, or not), and does the JPM
against the position's competency standard meet the rule data's minimum (rule R4.jpm; JPM by
`tepat.engine.jpm` with the cap mode and category scale of the rule book)? The same queries for any size:
units, positions, seat holders, standards, assessments and accepted fields (no workloads: no kebutuhan).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import chain
from typing import Any, overload

import numpy as np
import numpy.typing as npt
from django.db import connections
from django.db.models import QuerySet

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine.jpm import DEFAULT_SCALES, CapMode, categorize
from tepat.engine.needs.staff import own_post_jpm
from tepat.engine.reference import EmploymentStatus, PositionKind
from tepat.engine.rules import CandidateFacts, Education, Outcome, RuleBook, RuleResult, TargetFacts
from tepat.engine.rules.career import education_field, jpm_threshold
from tepat.organization.models import EducationField, Position, PositionCompetency, Seat, Unit
from tepat.people.models import CompetencyAssessment
from tepat.planning.needs.loading import PersonRef, PositionRef, Structure, UnitRef, gc_paused, load_posts
from tepat.planning.needs.people import names
from tepat.planning.needs.selectors import display_units

EDUCATION_LABELS = {
    "bidang_sesuai": "Sesuai",
    "bidang_serumpun": "Serumpun",
    "bidang_tidak_sesuai": "Tidak sesuai",
    "data_belum_lengkap": "Belum tercatat",
    "tanpa_syarat": "Tanpa syarat",
}


@dataclass(frozen=True)
class StaffFit:
    employee_id: int
    position: PositionRef
    unit: UnitRef
    field_name: str
    education: RuleResult
    jpm: float | None
    category: str | None
    competency: RuleResult
    person: PersonRef | None = None  # named by `name_staff` for the rows shown (or `staff_fit(named=True)`)

    @property
    def education_label(self) -> str:
        return EDUCATION_LABELS.get(self.education.reason, self.education.reason)

    @property
    def mismatch(self) -> bool:
        return Outcome.FAIL in (self.education.outcome, self.competency.outcome)


@dataclass(frozen=True)
class UnitFit:
    unit: UnitRef
    staff: int
    education_ok: int
    education_bad: int
    competency_ok: int
    competency_bad: int
    unknown: int  # education or assessment not recorded


class StaffRows(Sequence[StaffFit]):
    """The seat holders of a report as arrays; a `StaffFit` is built only for the rows read (a page of 50
    out of 15,000), so the whole-city report costs arrays, not objects. Slicing gives a list."""

    def __init__(
        self, build: Callable[[int], StaffFit], order: npt.NDArray[np.int64], mismatch: npt.NDArray[np.bool_]
    ) -> None:
        self._build, self._order, self._mismatch = build, order, mismatch

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> StaffFit: ...
    @overload
    def __getitem__(self, index: slice) -> list[StaffFit]: ...
    def __getitem__(self, index: int | slice) -> StaffFit | list[StaffFit]:
        if isinstance(index, slice):
            return [self._build(int(row)) for row in self._order[index]]
        return self._build(int(self._order[index]))

    def mismatches(self) -> StaffRows:
        return StaffRows(self._build, self._order[self._mismatch[self._order]], self._mismatch)


@dataclass(frozen=True)
class FitReport:
    root: UnitRef | None
    on: date
    rows: tuple[UnitFit, ...]
    staff: Sequence[StaffFit]

    @property
    def mismatches(self) -> Sequence[StaffFit]:
        if isinstance(self.staff, StaffRows):
            return self.staff.mismatches()
        return tuple(s for s in self.staff if s.mismatch)


@dataclass(frozen=True)
class _Holders:
    """Seat holders in unit path order (then position, seat number), one array entry per seat held."""

    positions: npt.NDArray[np.int64]  # distinct position pks (sorted)
    position: npt.NDArray[np.int64]  # per holder: index into `positions`
    employees: npt.NDArray[np.int64]  # distinct employee pks (sorted)
    employee: npt.NDArray[np.int64]  # per holder: index into `employees`
    employee_id: npt.NDArray[np.int64]
    field_id: npt.NDArray[np.int64]  # 0: no education field recorded
    fields: dict[int, tuple[str, str]]  # field pk -> (name, rumpun)
    order: npt.NDArray[np.int64]  # holder -> row of the query (for the few holders whose facts are built)
    level: tuple[str | None, ...]  # education level per query row
    status: tuple[str, ...]  # per query row


def _holders(structure: Structure) -> _Holders:
    """Seat holders with their education, lean (no names, dates or UUIDs; the few education fields'
    names and rumpun in a query of their own): two queries, ordered here."""
    rows = _fetch(
        Seat.objects.filter(structure.subtree("position__unit__"), is_active=True, occupant__isnull=False)
        .order_by()
        .values_list("position_id", "number", "occupant__id", "occupant__status", *FIT_FIELDS)
    )
    cols = list(zip(*rows, strict=True)) or [()] * 6
    position_pk = np.array(cols[0], dtype=np.int64)
    positions, position = np.unique(position_pk, return_inverse=True)
    pks = positions.tolist()
    path_of = {pk: (structure.units[structure.positions[pk].unit_id].path, pk) for pk in pks}
    rank_of = {pk: rank for rank, pk in enumerate(sorted(pks, key=path_of.__getitem__))}
    position_rank = np.array([rank_of[pk] for pk in pks], dtype=np.int64)
    order = np.lexsort((np.array(cols[1], dtype=np.int64), position_rank[position]))
    employee_id = np.array(cols[2], dtype=np.int64)[order]
    employees, employee = np.unique(employee_id, return_inverse=True)
    field_id = np.array([f or 0 for f in cols[5]], dtype=np.int64)[order]
    fields = {
        pk: (name, rumpun) for pk, name, rumpun in EducationField.objects.values_list("pk", "name", "rumpun")
    }
    return _Holders(
        positions, position[order].astype(np.int64), employees, employee.astype(np.int64), employee_id,
        field_id, fields, order, cols[4], cols[3],
    )  # fmt: skip


def _accepted(structure: Structure) -> dict[int, list[tuple[int, str, str]]]:
    """Accepted education fields per position: (field id, rumpun, name), in the database's order."""
    fields: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    through = Position.education_fields.through.objects.filter(structure.subtree("position__unit__"))
    for pos, field, rumpun, name in _fetch(
        through.values_list(
            "position_id", "educationfield_id", "educationfield__rumpun", "educationfield__name"
        )
    ):
        fields[pos].append((field, rumpun, name))
    return fields


def _standards(structure: Structure, holders: _Holders) -> tuple[npt.NDArray[np.float64], dict[int, int]]:
    """The competency standard of each holder's position: (positions × competencies), 0 = not required."""
    rows = PositionCompetency.objects.filter(structure.subtree("position__unit__")).values_list(
        "position_id", "competency_id", "level"
    )
    data = _numbers(rows, 3).astype(np.int64)
    codes = np.unique(data[:, 1])
    column = {int(pk): i for i, pk in enumerate(codes.tolist())}
    row = np.searchsorted(holders.positions, data[:, 0])
    held = row < len(holders.positions)
    held[held] = holders.positions[row[held]] == data[held, 0]
    standard = np.zeros((len(holders.positions), len(codes)))
    standard[row[held], np.searchsorted(codes, data[held, 1])] = data[held, 2]
    return standard, column


def _achieved(structure: Structure, holders: _Holders, column: dict[int, int]) -> npt.NDArray[np.float64]:
    """Latest assessed level per (holder, required competency); NaN where never assessed. Competencies no
    position of the subtree requires add nothing to a JPM and are left out."""
    assessed = CompetencyAssessment.objects.filter(structure.subtree("employee__seat__position__unit__"))
    # In the order of the unique (employee, competency, assessed_on) index: no sort, the latest comes last.
    rows = assessed.order_by("employee_id", "competency_id", "assessed_on")
    data = _numbers(rows.values_list("employee_id", "competency_id", "level"), 3)
    achieved = np.full((len(holders.employees), len(column)), np.nan)
    if not len(data) or not len(column) or not len(holders.employees):
        return achieved[holders.employee]
    codes = np.array(sorted(column), dtype=np.int64)
    employee, competency = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64)
    e = np.searchsorted(holders.employees, employee).clip(0, len(holders.employees) - 1)
    c = np.searchsorted(codes, competency).clip(0, len(codes) - 1)
    last = np.ones(len(data), dtype=bool)
    last[:-1] = (employee[1:] != employee[:-1]) | (competency[1:] != competency[:-1])
    keep = last & (holders.employees[e] == employee) & (codes[c] == competency)
    achieved[e[keep], c[keep]] = data[keep, 2]
    return achieved[holders.employee]


def _fetch(rows: QuerySet[Any, Any]) -> list[tuple[Any, ...]]:
    """The tuples of a `values_list` query (of columns without converters: ids, numbers, text) with one
    `fetchall`: the queryset iterator costs more than the database for 100,000 rows."""
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _numbers(rows: QuerySet[Any, Any], width: int) -> npt.NDArray[np.float64]:
    """The numeric rows of a `values_list` query as an (n × width) array."""
    fetched = _fetch(rows)
    flat = np.fromiter(chain.from_iterable(fetched), dtype=np.float64, count=len(fetched) * width)
    return flat.reshape(-1, width)


def _jpm(structure: Structure, holders: _Holders, book: RuleBook, on: date) -> npt.NDArray[np.float64]:
    """JPM of each holder against their own position's standard (NaN: no standard or no assessment)."""
    standard, column = _standards(structure, holders)
    cap = CapMode(book.resolve("R4.jpm", "jpm_cap_mode", on).value)
    return own_post_jpm(_achieved(structure, holders, column), standard[holders.position], cap)


class _Facts:
    """Rule facts of a holder and their post, built once per field and once per post (~700 rule inputs
    for a city, each shared by many holders)."""

    def __init__(
        self, structure: Structure, holders: _Holders, accepted: dict[int, list[tuple[int, str, str]]]
    ):
        self.structure, self.holders, self.accepted = structure, holders, accepted
        self.candidates: dict[int, CandidateFacts] = {}
        self.targets: dict[int, TargetFacts] = {}

    def of(self, row: int, jpm: float | None = None) -> tuple[CandidateFacts, TargetFacts]:
        holders = self.holders
        field = int(holders.field_id[row])
        if field not in self.candidates:
            name, rumpun = holders.fields.get(field, (None, None))
            education = Education(
                holders.level[holders.order[row]] or "SMA", str(field) if field else None, name or "", rumpun,
                rumpun or "",
            )  # fmt: skip
            status = EmploymentStatus(holders.status[holders.order[row]])
            self.candidates[field] = CandidateFacts(
                str(holders.employee_id[row]), status, None, None, educations=(education,)
            )
        position = self.structure.positions[int(holders.positions[holders.position[row]])]
        if position.pk not in self.targets:
            accepted = self.accepted.get(position.pk, [])
            self.targets[position.pk] = TargetFacts(
                str(position.pk),
                position.name,
                "",
                PositionKind(position.kind),
                accepted_field_ids=frozenset(str(f) for f, _, _ in accepted),
                accepted_rumpun_ids=frozenset(r for _, r, _ in accepted),
                field_requirement_label=" / ".join(n for _, _, n in accepted),
            )
        target = self.targets[position.pk]
        return self.candidates[field], target if jpm is None else replace(target, jpm=jpm)


OUTCOME_CODES = {Outcome.PASS: 1, Outcome.FAIL: 2, Outcome.MISSING: 3}


@dataclass(frozen=True)
class _Results:
    """Rule results evaluated once per distinct input; per holder an index into them."""

    education: list[RuleResult]
    education_of: npt.NDArray[np.int64]
    competency: list[RuleResult]
    competency_of: npt.NDArray[np.int64]
    categories: list[str | None]

    def codes(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        education = np.array([OUTCOME_CODES.get(r.outcome, 0) for r in self.education], dtype=np.int64)
        competency = np.array([OUTCOME_CODES.get(r.outcome, 0) for r in self.competency], dtype=np.int64)
        return education[self.education_of], competency[self.competency_of]


def _checks(
    structure: Structure, holders: _Holders, scores: npt.NDArray[np.float64], book: RuleBook, day: date
) -> _Results:
    """R4.rumpun per distinct (holder's field, position's accepted fields) and R4.jpm per distinct JPM: the
    rules read nothing else of the holder or the position (the position's name only when it sets no field)."""
    accepted = _accepted(structure)
    signatures: dict[tuple[Any, ...], int] = {}
    for pk in holders.positions.tolist():
        wanted = accepted.get(pk, [])
        key = tuple(wanted) if wanted else ("", structure.positions[pk].name)
        signatures.setdefault(key, len(signatures))
    signature = np.array(
        [
            signatures[tuple(accepted.get(pk, [])) or ("", structure.positions[pk].name)]
            for pk in holders.positions.tolist()
        ],
        dtype=np.int64,
    )
    fields, field = np.unique(holders.field_id, return_inverse=True)
    _, first, education_of = np.unique(
        signature[holders.position] * max(len(fields), 1) + field, return_index=True, return_inverse=True
    )
    facts = _Facts(structure, holders, accepted)
    education = [education_field(*facts.of(row), day, book) for row in first.tolist()]
    values, first, competency_of = np.unique(scores, return_index=True, return_inverse=True)
    competency = [
        jpm_threshold(*facts.of(row, None if np.isnan(value) else value), day, book)
        for value, row in zip(values.tolist(), first.tolist(), strict=True)
    ]
    scale = DEFAULT_SCALES[str(book.resolve("R4.jpm", "jpm_scale", day).value)]
    categories = [None if c is None else str(c) for c in categorize(values, scale)] if len(values) else []
    return _Results(education, education_of.reshape(-1), competency, competency_of.reshape(-1), categories)


def _unit_rows(
    structure: Structure, holders: _Holders, results: _Results, display: list[UnitRef]
) -> tuple[UnitFit, ...]:
    """Per displayed unit, its subtree's staff (the root row: its own positions only): counted per unit in
    arrays, then each unit's counts added to the displayed units on its ancestor chain."""
    education, competency = results.codes()
    unit_of_position = np.array(
        [structure.positions[pk].unit_id for pk in holders.positions.tolist()], dtype=np.int64
    )
    units, unit = np.unique(unit_of_position[holders.position], return_inverse=True)
    measures = (
        np.ones(len(education), dtype=bool), education == 1, education == 2, competency == 1, competency == 2,
        (education == 3) | (competency == 3),
    )  # fmt: skip
    per_unit = (
        np.stack([np.bincount(unit.reshape(-1), weights=m, minlength=len(units)) for m in measures], axis=1)
        if len(units)
        else np.zeros((0, 6))
    )
    counts = {u.pk: np.zeros(6) for u in display}
    root = structure.root.pk if structure.root is not None else None
    for pk, row in zip(units.tolist(), per_unit, strict=True):
        for shown in _chain(structure, pk, root):
            if shown in counts:
                counts[shown] += row
    return tuple(UnitFit(u, *(int(n) for n in counts[u.pk])) for u in display)


def _chain(structure: Structure, unit: int, root: int | None) -> list[int]:
    """The unit and its ancestors inside the structure; the root counts only its own positions' staff."""
    chain: list[int] = []
    current: int | None = unit
    while current is not None and current in structure.units:
        if current != root or current == unit:
            chain.append(current)
        current = structure.units[current].parent_id
    return chain


@gc_paused
def staff_fit(
    *, viewer: Viewer, unit: Unit | None = None, on: date | None = None, named: bool = True
) -> FitReport:
    """Every seat holder of the subtree with their education and competency fit for their own post;
    `named=False` leaves the people unnamed (a page names the rows it shows with `name_staff`)."""
    day = on or today()
    book = load_rule_book()
    structure = load_posts(viewer=viewer, root=unit)  # no workloads: fit needs no kebutuhan
    holders = _holders(structure)
    scores = _jpm(structure, holders, book, day)
    results = _checks(structure, holders, scores, book, day)
    education, competency = results.codes()

    def build(row: int) -> StaffFit:
        position = structure.positions[int(holders.positions[holders.position[row]])]
        score = float(scores[row])
        name, _ = holders.fields.get(int(holders.field_id[row]), (None, None))
        jpm_of = int(results.competency_of[row])
        return StaffFit(
            int(holders.employee_id[row]), position, structure.units[position.unit_id], name or "—",
            results.education[int(results.education_of[row])], None if np.isnan(score) else score,
            results.categories[jpm_of], results.competency[jpm_of],
        )  # fmt: skip

    staff = StaffRows(build, np.arange(len(holders.employee_id)), (education == 2) | (competency == 2))
    display = display_units(viewer, structure)
    fit = FitReport(structure.root, day, _unit_rows(structure, holders, results, display), staff)
    return replace(fit, staff=tuple(name_staff(viewer=viewer, rows=fit.staff))) if named else fit


def name_staff(*, viewer: Viewer, rows: Iterable[StaffFit]) -> list[StaffFit]:
    """The rows with their person named (scope-masked), one query per 5,000 rows."""
    rows = list(rows)
    named = names(viewer=viewer, ids=(r.employee_id for r in rows))
    return [replace(r, person=named[str(r.employee_id)]) for r in rows]


FIT_FIELDS = ("occupant__education_level", "occupant__education_field_id")
