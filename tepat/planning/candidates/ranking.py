"""Who should take this seat: the candidate ranking for one seat, in a constant number of queries.

1. Arrays for every active employee against the seat's position (`build_fit_context`), scored with the
   ranking profile of the position kind and screened on the cheap hard rules (`screen`) — vectorised.
2. Order: by default complete records first ("lengkap dulu"), each group by score; or by score alone. An
   incomplete record is scored on the components that exist, so its score rests on less evidence; it is
   never dropped and always carries the flag naming what is missing.
3. Full `evaluate` (every rule, with sentences and legal basis) runs for the top `TOP_N` screened candidates
   and for the rows of the page being shown; a top candidate failing a rule moves to the ineligible tab.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import numpy.typing as npt

from tepat.core.rules import load_rule_book
from tepat.core.types import Viewer
from tepat.engine.rules import AbkStatus, Eligibility, RuleBook, TargetFacts, evaluate, screen
from tepat.organization.models import Competency, Seat, Unit
from tepat.people.models import Employee
from tepat.planning.candidates.profiles import ranking_profile_for_kind
from tepat.planning.candidates.rows import CandidateRow, candidate_rows
from tepat.planning.candidates.scoring import ScoringProfile, incomplete_bits, score_candidates
from tepat.planning.inputs import FitContext, build_fit_context, candidate_facts_many, target_facts_for
from tepat.planning.needs.abk import AbkLookup

TOP_N = 50
PAGE_SIZE = 25
ELIGIBLE, INELIGIBLE = "layak", "tidak-layak"
ORDER_COMPLETE_FIRST, ORDER_SCORE = "lengkap", "skor"

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class CandidateFilters:
    unit: Unit | None = None  # the candidates' current unit subtree
    rank: int | None = None
    order: str = ORDER_COMPLETE_FIRST


@dataclass(frozen=True)
class PageInfo:
    number: int
    num_pages: int
    start_index: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


@dataclass
class Ranking:
    seat: Seat
    on: date
    profile: ScoringProfile
    tab: str
    rows: list[CandidateRow]
    eligible_count: int
    ineligible_count: int
    page: PageInfo
    input_hash: str
    rule_versions: tuple[str, ...]
    top: list[dict[str, object]] = field(default_factory=list)  # what is stored as the recommendation
    target_abk: AbkStatus | None = None  # the seat's position: kebutuhan vs bezetting (R8.formasi)


@dataclass(frozen=True, eq=False)
class _Pool:
    context: FitContext
    score: npt.NDArray[np.float32]  # (E,)
    jpm: npt.NDArray[np.float32]  # (E,) uncapped JPM %, NaN = not assessed (feeds R4.jpm)
    order: IntArray  # row indexes of the filtered pool, best first
    screened_out: npt.NDArray[np.bool_]  # (E,)
    versions: tuple[str, ...]


def core_competency_mask(codes: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    """Manajerial and sosial-kultural competencies are the core factors of profile matching."""
    core = set(Competency.objects.exclude(group=Competency.Group.TEKNIS).values_list("code", flat=True))
    return np.array([code in core for code in codes], dtype=bool)


def _pool_mask(context: FitContext, seat: Seat, filters: CandidateFilters) -> npt.NDArray[np.bool_]:
    """Everyone active except the people already in this position, narrowed by the filters."""
    ids = context.employee_ids
    taken = Employee.objects.filter(seat__position_id=seat.position_id).values_list("pk", flat=True)
    mask = ~np.isin(ids, np.fromiter(taken, dtype=np.int64))
    if filters.unit is not None:
        inside = Employee.objects.filter(unit__path__startswith=filters.unit.path).values_list(
            "pk", flat=True
        )
        mask &= np.isin(ids, np.fromiter(inside, dtype=np.int64))
    if filters.rank is not None:
        mask &= context.screening.rank_code == filters.rank
    return mask


def _order(rows: IntArray, score: np.ndarray, incomplete: np.ndarray, ids: IntArray, order: str) -> IntArray:
    """Best first; ties by employee id. NaN scores (nothing to score) last."""
    keys = [ids[rows], np.where(np.isnan(score[rows]), np.inf, -score[rows])]
    if order == ORDER_COMPLETE_FIRST:
        keys.append(incomplete[rows])
    return rows[np.lexsort(keys)]


def _pool(seat: Seat, on: date, profile: ScoringProfile, filters: CandidateFilters, book: RuleBook) -> _Pool:
    context = build_fit_context(position_ids=[seat.position_id], on=on)
    scored = score_candidates(context.inputs, profile, core_competency_mask(context.competency_codes))
    screening = screen(context.screening, on, book)
    incomplete = incomplete_bits(scored.fit)[:, 0] != 0
    rows = np.flatnonzero(_pool_mask(context, seat, filters))
    score = scored.score[:, 0]
    order = _order(rows, score, incomplete, context.employee_ids, filters.order)
    return _Pool(context, score, scored.fit.jpm[:, 0], order, screening.fails[:, 0], screening.versions)


def input_hash(context: FitContext, profile: ScoringProfile, versions: tuple[str, ...]) -> str:
    """SHA-256 of every array the ranking read, the profile and the rule versions (R-31)."""
    digest = hashlib.sha256()
    inputs, screening = context.inputs, context.screening
    arrays = (
        context.employee_ids, inputs.achieved, inputs.required, inputs.employee_fields, inputs.accepted_fields,
        inputs.experience_months, inputs.position_family, inputs.predikat, screening.post_start,
        screening.rank_code, screening.education_order, screening.rank_min, screening.rank_max,
    )  # fmt: skip
    for array in arrays:
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update(repr((profile.label, profile.method, profile.weights, profile.core_weight)).encode())
    digest.update("|".join(versions).encode())
    return digest.hexdigest()


def _evaluate(
    pool: _Pool, rows: list[int], target: TargetFacts, abk: AbkLookup, book: RuleBook
) -> dict[int, Eligibility]:
    on = abk.on
    ids = [int(pool.context.employee_ids[r]) for r in rows]
    facts = candidate_facts_many(ids, on, abk=abk)
    return {
        row: evaluate(facts[pk], replace(target, jpm=_finite(pool.jpm[row])), on, book)
        for row, pk in zip(rows, ids, strict=True)
    }


def _page(items: IntArray, number: int) -> tuple[IntArray, PageInfo]:
    pages = max(1, -(-len(items) // PAGE_SIZE))
    number = min(max(number, 1), pages)
    start = (number - 1) * PAGE_SIZE
    return items[start : start + PAGE_SIZE], PageInfo(number, pages, start + 1)


def candidate_ranking(
    *, viewer: Viewer, seat: Seat, on: date, filters: CandidateFilters, tab: str = ELIGIBLE, page: int = 1
) -> Ranking:
    book = load_rule_book()
    profile = ranking_profile_for_kind(position_kind=seat.position.kind)
    pool = _pool(seat, on, profile, filters, book)
    abk = AbkLookup(on=on, book=book)  # R8: one needs computation for the seat and every candidate checked
    target = target_facts_for(seat, abk=abk)
    passing = pool.order[~pool.screened_out[pool.order]]
    top = [int(r) for r in passing[:TOP_N]]
    top_checked = _evaluate(pool, top, target, abk, book)
    failed_top = {r for r, e in top_checked.items() if not e.eligible}
    eligible = np.array([r for r in passing if int(r) not in failed_top], dtype=np.int64)
    failing = pool.order[pool.screened_out[pool.order] | np.isin(pool.order, list(failed_top))]
    shown, info = _page(eligible if tab == ELIGIBLE else failing, page)
    unchecked = [int(r) for r in shown if int(r) not in top_checked]
    checked = {**top_checked, **_evaluate(pool, unchecked, target, abk, book)}
    rows = candidate_rows(
        viewer=viewer,
        context=pool.context,
        rows=[int(r) for r in shown],
        scores=pool.score,
        eligibility=checked,
        weights=profile.weights,
        start=info.start_index,
    )
    versions = tuple(sorted({*pool.versions, *(r.version for e in checked.values() for r in e.results)}))
    return Ranking(
        seat=seat,
        on=on,
        profile=profile,
        tab=tab,
        rows=rows,
        eligible_count=len(eligible),
        ineligible_count=len(failing),
        page=info,
        input_hash=input_hash(pool.context, profile, versions),
        rule_versions=versions,
        top=_top(pool, eligible[:TOP_N]),
        target_abk=target.target_abk,
    )


def _top(pool: _Pool, rows: IntArray) -> list[dict[str, object]]:
    ids = pool.context.employee_ids
    return [
        {"employee": int(ids[r]), "rank": i + 1, "score": _round(pool.score[r])} for i, r in enumerate(rows)
    ]


def _finite(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _round(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)
