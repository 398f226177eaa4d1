"""A synthetic Kota Semarang for benchmarks (issue 8 item 1): ~40 OPDs, 16 kecamatan with 177 kelurahan,
~3,000 positions with requirements, N employees with histories, assessments, five years of SKP, past transfers.

Shares the templates, the organisation builder and the people generator with the Banyumanik demo.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tepat.demo.builder import BuildResult, FillRules, people_rows, pools_of, sample_occupied, write_all
from tepat.demo.catalog import Template
from tepat.demo.opds import CITY_KECAMATAN, DEMO_OPDS, OTHER_OPDS, kelurahan_names, other_opd
from tepat.demo.org import OrgPlan, kecamatan, opd, puskesmas, root, sekolah
from tepat.demo.people import PeopleGenerator
from tepat.demo.reference import reference_seed
from tepat.organization.models import Unit
from tepat.people.services.bulk import EmployeeRow

ACTOR_LABEL = "system:seed_city"
PUSKESMAS_COUNT = 37
SCHOOL_COUNT = 66  # brings the city to about 3,000 positions
FILL_RATE = 0.93  # share of seats with a person: the rest are vacancies
SECTOR_WEIGHT = {"pendidikan": 4.0, "kesehatan": 2.0}  # teachers and health staff are most of a city's ASN


@dataclass(frozen=True)
class SeatScale:
    """Seats per scalable template = its base seats × factor × sector weight (at least one)."""

    factor: float

    def __call__(self, template: Template) -> int:
        weight = SECTOR_WEIGHT.get(template.family, 1.0)
        return max(1, round(template.seats * self.factor * weight))


def _build(plan: OrgPlan) -> OrgPlan:
    root(plan)
    for abbr, name, count in CITY_KECAMATAN:
        kecamatan(plan, abbr, name, kelurahan_names(name, count))
    for spec in (*DEMO_OPDS, *(other_opd(*row) for row in OTHER_OPDS)):
        opd(plan, spec)
    for n in range(PUSKESMAS_COUNT):
        abbr, name, _ = CITY_KECAMATAN[n % len(CITY_KECAMATAN)]
        puskesmas(
            plan, "DINKES", f"{abbr}-{n // len(CITY_KECAMATAN) + 1}", f"{name} {n // len(CITY_KECAMATAN) + 1}"
        )
    for n in range(SCHOOL_COUNT):
        abbr, name, _ = CITY_KECAMATAN[n % len(CITY_KECAMATAN)]
        number = n // len(CITY_KECAMATAN) + 1
        sekolah(plan, "DISDIK", f"{abbr}-{number:02d}", f"SD Negeri {name} {number:02d}")
    return plan


def city_plan(employees: int) -> OrgPlan:
    """The city, with the seats of scalable positions sized so about FILL_RATE of all seats are filled."""
    base = _build(OrgPlan())
    templates = [slot.template for slot in base.slots if slot.number == 1]
    fixed = sum(t.seats for t in templates if not t.scalable)
    weighted = sum(t.seats * SECTOR_WEIGHT.get(t.family, 1.0) for t in templates if t.scalable)
    factor = max(0.0, (employees / FILL_RATE - fixed) / weighted)
    return _build(OrgPlan(seat_rule=SeatScale(factor)))


def city_rows(employees: int, seed: int, today: date) -> tuple[OrgPlan, list[EmployeeRow]]:
    plan = city_plan(employees)
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    if employees > len(plan.slots):
        raise ValidationError({"employees": f"Paling banyak {len(plan.slots)} pegawai untuk kota ini."})
    rules = FillRules(sample_occupied(plan, rng, employees))
    generator = PeopleGenerator(seed=seed, today=today, pools=pools_of(plan), skp_years=5)
    return plan, people_rows(plan, generator, rules)


def seed_city(*, employees: int, seed: int, today: date | None = None) -> BuildResult:
    """Build the synthetic city into an empty organisation (refuses when units already exist)."""
    if Unit.objects.exists():
        raise ValidationError("Sudah ada unit organisasi: seed_city hanya untuk basis data yang kosong.")
    day = today or timezone.localdate()
    reference_seed(actor_label=ACTOR_LABEL)
    plan, rows = city_rows(employees, seed, day)
    with transaction.atomic():
        return write_all(plan, rows, actor_label=ACTOR_LABEL)
