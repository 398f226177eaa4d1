"""Candidate ranking at city scale (issue 4): engine-only scoring of all open seats, one seat from the DB.

Run against a city database, e.g.:
    DATABASE_URL=sqlite:////tmp/cand.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.dev \
        python manage.py seed_city --employees 15000 --seed 1
    DATABASE_URL=sqlite:////tmp/cand.sqlite3 DJANGO_SETTINGS_MODULE=config.settings.dev python -m bench.candidates

Prints median seconds of 5 runs after a warm-up for:
* engine: `score_candidates` (fit model with each kind's profile) + `screen` for every active employee × every
  open seat, inputs already in arrays (target < 2 s);
* one seat end-to-end: `candidate_ranking` (DB → arrays → scores → top-50 full rules → page rows);
* the page: GET of the candidate ranking page through Django's test client (view, template, audit, record).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

import django


def _median(func: Callable[[], Any], runs: int = 5) -> float:
    func()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    django.setup()
    from django.test import Client

    from tepat.core.rules import load_rule_book
    from tepat.core.scoping import today
    from tepat.engine.rules import screen
    from tepat.organization.models import Seat
    from tepat.planning.candidates.profiles import ranking_profile_for_kind
    from tepat.planning.candidates.ranking import CandidateFilters, candidate_ranking, core_competency_mask
    from tepat.planning.candidates.scoring import score_candidates
    from tepat.planning.inputs import build_fit_context

    on, book = today(), load_rule_book()
    open_seats = Seat.objects.filter(is_active=True, occupant__isnull=True).select_related("position")
    positions = sorted({s.position_id for s in open_seats})
    start = time.perf_counter()
    context = build_fit_context(position_ids=positions, on=on)
    load = time.perf_counter() - start
    core = core_competency_mask(context.competency_codes)
    profile = ranking_profile_for_kind(position_kind="pelaksana")
    engine = _median(
        lambda: (score_candidates(context.inputs, profile, core), screen(context.screening, on, book))
    )
    employees, seats = context.inputs.shape
    print(f"arrays from DB, {employees} employees × {seats} open positions: {load:.2f} s (once)")
    print(f"engine, score + screen all open positions: {engine:.3f} s (target < 2 s)")

    seat = next(s for s in open_seats if s.position.kind == "pengawas")
    analyst = _analyst(on)
    one = _median(lambda: candidate_ranking(viewer=analyst, seat=seat, on=on, filters=CandidateFilters()))
    print(f"one seat end-to-end from the DB (selector): {one:.3f} s (target < 1 s)")
    client = Client()
    client.force_login(analyst)
    url = f"/perencanaan/kandidat/formasi/{seat.public_id}/"
    page = _median(lambda: client.get(url, HTTP_HOST="localhost"))
    print(f"one seat, the whole page over HTTP (test client): {page:.3f} s")


def _analyst(on: Any) -> Any:
    """A throwaway analyst account in the bench database (the city data has no users)."""
    from tepat.accounts.models import RoleGrant, User

    user, _ = User.objects.get_or_create(username="bench-analis")
    RoleGrant.objects.get_or_create(user=user, role="analyst", unit=None, defaults={"valid_from": on})
    return user


if __name__ == "__main__":
    main()
