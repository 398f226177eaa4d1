"""Education and competency fit of the current staff against their *own* position (issue 3 item 4).

For every seat holder of a subtree: does the latest recorded education (Employee.education_field) meet the
position's accepted fields (rule R4.rumpun decides: exact field, same rumpun, or not), and does the JPM
against the position's competency standard meet the rule data's minimum (rule R4.jpm; JPM by
`tepat.engine.jpm` with the cap mode and category scale of the rule book)? Seven queries for any size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import numpy as np

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today
from tepat.core.types import Viewer
from tepat.engine.jpm import DEFAULT_SCALES, CapMode, categorize, jpm_matrix
from tepat.engine.reference import EmploymentStatus, PositionKind
from tepat.engine.rules import CandidateFacts, Education, Outcome, RuleBook, RuleResult, TargetFacts
from tepat.engine.rules.career import education_field, jpm_threshold
from tepat.organization.models import Position, PositionCompetency, Seat, Unit
from tepat.people.models import CompetencyAssessment
from tepat.planning.needs.loading import PersonRef, PositionRef, Structure, UnitRef, load_structure
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


@dataclass(frozen=True)
class FitReport:
    root: UnitRef | None
    on: date
    rows: tuple[UnitFit, ...]
    staff: tuple[StaffFit, ...]

    @property
    def mismatches(self) -> tuple[StaffFit, ...]:
        return tuple(s for s in self.staff if s.mismatch)


@dataclass(frozen=True)
class _Requirements:
    fields: dict[int, list[tuple[int, str, str]]]  # position -> (field id, rumpun, name)
    standard: dict[int, dict[str, int]]  # position -> competency code -> level
    achieved: dict[int, dict[str, float]]  # employee -> competency code -> latest level


def _requirements(structure: Structure) -> _Requirements:
    fields: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    through = Position.education_fields.through.objects.filter(structure.subtree("position__unit__"))
    for pos, field, rumpun, name in through.values_list(
        "position_id", "educationfield_id", "educationfield__rumpun", "educationfield__name"
    ):
        fields[pos].append((field, rumpun, name))
    standard: dict[int, dict[str, int]] = defaultdict(dict)
    rows = PositionCompetency.objects.filter(structure.subtree("position__unit__"))
    for pos, code, level in rows.values_list("position_id", "competency__code", "level"):
        standard[pos][code] = level
    achieved: dict[int, dict[str, float]] = defaultdict(dict)
    assessed = CompetencyAssessment.objects.filter(structure.subtree("employee__seat__position__unit__"))
    for emp, code, achieved_level in assessed.order_by("assessed_on").values_list(
        "employee_id", "competency__code", "level"
    ):
        achieved[emp][code] = achieved_level  # the latest assessment of each competency wins
    return _Requirements(fields, standard, achieved)


def _jpm(
    req: _Requirements, pairs: list[tuple[int, int]], book: RuleBook, on: date
) -> dict[int, float | None]:
    """JPM of each (employee, own position), one `jpm_matrix` call per distinct standard."""
    cap = CapMode(book.resolve("R4.jpm", "jpm_cap_mode", on).value)
    groups: dict[tuple[tuple[str, int], ...], list[int]] = defaultdict(list)
    for employee, position in pairs:
        groups[tuple(sorted(req.standard.get(position, {}).items()))].append(employee)
    result: dict[int, float | None] = {}
    for standard, employees in groups.items():
        codes = [code for code, _ in standard]
        achieved = np.array([[req.achieved.get(e, {}).get(c, np.nan) for c in codes] for e in employees])
        required = np.array([[level for _, level in standard]], dtype=float)
        scores = jpm_matrix(achieved.reshape(len(employees), len(codes)), required, cap).jpm[:, 0]
        result.update({e: None if np.isnan(s) else float(s) for e, s in zip(employees, scores, strict=True)})
    return result


def _facts(row: dict[str, Any], position: PositionRef, req: _Requirements, jpm: float | None) -> tuple:
    field = row["occupant__education_field_id"]
    education = Education(
        row["occupant__education_level"] or "SMA",
        str(field) if field else None,
        row["occupant__education_field__name"] or "",
        row["occupant__education_field__rumpun"],
        row["occupant__education_field__rumpun"] or "",
    )
    accepted = req.fields.get(position.pk, [])
    candidate = CandidateFacts(
        str(row["occupant__id"]),
        EmploymentStatus(row["occupant__status"]),
        None,
        None,
        educations=(education,),
    )
    target = TargetFacts(
        str(position.pk),
        position.name,
        "",
        PositionKind(position.kind),
        accepted_field_ids=frozenset(str(f) for f, _, _ in accepted),
        accepted_rumpun_ids=frozenset(r for _, r, _ in accepted),
        field_requirement_label=" / ".join(n for _, _, n in accepted),
        jpm=jpm,
    )
    return candidate, target


def _unit_rows(structure: Structure, staff: list[StaffFit], display: list[UnitRef]) -> tuple[UnitFit, ...]:
    """Per displayed unit, its subtree's staff (the root row: its own positions only); each person is added
    to the displayed units on their unit's ancestor chain, so the cost grows with staff, not staff × units."""
    counts = {u.pk: [0, 0, 0, 0, 0, 0] for u in display}
    root = structure.root.pk if structure.root is not None else None
    for person in staff:
        outcomes = (person.education.outcome, person.competency.outcome)
        row = (1, outcomes[0] == Outcome.PASS, outcomes[0] == Outcome.FAIL, outcomes[1] == Outcome.PASS,
               outcomes[1] == Outcome.FAIL, Outcome.MISSING in outcomes)  # fmt: skip
        for pk in _chain(structure, person.unit.pk, root):
            if pk in counts:
                counts[pk] = [a + b for a, b in zip(counts[pk], row, strict=True)]
    return tuple(UnitFit(u, *counts[u.pk]) for u in display)


def _chain(structure: Structure, unit: int, root: int | None) -> list[int]:
    """The unit and its ancestors inside the structure; the root counts only its own positions' staff."""
    chain: list[int] = []
    current: int | None = unit
    while current is not None and current in structure.units:
        if current != root or current == unit:
            chain.append(current)
        current = structure.units[current].parent_id
    return chain


class _Checks:
    """R4.rumpun and R4.jpm for each holder, evaluated once per distinct input (fields × position, JPM)."""

    def __init__(self, req: _Requirements, book: RuleBook, day: date) -> None:
        self.req, self.book, self.day = req, book, day
        self.education: dict[tuple[Any, ...], RuleResult] = {}
        self.jpm: dict[float | None, RuleResult] = {}

    def results(
        self, row: dict[str, Any], position: PositionRef, score: float | None
    ) -> tuple[RuleResult, RuleResult]:
        key = (row["occupant__education_field_id"], row["occupant__education_field__name"],
               row["occupant__education_field__rumpun"], position.pk)  # fmt: skip
        if key not in self.education or score not in self.jpm:
            candidate, target = _facts(row, position, self.req, score)
            if key not in self.education:
                self.education[key] = education_field(candidate, target, self.day, self.book)
            if score not in self.jpm:
                self.jpm[score] = jpm_threshold(candidate, target, self.day, self.book)
        return self.education[key], self.jpm[score]


def _categories(scores: dict[int, float | None], scale: Any) -> dict[float, str]:
    """The JPM category of every distinct score, in one vectorised call."""
    values = sorted({s for s in scores.values() if s is not None})
    return dict(zip(values, categorize(np.array(values, dtype=float), scale), strict=True)) if values else {}


def _holders(structure: Structure) -> list[dict[str, Any]]:
    """Seat holders with their education, lean (no names, dates or UUIDs): one query, in unit path order."""
    rows = list(
        Seat.objects.filter(structure.subtree("position__unit__"), is_active=True, occupant__isnull=False)
        .order_by()
        .values("position_id", "number", "occupant__id", "occupant__status", *FIT_FIELDS)
    )
    paths = {pk: structure.units[p.unit_id].path for pk, p in structure.positions.items()}
    rows.sort(key=lambda r: (paths[r["position_id"]], r["position_id"], r["number"]))
    return rows


def staff_fit(
    *, viewer: Viewer, unit: Unit | None = None, on: date | None = None, named: bool = True
) -> FitReport:
    """Every seat holder of the subtree with their education and competency fit for their own post;
    `named=False` leaves the people unnamed (a page names the rows it shows with `name_staff`)."""
    day = on or today()
    book = load_rule_book()
    structure = load_structure(viewer=viewer, root=unit, per_task=False)
    rows = _holders(structure)
    req = _requirements(structure)
    scale = DEFAULT_SCALES[str(book.resolve("R4.jpm", "jpm_scale", day).value)]
    jpm = _jpm(req, [(r["occupant__id"], r["position_id"]) for r in rows], book, day)
    categories, checks = _categories(jpm, scale), _Checks(req, book, day)
    staff = []
    for row in rows:
        position = structure.positions[row["position_id"]]
        score = jpm[row["occupant__id"]]
        education, competency = checks.results(row, position, score)
        category = None if score is None else str(categories[score])
        field_name = row["occupant__education_field__name"] or "—"
        unit_ref = structure.units[position.unit_id]
        staff.append(
            StaffFit(
                row["occupant__id"], position, unit_ref, field_name, education, score, category, competency
            )
        )
    display = display_units(viewer, structure)
    fit = FitReport(structure.root, day, _unit_rows(structure, staff, display), tuple(staff))
    return replace(fit, staff=tuple(name_staff(viewer=viewer, rows=fit.staff))) if named else fit


def name_staff(*, viewer: Viewer, rows: Iterable[StaffFit]) -> list[StaffFit]:
    """The rows with their person named (scope-masked), one query per 5,000 rows."""
    rows = list(rows)
    named = names(viewer=viewer, ids=(r.employee_id for r in rows))
    return [replace(r, person=named[str(r.employee_id)]) for r in rows]


FIT_FIELDS = (
    "occupant__education_level",
    "occupant__education_field_id",
    "occupant__education_field__name",
    "occupant__education_field__rumpun",
)
