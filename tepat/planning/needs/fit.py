"""Education and competency fit of the current staff against their *own* position (issue 3 item 4).

For every seat holder of a subtree: does the latest recorded education (Employee.education_field) meet the
position's accepted fields (rule R4.rumpun decides: exact field, same rumpun, or not), and does the JPM
against the position's competency standard meet the rule data's minimum (rule R4.jpm; JPM by
`tepat.engine.jpm` with the cap mode and category scale of the rule book)? Seven queries for any size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
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
from tepat.organization.models import Position, PositionCompetency, Unit
from tepat.people.models import CompetencyAssessment
from tepat.planning.needs.loading import (
    PersonRef,
    PositionRef,
    Structure,
    UnitRef,
    current_seats,
    load_structure,
)
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
    person: PersonRef
    position: PositionRef
    unit: UnitRef
    field_name: str
    education: RuleResult
    jpm: float | None
    category: str | None
    competency: RuleResult

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
    rows = []
    for unit in display:
        own = unit == structure.root
        mine = [s for s in staff if (s.unit.pk == unit.pk if own else s.unit.path.startswith(unit.path))]
        outcomes = [(s.education.outcome, s.competency.outcome) for s in mine]
        rows.append(
            UnitFit(
                unit,
                len(mine),
                sum(e == Outcome.PASS for e, _ in outcomes),
                sum(e == Outcome.FAIL for e, _ in outcomes),
                sum(c == Outcome.PASS for _, c in outcomes),
                sum(c == Outcome.FAIL for _, c in outcomes),
                sum(Outcome.MISSING in pair for pair in outcomes),
            )
        )
    return tuple(rows)


def staff_fit(*, viewer: Viewer, unit: Unit | None = None, on: date | None = None) -> FitReport:
    """Every seat holder of the subtree with their education and competency fit for their own post."""
    day = on or today()
    book = load_rule_book()
    structure = load_structure(viewer=viewer, root=unit, per_task=False)
    seats, rows = current_seats(viewer=viewer, structure=structure, extra=FIT_FIELDS)
    req = _requirements(structure)
    scale = DEFAULT_SCALES[str(book.resolve("R4.jpm", "jpm_scale", day).value)]
    jpm = _jpm(req, [(r["occupant__id"], r["position_id"]) for r in rows], book, day)
    people = {s.occupant.pk: s.occupant for s in seats if s.occupant is not None}
    staff = []
    for row in rows:
        position = structure.positions[row["position_id"]]
        score = jpm[row["occupant__id"]]
        candidate, target = _facts(row, position, req, score)
        category = None if score is None else categorize(np.array([score]), scale)[0]
        staff.append(
            StaffFit(
                people[row["occupant__id"]],
                position,
                structure.units[position.unit_id],
                row["occupant__education_field__name"] or "—",
                education_field(candidate, target, day, book),
                score,
                category,
                jpm_threshold(candidate, target, day, book),
            )
        )
    display = display_units(viewer, structure)
    return FitReport(structure.root, day, _unit_rows(structure, staff, display), tuple(staff))


FIT_FIELDS = (
    "occupant__education_level",
    "occupant__education_field_id",
    "occupant__education_field__name",
    "occupant__education_field__rumpun",
)
