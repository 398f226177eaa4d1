"""Synthetic employees for a seat: identity, rank ladder, posts, education, assessments, SKP, training.

Everything is drawn from one seeded `random.Random` and one seeded Faker, so the same seed and the same
reference date give the same people. Facts about tenure are relative to the reference date ("today").
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from faker import Faker

from tepat.demo import learning as titles
from tepat.demo.catalog import Template
from tepat.demo.dates import add_months, years_before
from tepat.demo.org import Slot
from tepat.engine.identity import make_nik, make_nip
from tepat.engine.reference import RANKS, Predikat
from tepat.people.services.bulk import (
    AssessmentRow,
    DisciplineRow,
    EmployeeRow,
    PerformanceRow,
    PlacementRow,
    RankRow,
    StudyLeaveRow,
)

RANK_CODES = [rank.code for rank in RANKS]
ENTRY_RANK = {"SMA": 21, "D3": 23, "S1": 31, "S2": 32}
ENTRY_AGE = {"SMA": (19, 24), "D3": (21, 26), "S1": (23, 30), "S2": (25, 32)}
MAX_AGE = 56  # nobody past BUP (58) by accident; retirements inside the horizon are planted on purpose
# None = no SKP recorded: real data is never complete.
SKP_VALUES: tuple[str | None, ...] = (
    Predikat.BAIK.value,
    Predikat.SANGAT_BAIK.value,
    Predikat.BUTUH_PERBAIKAN.value,
    None,
)
SKP_WEIGHTS = (70, 17, 5, 8)
JPM_BANDS = ((0.90, 1.05), (0.78, 0.90), (0.62, 0.78))  # Optimal, Cukup, Kurang (DOMAIN.md §4.1 scale A)
ASSESSOR = "UPT Penilaian Kompetensi BKPP Kota Semarang"
BIRTH_PLACES = (
    "Semarang",
    "Semarang",
    "Semarang",
    "Kendal",
    "Demak",
    "Ungaran",
    "Salatiga",
    "Kudus",
    "Pati",
    "Solo",
)


@dataclass(frozen=True)
class Traits:
    """Facts a journey needs to be true; anything left None is drawn at random."""

    name: str | None = None
    gender: str | None = None
    front_title: str | None = None
    back_title: str | None = None
    birth_date: date | None = None
    education: tuple[str, str] | None = None  # (level, field code)
    rank: int | None = None
    status: str | None = None
    tenure_months: int | None = None
    jpm: float | None = None  # target JPM against the post's standard; 0 = never assessed
    skp: tuple[str | None, ...] | None = None  # oldest first; None = missing
    past: tuple[str, ...] | None = None  # earlier posts (position codes), oldest first, from TMT CPNS on
    discipline: tuple[DisciplineRow, ...] = ()
    study_leaves: tuple[StudyLeaveRow, ...] = ()


@dataclass
class PeopleGenerator:
    seed: int
    today: date
    pools: dict[str, list[Slot]]  # past-post candidates by family ("pelaksana" for all pelaksana posts)
    skp_years: int = 3
    min_tenure_months: int = 1
    rng: random.Random = field(init=False)
    faker: Faker = field(init=False)
    serials: dict[str, int] = field(init=False, default_factory=lambda: defaultdict(int))

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)  # noqa: S311 - synthetic data, not security
        self.faker = Faker("id_ID")
        self.faker.seed_instance(self.seed)

    def employee(self, slot: Slot, traits: Traits | None = None) -> EmployeeRow:
        t = traits or Traits()
        template = slot.template
        gender = t.gender or self.rng.choice("LP")
        level, field_code = t.education or self._education(template)
        status = t.status or ("PPPK" if not template.is_structural and self.rng.random() < 0.06 else "PNS")
        tenure = t.tenure_months if t.tenure_months is not None else self._tenure(status)
        since = add_months(self.today.replace(day=1), -tenure)
        rank = None if status == "PPPK" else (t.rank or self.rng.choice(_ranks_in(template.ranks)))
        start = self._service_start(level, rank, since, status)
        birth = t.birth_date or self._birth(start, level)
        front, back = titles.for_degree(level, field_code)
        return EmployeeRow(
            nip=self._nip(birth, start, gender),
            nik=self._nik(birth, gender),
            name=t.name or self._name(gender),
            front_title=front if t.front_title is None else t.front_title,
            back_title=back if t.back_title is None else t.back_title,
            gender=gender,
            birth_date=birth,
            birth_place=self.rng.choice(BIRTH_PLACES),
            status=status,
            tmt_cpns=start if status == "PNS" else None,
            contract_end=add_months(start, 60) if status == "PPPK" else None,
            ranks=self._ranks(level, rank, start) if rank else (),
            placements=(
                *self._past(slot, start, since, t),
                PlacementRow(since, None, slot.position_code, slot.number),
            ),
            education=titles.education_rows(level, field_code, birth, start, self.today, self.rng),
            assessments=self._assessments(template, t),
            performance=self._skp(start, t),
            trainings=titles.trainings(template.family, self.today, self.rng),
            discipline=t.discipline,
            study_leaves=t.study_leaves,
        )

    # --- identity ------------------------------------------------------------------------------------------

    def _name(self, gender: str) -> str:
        if gender == "L":
            return f"{self.faker.first_name_male()} {self.faker.last_name_male()}"
        return f"{self.faker.first_name_female()} {self.faker.last_name_female()}"

    def _nip(self, birth: date, start: date, gender: str) -> str:
        key = f"nip{birth:%Y%m%d}{start:%Y%m}{gender}"
        self.serials[key] += 1
        return make_nip(birth, start, gender, self.serials[key])

    def _nik(self, birth: date, gender: str) -> str:
        region = f"3374{self.rng.randint(1, 16):02d}"
        key = f"nik{region}{birth:%Y%m%d}{gender}"
        self.serials[key] += 1
        return make_nik(region, birth, gender, self.serials[key])

    def _education(self, template: Template) -> tuple[str, str]:
        roll = self.rng.random()
        level = {
            "SMA": "SMA" if roll < 0.55 else "D3" if roll < 0.7 else "S1",
            "D3": "D3" if roll < 0.75 else "S1",
            "S1": "S1" if roll < 0.85 else "S2",
        }[template.education or "SMA"]
        match_rate = 0.95 if template.family in ("kesehatan", "pendidikan") else 0.75
        fitting = [code for code in template.fields if titles.fits_level(code, level)]
        if fitting and self.rng.random() < match_rate:
            return level, self.rng.choice(fitting)
        return level, self.rng.choice(titles.fields_for_level(level))

    # --- dates ---------------------------------------------------------------------------------------------

    def _tenure(self, status: str) -> int:
        months = int(self.rng.triangular(3, 48 if status == "PPPK" else 130, 36 if status == "PNS" else 24))
        return max(months, self.min_tenure_months)

    def _service_start(self, level: str, rank: int | None, since: date, status: str) -> date:
        """TMT CPNS (or the PPPK contract start): long enough for the rank ladder and before the current post."""
        if status == "PPPK":
            return min(date(self.rng.randint(2021, 2024), self.rng.choice((1, 3, 4)), 1), since)
        steps = _steps(min(ENTRY_RANK[level], rank or 0), rank or 0)
        years = max(steps * 4 + self.rng.randint(0, 3), self.rng.randint(1, 4))
        start = date(self.today.year - years, self.rng.randint(1, 12), 1)
        return min(start, add_months(since, -12))

    def _birth(self, start: date, level: str) -> date:
        low, high = ENTRY_AGE[level]
        birth = years_before(start, self.rng.randint(low, high)) - timedelta(days=self.rng.randint(0, 360))
        oldest = years_before(self.today, MAX_AGE)
        return birth if birth > oldest else oldest + timedelta(days=self.rng.randint(1, 700))

    def _ranks(self, level: str, rank: int, start: date) -> tuple[RankRow, ...]:
        entry = min(ENTRY_RANK[level], rank)
        ladder = RANK_CODES[RANK_CODES.index(entry) : RANK_CODES.index(rank) + 1]
        served = (self.today.year - start.year) * 12 + self.today.month - start.month
        gap = max(1, min(48, (served - 1) // max(len(ladder) - 1, 1)))
        return tuple(RankRow(code, add_months(start, i * gap)) for i, code in enumerate(ladder))

    def _past(self, slot: Slot, start: date, since: date, traits: Traits) -> tuple[PlacementRow, ...]:
        months = (since.year - start.year) * 12 + since.month - start.month
        if months < 12:
            return ()
        if traits.past is not None:
            codes = list(traits.past)
            if not codes:
                return ()
            cuts = [months * n // len(codes) for n in range(1, len(codes))] if codes else []
        else:
            cuts = sorted(self.rng.sample(range(1, months), k=min(self.rng.randint(0, 2), months - 1)))
            codes = [self._past_post(slot) for _ in range(len(cuts) + 1)]
        starts = [start, *(add_months(start, cut) for cut in cuts)]
        ends = [*(s - timedelta(days=1) for s in starts[1:]), since - timedelta(days=1)]
        return tuple(
            PlacementRow(begin, end, code) for begin, end, code in zip(starts, ends, codes, strict=True)
        )

    def _past_post(self, slot: Slot) -> str:
        key = "pelaksana" if slot.template.kind == "pelaksana" else slot.template.family
        pool = self.pools.get(key) if self.rng.random() < 0.7 else None
        pool = pool or self.pools["pelaksana"]
        for _ in range(5):
            other = self.rng.choice(pool)
            if other.position_code != slot.position_code:
                return other.position_code
        return pool[0].position_code

    # --- records -------------------------------------------------------------------------------------------

    def _skp(self, start: date, traits: Traits) -> tuple[PerformanceRow, ...]:
        years = range(self.today.year - self.skp_years, self.today.year)
        drawn = traits.skp or tuple(self.rng.choices(SKP_VALUES, SKP_WEIGHTS)[0] for _ in years)
        return tuple(
            PerformanceRow(year, predikat)
            for year, predikat in zip(years, drawn, strict=False)
            if predikat and year > start.year
        )

    def _assessments(self, template: Template, traits: Traits) -> tuple[AssessmentRow, ...]:
        chance = 0.95 if template.is_structural else 0.6 if template.kind == "pelaksana" else 0.8
        if traits.jpm == 0 or (traits.jpm is None and self.rng.random() > chance):
            return ()
        target = traits.jpm or self.rng.uniform(*self.rng.choices(JPM_BANDS, (35, 40, 25))[0])
        standard = template.standard
        levels = achieved_levels([level for _, level in standard], target, self.rng)
        on = self.today - timedelta(days=self.rng.randint(90, 1000))
        method = "Assessment Center" if template.is_structural else "Uji Kompetensi"
        return tuple(
            AssessmentRow(code, float(level), on, ASSESSOR, method)
            for (code, _), level in zip(standard, levels, strict=True)
        )


def achieved_levels(required: list[int], target: float, rng: random.Random) -> list[int]:
    """Integer levels 1–5 whose sum over the standard's sum is as close to `target` as integers allow."""
    levels = list(required)
    lowest = sum(max(1, level - 2) for level in required)
    highest = sum(min(5, level + 2) for level in required)
    goal = min(max(round(target * sum(required)), lowest), highest)
    while sum(levels) != goal:
        step = 1 if sum(levels) < goal else -1
        index = rng.randrange(len(levels))
        if 1 <= levels[index] + step <= 5 and abs(levels[index] + step - required[index]) <= 2:
            levels[index] += step
    return levels


def _ranks_in(bounds: tuple[int, int]) -> list[int]:
    return [code for code in RANK_CODES if bounds[0] <= code <= bounds[1]]


def _steps(entry: int, rank: int) -> int:
    if not entry or not rank:
        return 0
    return RANK_CODES.index(rank) - RANK_CODES.index(entry)
