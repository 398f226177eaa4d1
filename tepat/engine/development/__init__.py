"""Competency development after a move (DOMAIN.md §7, §3, §4.1): gaps → plan items → JP accounting → re-assessment.

The gap of a competency is achieved − required, computed by `jpm.job_person_match` (one formula, one place);
only negative gaps are development needs. Each need becomes one plan item: a route (klasikal or nonklasikal)
chosen by gap size and competency group, a catalogue course matched by competency code (or a free-text
activity when the catalogue has none), a due date (the biggest gaps within the first months after TMT) and
the JP it is planned to earn. JP are counted per calendar year against the yearly target; the target (20 JP)
and the minutes per JP (45) are rule data (rule R10), passed in through `DevelopmentRules`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tepat.engine.jpm import job_person_match
from tepat.engine.rules.dates import format_date


class Route(StrEnum):
    KLASIKAL = "klasikal"
    NONKLASIKAL = "nonklasikal"


class Group(StrEnum):
    TEKNIS = "teknis"
    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"


GROUP_LABELS = {
    Group.TEKNIS: "teknis",
    Group.MANAJERIAL: "manajerial",
    Group.SOSIAL_KULTURAL: "sosial kultural",
}
ROUTE_LABELS = {Route.KLASIKAL: "klasikal", Route.NONKLASIKAL: "nonklasikal"}
# Free-text activities when the catalogue has no course for the competency (DOMAIN §7 route lists).
FALLBACK_ACTIVITY = {
    (Route.KLASIKAL, Group.TEKNIS): "Bimbingan teknis",
    (Route.KLASIKAL, Group.MANAJERIAL): "Pelatihan manajerial",
    (Route.KLASIKAL, Group.SOSIAL_KULTURAL): "Workshop",
    (Route.NONKLASIKAL, Group.TEKNIS): "Magang/praktik kerja",
    (Route.NONKLASIKAL, Group.MANAJERIAL): "Coaching dan mentoring oleh atasan",
    (Route.NONKLASIKAL, Group.SOSIAL_KULTURAL): "E-learning",
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, falling back to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class DevelopmentRules:
    """Rule data for development. `min_jp_per_year` and `jp_minutes` come from rule R10 (PP 11/2017; Perlan 10/2018)."""

    min_jp_per_year: Decimal = Decimal(20)
    jp_minutes: int = 45
    first_window_months: int = (
        3  # the biggest gaps are planned within this many months after TMT (JOURNEYS §5)
    )
    first_window_items: int = 3  # how many of the biggest gaps go into the first window
    later_window_months: int = 6  # due date for the other gaps
    reassessment_months: int = 12  # re-assessment at the latest this long after TMT
    # A gap this large (levels) or larger goes to a klasikal course; smaller ones to nonklasikal learning.
    klasikal_min_gap: Mapping[str, float] = field(
        default_factory=lambda: {Group.TEKNIS: 2.0, Group.MANAJERIAL: 2.0, Group.SOSIAL_KULTURAL: 3.0}
    )
    # Planned JP when no catalogue course is matched, per route.
    default_jp: Mapping[str, Decimal] = field(
        default_factory=lambda: {Route.KLASIKAL: Decimal(16), Route.NONKLASIKAL: Decimal(8)}
    )
    # Ties in gap size are broken by group weight: teknis first (the new post's work), then manajerial.
    group_weights: Mapping[str, float] = field(
        default_factory=lambda: {Group.TEKNIS: 3.0, Group.MANAJERIAL: 2.0, Group.SOSIAL_KULTURAL: 1.0}
    )
    orientation_jp: Decimal = Decimal(8)  # orientation in a new field (magang/mentoring), DOMAIN §7


# ---- gaps ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standard:
    """One required competency of the post (SKJ)."""

    code: str
    name: str
    group: str
    required: float


@dataclass(frozen=True)
class Gap:
    code: str
    name: str
    group: str
    required: float
    achieved: float
    gap: float  # negative: below the standard

    @property
    def size(self) -> float:
        return -self.gap

    def sentence(self) -> str:
        return (
            f"{self.name} ({GROUP_LABELS.get(Group(self.group), self.group)}): capaian {_level(self.achieved)}, "
            f"standar {_level(self.required)}, kesenjangan {_level(self.gap)}."
        )


@dataclass(frozen=True)
class GapAnalysis:
    gaps: tuple[Gap, ...]  # negative gaps only, biggest (then heaviest group) first
    missing: tuple[str, ...]  # required codes without an assessment
    met: int  # required competencies at or above the standard


def _level(value: float) -> str:
    text = f"{value:g}"
    return text.replace("-", "−").replace(".", ",")


def negative_gaps(
    standard: Sequence[Standard], achieved: Mapping[str, float | None], rules: DevelopmentRules
) -> GapAnalysis:
    """The development needs: competencies assessed below the post's standard, ordered by size then weight."""
    required = {s.code: s.required for s in standard if s.required > 0}
    if not required:
        return GapAnalysis((), (), 0)
    result = job_person_match(achieved, required)
    by_code = {s.code: s for s in standard}
    gaps = [
        Gap(code, by_code[code].name, by_code[code].group, required[code], required[code] + gap, gap)
        for code, gap in result.gaps.items()
        if gap < 0
    ]
    gaps.sort(key=lambda g: (-g.size, -rules.group_weights.get(g.group, 0.0), g.code))
    met = sum(1 for gap in result.gaps.values() if gap >= 0)
    return GapAnalysis(tuple(gaps), tuple(result.missing), met)


# ---- plan items ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Course:
    code: str
    name: str
    route: str
    jp: Decimal
    competencies: tuple[str, ...]


@dataclass(frozen=True)
class ProposedItem:
    competency: str  # code; "" for the orientation item of a new field
    competency_name: str
    gap: float | None
    route: Route
    course: str | None  # catalogue code
    activity: str  # the course name, or a free-text activity
    due: date
    jp: Decimal
    reason: str
    also_covers: tuple[str, ...] = ()  # further competencies the same course develops


def choose_route(gap: Gap, rules: DevelopmentRules) -> Route:
    threshold = rules.klasikal_min_gap.get(gap.group, 2.0)
    return Route.KLASIKAL if gap.size >= threshold else Route.NONKLASIKAL


def match_course(code: str, route: Route, catalogue: Sequence[Course]) -> Course | None:
    """A course covering the competency, the chosen route first, then the fewest JP (cheapest to attend)."""
    covering = [course for course in catalogue if code in course.competencies]
    if not covering:
        return None
    return min(covering, key=lambda c: (c.route != route, c.jp, c.code))


def propose_items(
    analysis: GapAnalysis,
    *,
    tmt: date,
    catalogue: Sequence[Course],
    rules: DevelopmentRules,
    field_changed: bool = False,
) -> tuple[ProposedItem, ...]:
    """One item per negative gap (in the analysis order); a new field adds an orientation item first."""
    first_due = add_months(tmt, rules.first_window_months)
    items: list[ProposedItem] = []
    if field_changed:
        items.append(_orientation_item(first_due, rules))
    by_course: dict[str, int] = {}
    for index, gap in enumerate(analysis.gaps):
        in_first_window = index < rules.first_window_items
        due = first_due if in_first_window else add_months(tmt, rules.later_window_months)
        item = _item_for_gap(gap, due, catalogue, rules, in_first_window)
        if item.course and item.course in by_course:
            # One course that covers several gaps is attended once: the earlier (bigger) gap's item covers it.
            at = by_course[item.course]
            items[at] = _also_covers(items[at], gap)
            continue
        if item.course:
            by_course[item.course] = len(items)
        items.append(item)
    return tuple(items)


def _also_covers(item: ProposedItem, gap: Gap) -> ProposedItem:
    note = f" Kegiatan ini juga untuk {gap.name} (kesenjangan {_level(gap.gap)})."
    return replace(item, also_covers=(*item.also_covers, gap.code), reason=item.reason + note)


def _orientation_item(due: date, rules: DevelopmentRules) -> ProposedItem:
    return ProposedItem(
        competency="",
        competency_name="Orientasi bidang baru",
        gap=None,
        route=Route.NONKLASIKAL,
        course=None,
        activity="Magang dan mentoring pada bidang tugas baru",
        due=due,
        jp=rules.orientation_jp,
        reason="Jabatan baru berada di bidang yang berbeda dari jabatan lama, sehingga rencana pengembangan "
        "dibuka dengan orientasi bidang (magang/mentoring).",
    )


def _item_for_gap(
    gap: Gap, due: date, catalogue: Sequence[Course], rules: DevelopmentRules, first: bool
) -> ProposedItem:
    route = choose_route(gap, rules)
    course = match_course(gap.code, route, catalogue)
    activity = course.name if course else f"{FALLBACK_ACTIVITY[(route, Group(gap.group))]} {gap.name}"
    taken = Route(course.route) if course else route  # the course decides the route actually taken
    why = f"Jalur {ROUTE_LABELS[route]} karena kesenjangan {_level(gap.size)} level"
    if taken is not route:
        why += f"; katalog hanya punya kursus {ROUTE_LABELS[taken]} untuk kompetensi ini"
    window = f"{rules.first_window_months} bulan pertama" if first else f"{rules.later_window_months} bulan"
    reason = (
        f"{gap.sentence()} {why}; dijadwalkan dalam {window} setelah TMT (paling lambat {format_date(due)})."
    )
    return ProposedItem(
        competency=gap.code,
        competency_name=gap.name,
        gap=gap.gap,
        route=taken,
        course=course.code if course else None,
        activity=activity,
        due=due,
        jp=course.jp if course else rules.default_jp[route],
        reason=reason,
    )


@dataclass(frozen=True)
class PlanDecision:
    open: bool
    reason: str


def plan_decision(analysis: GapAnalysis, *, field_changed: bool) -> PlanDecision:
    """Whether a move opens a plan (DOMAIN §7: a new field always does; so does any negative gap)."""
    if field_changed:
        return PlanDecision(True, "Pindah ke bidang yang berbeda: rencana pengembangan dibuka otomatis.")
    if analysis.gaps:
        count = len(analysis.gaps)
        return PlanDecision(True, f"Ada {count} kompetensi di bawah standar jabatan baru.")
    if analysis.missing:
        return PlanDecision(
            True, f"{len(analysis.missing)} kompetensi jabatan baru belum pernah diases: perlu asesmen ulang."
        )
    return PlanDecision(False, "Semua kompetensi memenuhi standar jabatan baru; rencana tidak diperlukan.")


# ---- JP accounting ------------------------------------------------------------------------------------------


class JpStatus(StrEnum):
    REACHED = "tercapai"
    ON_TRACK = "sesuai_jadwal"
    BEHIND = "tertinggal"


JP_STATUS_LABELS = {
    JpStatus.REACHED: "Target tercapai",
    JpStatus.ON_TRACK: "Sesuai jadwal",
    JpStatus.BEHIND: "Tertinggal",
}


@dataclass(frozen=True)
class JpProgress:
    year: int
    earned_jp: Decimal
    minutes: int
    target_jp: Decimal
    expected_jp: Decimal  # pro-rata share of the target by `on` (the whole target once the year is over)
    shortfall_jp: Decimal  # what is still missing to the yearly target
    percent: int  # of the target, capped at 100 for a progress bar
    status: JpStatus

    @property
    def status_label(self) -> str:
        return JP_STATUS_LABELS[self.status]

    def sentence(self) -> str:
        earned, target = _jp(self.earned_jp), _jp(self.target_jp)
        head = f"Tahun {self.year}: {earned} dari {target} JP ({self.minutes} menit)"
        if self.status is JpStatus.REACHED:
            return f"{head}; target tahunan tercapai."
        if self.status is JpStatus.ON_TRACK:
            return f"{head}; sesuai jadwal, kurang {_jp(self.shortfall_jp)} JP sampai akhir tahun."
        return (
            f"{head}; tertinggal: seharusnya sudah sekitar {_jp(self.expected_jp)} JP, "
            f"kurang {_jp(self.shortfall_jp)} JP sampai akhir tahun."
        )


def _jp(value: Decimal) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"
    return text.replace(".", ",")


def jp_progress(
    records: Iterable[tuple[date, Decimal]], *, year: int, on: date, rules: DevelopmentRules
) -> JpProgress:
    """JP earned in `year` (a training counts in the year it ended) against the target, judged on `on`."""
    earned = sum((Decimal(jp) for day, jp in records if day.year == year), Decimal(0))
    target = rules.min_jp_per_year
    expected = expected_jp_by(on, year, target)
    shortfall = max(target - earned, Decimal(0))
    if earned >= target:
        status = JpStatus.REACHED
    elif earned >= expected:
        status = JpStatus.ON_TRACK
    else:
        status = JpStatus.BEHIND
    percent = 100 if target <= 0 else min(100, int(earned * 100 / target))
    minutes = int(earned * rules.jp_minutes)
    return JpProgress(year, earned, minutes, target, expected, shortfall, percent, status)


def expected_jp_by(on: date, year: int, target: Decimal) -> Decimal:
    if on.year > year:
        return target
    if on.year < year:
        return Decimal(0)
    days = 366 if calendar.isleap(year) else 365
    elapsed = on.timetuple().tm_yday
    return (target * elapsed / days).quantize(Decimal("0.1"))


def jp_minutes(jp: Decimal, rules: DevelopmentRules) -> int:
    return int(Decimal(jp) * rules.jp_minutes)


# ---- re-assessment ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemState:
    status: str  # direncanakan | terdaftar | selesai | batal
    completed_on: date | None = None


DONE_STATES = frozenset({"selesai", "batal"})


@dataclass(frozen=True)
class Reassessment:
    due: date
    reason: str


def reassessment_due(tmt: date, items: Sequence[ItemState], rules: DevelopmentRules) -> Reassessment:
    """When the plan items are all done (at least one completed): then; otherwise at N months after TMT."""
    latest = add_months(tmt, rules.reassessment_months)
    completed = [item.completed_on for item in items if item.status == "selesai" and item.completed_on]
    if items and all(item.status in DONE_STATES for item in items) and completed:
        day = min(max(completed), latest)
        return Reassessment(
            day,
            f"Semua kegiatan selesai (terakhir {format_date(max(completed))}): asesmen ulang sudah dapat "
            f"dilaksanakan, paling lambat {format_date(latest)}.",
        )
    return Reassessment(
        latest, f"Asesmen ulang {rules.reassessment_months} bulan setelah TMT ({format_date(latest)})."
    )


def first_window(items: Iterable[ProposedItem], tmt: date, rules: DevelopmentRules) -> list[ProposedItem]:
    """The items due within the first window after TMT (what the employee's notice announces)."""
    end = add_months(tmt, rules.first_window_months)
    return [item for item in items if item.due <= end]
