"""The Banyumanik demo (issue 2 item 4, JOURNEYS.md): deterministic, idempotent, about 600 employees."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from tepat.demo import journeys as j
from tepat.demo.accounts import ACTOR_LABEL, demo_accounts_ensure
from tepat.demo.builder import BuildResult, FillRules, draw_occupied, people_rows, pools_of, write_all
from tepat.demo.opds import BANYUMANIK, CANDISARI, DEMO_OPDS, GAJAHMUNGKUR, TEMBALANG
from tepat.demo.org import ROOT_CODE, OrgPlan, Slot, kecamatan, opd, puskesmas, root
from tepat.demo.people import PeopleGenerator, Traits
from tepat.demo.reference import reference_seed
from tepat.organization.models import Unit
from tepat.people.models import FamilyRelation
from tepat.people.services.bulk import EmployeeRow, RelationRow

DEMO_SEED = 2026
VACANCY_RATE = 0.06
MIN_TENURE_MONTHS = 25  # only the one planted candidate is under 2 years in post (R1)
DEMO_PUSKESMAS = (
    ("SRONDOL", "Srondol"),
    ("PADANGSARI", "Padangsari"),
    ("PUDAKPAYUNG", "Pudakpayung"),
    ("NGESREP", "Ngesrep"),
    ("KEDUNGMUNDU", "Kedungmundu"),
    ("ROWOSARI", "Rowosari"),
    ("PEGANDAN", "Pegandan"),
    ("CANDILAMA", "Candilama"),
)


@dataclass(frozen=True)
class DemoReport:
    created: bool  # False: the demo organisation was already there and nothing was written
    result: BuildResult | None
    accounts: tuple[str, ...]  # usernames created now
    accounts_enabled: bool


def demo_plan() -> OrgPlan:
    plan = OrgPlan()
    root(plan)
    kecamatan(plan, "BYM", "Banyumanik", BANYUMANIK)
    kecamatan(plan, "TBL", "Tembalang", TEMBALANG)
    kecamatan(plan, "GJM", "Gajahmungkur", GAJAHMUNGKUR)
    kecamatan(plan, "CDS", "Candisari", CANDISARI)
    for spec in DEMO_OPDS:
        opd(plan, spec)
    for slug, name in DEMO_PUSKESMAS:
        puskesmas(plan, "DINKES", slug, name)
    return plan


def _cap_pemerintahan(slot: Slot, rng: random.Random) -> Traits | None:
    """Keep the planted candidate (JPM 92 %) the best-fitting eligible Kasi Pemerintahan in the demo."""
    if slot.template.family == "pemerintahan":
        return Traits(jpm=rng.uniform(0.70, 0.89))
    return None


def demo_rows(today: date) -> tuple[OrgPlan, list[EmployeeRow]]:
    """The whole demo in memory: the same `today` always gives the same rows."""
    plan = demo_plan()
    rng = random.Random(DEMO_SEED)  # noqa: S311 - synthetic data
    occupied = draw_occupied(plan, rng, vacancy_rate=VACANCY_RATE, vacant=j.VACANT, filled=j.FILLED)
    named = j.journey_people(today)
    rules = FillRules(occupied | frozenset(named), named, _cap_pemerintahan)
    generator = PeopleGenerator(
        seed=DEMO_SEED, today=today, pools=pools_of(plan), skp_years=3, min_tenure_months=MIN_TENURE_MONTHS
    )
    return plan, j.cross_matched(people_rows(plan, generator, rules))


def _spouse_rows(plan: OrgPlan, rows: list[EmployeeRow], today: date) -> list[RelationRow]:
    nip_at = {
        (p.position_code, p.seat_number): row.nip for row in rows for p in row.placements if p.end is None
    }
    first, second = nip_at[j.SPOUSES.first], nip_at[j.SPOUSES.second]
    declared = date(today.year - 1, 1, 15)
    kind = FamilyRelation.Kind.SPOUSE
    return [RelationRow(first, second, kind, declared), RelationRow(second, first, kind, declared)]


def seed_demo(*, with_accounts: bool, today: date | None = None) -> DemoReport:
    """Reference data, then the demo organisation and people unless already there, then the demo accounts."""
    day = today or timezone.localdate()
    reference_seed(actor_label=ACTOR_LABEL)
    result = None
    if not Unit.objects.filter(code=ROOT_CODE).exists():
        plan, rows = demo_rows(day)
        with transaction.atomic():
            result = write_all(plan, rows, actor_label=ACTOR_LABEL, relations=_spouse_rows(plan, rows, day))
    accounts = tuple(demo_accounts_ensure()) if with_accounts else ()
    if with_accounts:  # the ready rotation round needs the analyst who owns it (JOURNEYS.md §3)
        from tepat.demo.scenarios import demo_scenario_ensure

        demo_scenario_ensure(today=day)
    return DemoReport(result is not None, result, accounts, with_accounts)
