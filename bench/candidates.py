"""Candidate ranking at city scale (issue 4): one seat end to end, and the engine scoring every open seat.

* one seat through the test client (the page: view, selector, template, audit record) as the analyst and as
  the unit head, reference = the trivial view; and the selector `candidate_ranking` alone (DB → arrays →
  scores → full rules for the top 50 → rows), reference = scoring that one seat from arrays already loaded;
* all open seats: `score_candidates` (fit model with the pelaksana profile) + `screen` for every active
  employee × every open position, inputs already in arrays; reference = one numpy (E×C)·(C×P) product.

Run standalone against a seeded database: `python -m bench.candidates` (prints the lines of the table).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from bench.city import Fixtures
from bench.engine import SCORING_TARGET, timed
from bench.pages import RANKING_TARGET, Page, page_results, route
from bench.stats import Result, Target

SELECTOR_TARGET = Target("< 1 s", 1.0, "median")


def _seat(fx: Fixtures) -> Any:
    from tepat.organization.models import Seat

    return Seat.objects.select_related("position__unit").get(public_id=fx.open_seat_public_id)


def _result(name: str, func: Any, runs: int, target: Target | None, reference: Result | None) -> Result:
    samples, peak = timed(func, runs)
    result = Result("features", name, samples, peak, target=target)
    if reference is not None:
        result.reference, result.reference_median = reference.name, reference.median
    return result


def one_seat_selector(fx: Fixtures, runs: int) -> list[Result]:
    from tepat.accounts.models import User
    from tepat.core.rules import load_rule_book
    from tepat.core.scoping import today
    from tepat.engine.rules import screen
    from tepat.planning.candidates.profiles import ranking_profile_for_kind
    from tepat.planning.candidates.ranking import CandidateFilters, candidate_ranking, core_competency_mask
    from tepat.planning.candidates.scoring import score_candidates
    from tepat.planning.inputs import build_fit_context

    seat, on, book = _seat(fx), today(), load_rule_book()
    analyst = User.objects.get(pk=fx.analyst_id)
    context = build_fit_context(position_ids=[seat.position_id], on=on)
    profile = ranking_profile_for_kind(position_kind=seat.position.kind)
    core = core_competency_mask(context.competency_codes)

    def arrays() -> None:
        score_candidates(context.inputs, profile, core)
        screen(context.screening, on, book)

    def selector() -> None:
        candidate_ranking(viewer=analyst, seat=seat, on=on, filters=CandidateFilters())

    e = context.inputs.shape[0]
    reference = _result(f"one seat ({seat.position.kind}): score + screen {e:,} × 1 from arrays (reference)",
                        arrays, runs, None, None)  # fmt: skip
    selector_result = _result(
        "one seat: candidate_ranking selector [analyst]", selector, runs, SELECTOR_TARGET, reference
    )
    return [reference, selector_result]


def one_seat_page(fx: Fixtures, reps: int) -> list[Result]:
    url = route("planning:candidate_ranking", public_id=lambda f: f.open_seat_public_id)
    results = page_results(fx, (Page("one seat: candidate ranking page", url, RANKING_TARGET),), reps)
    for result in results:
        result.family = "features"
    return results


def all_open_seats(runs: int) -> list[Result]:
    from tepat.core.scoping import today
    from tepat.engine.rules import screen
    from tepat.organization.models import Seat
    from tepat.planning.candidates.profiles import ranking_profile_for_kind
    from tepat.planning.candidates.ranking import core_competency_mask
    from tepat.planning.candidates.scoring import score_candidates
    from tepat.planning.inputs import build_fit_context

    on = today()
    seats = Seat.objects.filter(is_active=True, occupant__isnull=True)
    positions = sorted(set(seats.values_list("position_id", flat=True)))
    start = time.perf_counter()
    context = build_fit_context(position_ids=positions, on=on)
    loading = Result("features", "all open seats: build_fit_context (once)", [time.perf_counter() - start])
    core, profile = (
        core_competency_mask(context.competency_codes),
        ranking_profile_for_kind(position_kind="pelaksana"),
    )
    achieved = np.nan_to_num(context.inputs.achieved.astype(np.float32))
    required = context.inputs.required.astype(np.float32).T.copy()
    shape = "{:,} × {:,} open positions".format(*context.inputs.shape)

    def both() -> None:
        score_candidates(context.inputs, profile, core)
        screen(context.screening, on)

    reference = _result(f"all open seats: numpy (E×C)·(C×P) {shape} (reference)",
                        lambda: achieved @ required, runs, None, None)  # fmt: skip
    scoring = _result(
        f"all open seats: score_candidates + screen {shape}", both, runs, SCORING_TARGET, reference
    )
    return [loading, reference, scoring]


def run(fx: Fixtures, quick: bool = False) -> list[Result]:
    if not fx.open_seat_public_id:
        raise RuntimeError("the city has no vacant seat to rank candidates for")
    return [
        *one_seat_page(fx, reps=3 if quick else 10),
        *one_seat_selector(fx, runs=2 if quick else 5),
        *all_open_seats(runs=2 if quick else 5),
    ]


def main() -> None:
    from bench import report
    from bench.child import setup

    setup()
    from bench.city import fixtures

    for result in run(fixtures(), quick=True):
        print(report.line(result))


if __name__ == "__main__":
    main()
