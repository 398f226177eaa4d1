"""The harness must not rot: the page benchmarks run once on the small government of the root conftest.

No timings are asserted (the machines are shared); only that every page answers and the table renders.
"""

from __future__ import annotations

import pytest

from bench import city, pages, report
from bench.stats import Result, percentile
from bench.trivial import ROUTE
from conftest import SmallGovernment
from tepat.core.policy import ACCESS_POLICY


@pytest.mark.django_db
def test_page_benchmarks_run_once_on_the_small_government(gov: SmallGovernment) -> None:
    fx = city.fixtures()
    results = pages.run(fx, reps=1)
    errors = [r.skipped for r in results if r.status() == "error"]
    assert errors == []
    measured = [r for r in results if r.samples]
    assert len(measured) >= 2 * 10  # both roles, the reference and the existing pages
    assert all(r.ratio is not None and r.queries for r in measured)
    assert "| pages | dashboard [analyst] |" in report.table(results)
    assert ROUTE not in ACCESS_POLICY  # the bench route is registered only while the benchmark runs


def test_percentile_is_nearest_rank() -> None:
    assert percentile([5.0, 1.0, 2.0, 3.0, 4.0], 95) == 5.0
    assert percentile([1.0, 2.0], 50) == 1.0
    assert Result("x", "y", [1.0, 3.0], reference="r", reference_median=2.0).ratio == 1.0
