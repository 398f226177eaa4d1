"""Needs pages (issue 3) through the test client, as the analyst (whole city) and as the unit head (the largest
OPD; the overview sends them on to their unit), reference = the trivial view for the same user.

The overview and the vacancy map also belong to the gunicorn page mix (`SERVER_PAGES`).
"""

from __future__ import annotations

from bench.city import Fixtures
from bench.pages import Page, page_results, route
from bench.stats import Result

NEEDS_OVERVIEW = Page("needs overview", route("planning:needs_overview"))
VACANCY_MAP = Page("vacancy map (12 months)", route("planning:vacancy_map"))
NEEDS_PAGES: tuple[Page, ...] = (
    NEEDS_OVERVIEW,
    Page("needs per unit (largest OPD)", route("planning:needs_unit", public_id=lambda fx: fx.head_unit_public_id)),
    Page("needs projection", route("planning:needs_projection")),
    Page("needs mismatch (staff fit)", route("planning:needs_mismatch")),
    VACANCY_MAP,
)  # fmt: skip
SERVER_PAGES: tuple[Page, ...] = (NEEDS_OVERVIEW, VACANCY_MAP)


def run(fx: Fixtures, quick: bool = False) -> list[Result]:
    results = page_results(fx, NEEDS_PAGES, reps=3 if quick else 20)  # as many as the other page families
    for result in results:
        result.family = "features"
    return results
