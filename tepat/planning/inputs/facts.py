"""Rule facts: `CandidateFacts` per employee and `TargetFacts` per seat, in a constant number of queries.

R8 (ABK) reads kebutuhan vs bezetting of the current and the target position from the needs analysis through
one `AbkLookup` per request: pass the same `abk=` to every call so each position is computed once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from tepat.core.rules import load_rule_book
from tepat.core.scoping import today
from tepat.engine.reference import EmploymentStatus, PositionKind, Predikat
from tepat.engine.rules import (
    CandidateFacts,
    ChainHead,
    Education,
    Eligibility,
    MutationType,
    Override,
    Period,
    RuleBook,
    Sanction,
    SkpRecord,
    TargetFacts,
    evaluate,
)
from tepat.organization.models import Position, Seat, Unit
from tepat.people.models import (
    DisciplinaryRecord,
    EducationHistory,
    Employee,
    FamilyRelation,
    PerformanceRecord,
    StudyLeave,
)
from tepat.planning.needs.abk import AbkLookup

SKP_YEARS_LOADED = 3  # the R7 window is rule data (default 2); load a little more so a longer window works


def _educations(employee_ids: list[int]) -> dict[int, list[Education]]:
    rows = EducationHistory.objects.filter(employee_id__in=employee_ids).select_related("field")
    result: dict[int, list[Education]] = defaultdict(list)
    for row in rows:
        field = row.field
        result[row.employee_id].append(
            Education(
                level=row.level,
                field_id=str(field.pk) if field else None,
                field_name=field.name if field else row.major,
                rumpun_id=field.rumpun if field else None,
                rumpun_name=field.rumpun if field else "",
            )
        )
    return result


def _relatives(employee_ids: list[int]) -> dict[int, frozenset[str]]:
    result: dict[int, set[str]] = defaultdict(set)
    rows = FamilyRelation.objects.filter(employee_id__in=employee_ids).values_list(
        "employee_id", "relative_id"
    )
    for employee_id, relative_id in rows:
        result[employee_id].add(str(relative_id))
    return {key: frozenset(value) for key, value in result.items()}


def _discipline(employee_ids: list[int]) -> tuple[dict[int, list[Sanction]], set[int]]:
    sanctions: dict[int, list[Sanction]] = defaultdict(list)
    in_process: set[int] = set()
    for row in DisciplinaryRecord.objects.filter(employee_id__in=employee_ids):
        if row.stage == DisciplinaryRecord.Stage.PROCESS and row.end is None:
            in_process.add(row.employee_id)
        elif row.stage == DisciplinaryRecord.Stage.SANCTION:
            sanctions[row.employee_id].append(
                Sanction(row.level, Period(row.start, row.end), row.description)
            )
    return sanctions, in_process


def _study(employee_ids: list[int]) -> tuple[dict[int, list[Period]], dict[int, date]]:
    leaves: dict[int, list[Period]] = defaultdict(list)
    bonds: dict[int, date] = {}
    for row in StudyLeave.objects.filter(employee_id__in=employee_ids, kind=StudyLeave.Kind.TUGAS_BELAJAR):
        leaves[row.employee_id].append(Period(row.start, row.end))
        if row.bond_until and (row.employee_id not in bonds or row.bond_until > bonds[row.employee_id]):
            bonds[row.employee_id] = row.bond_until
    return leaves, bonds


def _skp(employee_ids: list[int], on: date) -> dict[int, list[SkpRecord]]:
    result: dict[int, list[SkpRecord]] = defaultdict(list)
    rows = PerformanceRecord.objects.filter(
        employee_id__in=employee_ids, year__gte=on.year - SKP_YEARS_LOADED, year__lt=on.year
    ).values_list("employee_id", "year", "predikat")
    for employee_id, year, predikat in rows:
        result[employee_id].append(SkpRecord(year, Predikat(predikat)))
    return result


def candidate_facts_many(
    employee_ids: Iterable[int], on: date, *, abk: AbkLookup | None = None
) -> dict[int, CandidateFacts]:
    """Facts for many employees at once: seven queries whatever their number, and four for R8 unless `abk`
    already holds their positions."""
    ids = list(employee_ids)
    employees = list(Employee.objects.filter(pk__in=ids).select_related("seat__position"))
    origin = (abk or AbkLookup(on=on)).statuses(e.seat.position_id for e in employees if e.seat)
    educations, relatives = _educations(ids), _relatives(ids)
    sanctions, in_process = _discipline(ids)
    leaves, bonds = _study(ids)
    skp = _skp(ids, on)
    facts = {}
    for employee in employees:
        position = employee.seat.position if employee.seat else None
        facts[employee.pk] = CandidateFacts(
            employee_id=str(employee.pk),
            status=EmploymentStatus(employee.status) if employee.status else None,
            rank_code=employee.rank,
            post_start=employee.position_since,
            current_position_kind=PositionKind(position.kind) if position else None,
            educations=tuple(educations.get(employee.pk, ())),
            # A declaration on file is assumed for every employee: HR collects it at appointment.
            relative_ids=relatives.get(employee.pk, frozenset()),
            sanctions=tuple(sanctions.get(employee.pk, ())),
            discipline_process=employee.pk in in_process,
            study_leave=tuple(leaves.get(employee.pk, ())),
            ikatan_dinas_until=bonds.get(employee.pk),
            skp=tuple(skp.get(employee.pk, ())),
            origin_abk=origin.get(position.pk) if position else None,
        )
    return facts


def _chain_heads(unit: Unit) -> tuple[ChainHead, ...]:
    """Heads of the target unit and its ancestors, nearest first (R3: relatives in the chain of command)."""
    paths = unit.ancestor_paths()
    units = {u.path: u for u in Unit.objects.filter(path__in=paths)}
    heads = dict(
        Employee.objects.filter(
            seat__position__is_head=True, seat__position__unit__path__in=paths
        ).values_list("seat__position__unit__path", "pk")
    )
    return tuple(
        ChainHead(str(units[path].pk), units[path].name, str(heads[path]) if path in heads else None)
        for path in reversed(paths)
        if path in units
    )


def target_facts_for(
    seat: Seat, *, case_actor_ids: frozenset[str] = frozenset(), abk: AbkLookup | None = None
) -> TargetFacts:
    """Facts of the seat's position; per-move facts (JPM, own request, approvals) are set with `replace`."""
    position: Position = seat.position
    on = abk.on if abk is not None else today()
    fields = list(position.education_fields.all())
    subordinates: frozenset[str] = frozenset()
    if position.is_head:
        subordinates = frozenset(
            str(pk) for pk in Employee.objects.filter(unit=position.unit).values_list("pk", flat=True)
        )
    return TargetFacts(
        position_id=str(position.pk),
        position_name=position.name,
        unit_name=position.unit.name,
        position_kind=PositionKind(position.kind),
        rank_min=position.min_rank,
        rank_max=position.max_rank,
        min_education_level=position.min_education or None,
        accepted_field_ids=frozenset(str(f.pk) for f in fields),
        accepted_rumpun_ids=frozenset(f.rumpun for f in fields),
        field_requirement_label=" / ".join(f.name for f in fields),
        requires_pns=position.requires_pns,
        chain_heads=_chain_heads(position.unit),
        subordinate_ids=subordinates,
        case_actor_ids=case_actor_ids,
        target_abk=(abk or AbkLookup(on=on)).status(position.pk),
    )


def eligibility_for(
    *,
    employee: Employee,
    seat: Seat,
    on: date,
    jpm: float | None = None,
    own_request: bool = False,
    mutation_type: MutationType | str = MutationType.A_INTRA,
    approvals: frozenset[str] = frozenset(),
    case_actor_ids: frozenset[str] = frozenset(),
    overrides: Iterable[Override] = (),
    rule_book: RuleBook | None = None,
) -> Eligibility:
    """Every rule for one move on one date (the workflow re-runs this at verification and at the TMT)."""
    book = rule_book or load_rule_book()
    abk = AbkLookup(on=on, book=book)
    candidate = candidate_facts_many([employee.pk], on, abk=abk)[employee.pk]
    target = replace(
        target_facts_for(seat, case_actor_ids=case_actor_ids, abk=abk),
        jpm=jpm,
        own_request=own_request,
        approvals=approvals,
    )
    return evaluate(candidate, target, on, book, overrides)
