"""Turn an organisation plan into rows (who sits in which seat) and write them through the bulk services."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tepat.demo.org import OrgPlan, Slot
from tepat.demo.people import PeopleGenerator, Traits
from tepat.organization.bulk import positions_bulk_create, units_bulk_create
from tepat.people.services.bulk import EmployeeRow, RelationRow, employees_bulk_create, relations_bulk_create

SeatKey = tuple[str, int]
TraitRule = Callable[[Slot, random.Random], Traits | None]


@dataclass(frozen=True)
class FillRules:
    """Which seats get a person: named traits first, then forced vacancies, then the random draw."""

    occupied: frozenset[SeatKey]  # seats that get a person (the rest stay vacant)
    traits: Mapping[SeatKey, Traits] = field(default_factory=dict)
    trait_rule: TraitRule | None = None  # traits for everyone else (e.g. cap a JPM), or None


def pools_of(plan: OrgPlan) -> dict[str, list[Slot]]:
    """Past-post candidates: every position once, by family, plus all pelaksana posts together."""
    pools: dict[str, list[Slot]] = {}
    for slot in plan.slots:
        if slot.number != 1:
            continue
        pools.setdefault(slot.template.family, []).append(slot)
        if slot.template.kind == "pelaksana":
            pools.setdefault("pelaksana", []).append(slot)
    return pools


def draw_occupied(
    plan: OrgPlan,
    rng: random.Random,
    *,
    vacancy_rate: float,
    vacant: frozenset[SeatKey] = frozenset(),
    filled: frozenset[SeatKey] = frozenset(),
) -> frozenset[SeatKey]:
    keys = [(slot.position_code, slot.number) for slot in plan.slots]
    return frozenset(k for k in keys if k not in vacant and (k in filled or rng.random() >= vacancy_rate))


def sample_occupied(plan: OrgPlan, rng: random.Random, count: int) -> frozenset[SeatKey]:
    keys = [(slot.position_code, slot.number) for slot in plan.slots]
    return frozenset(rng.sample(keys, k=min(count, len(keys))))


def people_rows(plan: OrgPlan, generator: PeopleGenerator, rules: FillRules) -> list[EmployeeRow]:
    rows: list[EmployeeRow] = []
    for slot in plan.slots:
        key = (slot.position_code, slot.number)
        if key not in rules.occupied:
            continue
        traits = rules.traits.get(key)
        if traits is None and rules.trait_rule is not None:
            traits = rules.trait_rule(slot, generator.rng)
        rows.append(generator.employee(slot, traits))
    return rows


@dataclass(frozen=True)
class BuildResult:
    units: int
    positions: int
    seats: int
    employees: int

    @property
    def vacancies(self) -> int:
        return self.seats - self.employees


def write_all(
    plan: OrgPlan,
    rows: list[EmployeeRow],
    *,
    actor_label: str,
    relations: list[RelationRow] | None = None,
) -> BuildResult:
    """Write units, positions and seats, employees with their records, and relations; audited in bulk."""
    units = units_bulk_create(actor=None, rows=plan.units, actor_label=actor_label)
    positions = positions_bulk_create(actor=None, rows=plan.positions, actor_label=actor_label)
    employees = employees_bulk_create(actor=None, rows=rows, actor_label=actor_label)
    if relations:
        relations_bulk_create(actor=None, rows=relations, actor_label=actor_label)
    return BuildResult(len(units), len(positions), len(plan.slots), len(employees))
