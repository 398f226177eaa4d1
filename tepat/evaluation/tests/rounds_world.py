"""A small world for evaluation tests: movers of a round into two units, and stayers beside them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from conftest import SmallGovernment
from tepat.organization.models import Position
from tepat.organization.tests.factories import PositionFactory
from tepat.people.models import Employee, PerformanceRecord, PositionHistory
from tepat.people.tests.factories import EmployeeFactory

ROUND = 2025
TMT = dt.date(ROUND, 3, 1)
STAY = {2022: "Baik", 2023: "Baik", 2024: "Baik", 2025: "Baik"}


@dataclass
class World:
    gov: SmallGovernment
    kel_post: Position
    dinas_post: Position
    movers_kel: list[Employee] = field(default_factory=list)
    movers_dinas: list[Employee] = field(default_factory=list)
    stayers: list[Employee] = field(default_factory=list)


def person(
    periods: list[tuple[Position, dt.date, dt.date | None]], skp: dict[int, str], **fields: object
) -> Employee:
    last = periods[-1][0]
    employee = EmployeeFactory.create(unit=last.unit, position_since=periods[-1][1], **fields)
    PositionHistory.objects.bulk_create(
        PositionHistory(
            employee=employee, position=post, unit=post.unit, position_name=post.name, unit_name=post.unit.name,
            start=start, end=end,
        )
        for post, start, end in periods
    )  # fmt: skip
    PerformanceRecord.objects.bulk_create(
        PerformanceRecord(employee=employee, year=year, predikat=predikat) for year, predikat in skp.items()
    )
    return employee


def mover(origin: Position, target: Position, after: str, **fields: object) -> Employee:
    periods = [(origin, dt.date(2019, 1, 1), TMT - dt.timedelta(days=1)), (target, TMT, None)]
    return person(periods, {2023: "Baik", 2024: "Baik", 2025: after}, **fields)


def build_world(gov: SmallGovernment, *, movers: int = 3, stayers: int = 6) -> World:
    world = World(gov, PositionFactory.create(unit=gov.kelurahan), PositionFactory.create(unit=gov.dinas))
    for n in range(movers):
        after = "Butuh Perbaikan" if n == 0 else "Sangat Baik"
        world.movers_kel.append(mover(world.dinas_post, world.kel_post, after, name=f"Pindah Kel {n}"))
        world.movers_dinas.append(
            mover(world.kel_post, world.dinas_post, "Sangat Baik", name=f"Pindah Din {n}")
        )
    for n in range(stayers):
        world.stayers.append(
            person([(world.kel_post, dt.date(2019, 1, 1), None)], STAY, name=f"Tetap Kel {n}")
        )
        world.stayers.append(
            person([(world.dinas_post, dt.date(2019, 1, 1), None)], STAY, name=f"Tetap Din {n}")
        )
    return world
