"""The harness must not rot: the page benchmarks run once on the small government of the root conftest.

No timings are asserted (the machines are shared); only that every page answers and the table renders.
"""

from __future__ import annotations

import pytest

from bench import city, features, pages, report
from bench.pages import page_results
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


@pytest.mark.django_db
def test_needs_pages_run_once_for_both_roles(gov: SmallGovernment) -> None:
    from bench.needs import NEEDS_PAGES

    results = page_results(city.fixtures(), NEEDS_PAGES, reps=1)
    assert [r.skipped for r in results if r.skipped] == []
    assert len(results) == 2 * (1 + len(NEEDS_PAGES))  # each role: the trivial view, then every needs page


def test_a_feature_that_does_not_import_is_reported_not_failed() -> None:
    absent = features.Feature("x", "feature x", ("tepat.no_such_module",), lambda fx, quick: [])
    (result,) = features.measure(absent, None, quick=True)  # type: ignore[arg-type]
    assert result.skipped.startswith("not yet available: tepat.no_such_module does not import")
    assert result.status() == "skipped"


def test_every_feature_of_the_issue_is_registered_with_a_unique_key() -> None:
    keys = [f.key for f in features.FEATURES]
    assert (
        sorted(keys)
        == sorted(features.KEYS)
        == ["evaluation", "import", "needs", "pdf", "ranking", "scenario"]
    )
    evaluation = next(f for f in features.FEATURES if f.key == "evaluation")
    assert evaluation.run is not None
    assert evaluation.target is not None


@pytest.mark.django_db
def test_evaluation_benchmark_runs_once_on_the_small_government(gov: SmallGovernment) -> None:
    from bench import evaluation

    results = evaluation.run(None, quick=True)
    assert [r.skipped for r in results] == ["", "", ""]
    assert results[-1].reference == results[0].name
    assert results[-1].ratio is not None


@pytest.mark.django_db
def test_pages_added_in_session_2_run_once_for_their_roles(gov: SmallGovernment) -> None:
    from bench.pages import ADDED_PAGES, EXPORTS

    results = page_results(city.fixtures(), ADDED_PAGES + EXPORTS, reps=1, warmup=0)
    assert [r.skipped for r in results if r.status() == "error"] == []
    measured = {r.name for r in results if r.samples}
    # The test government has no demo journeys: pages that need one of their objects say "not yet available".
    for name in ("talent map (Peta Talenta) [analyst]", "talent box list (fullest box) [unit head]",
                 "development plan list [unit head]", "development plan detail [analyst]",
                 "objection queue [analyst]", "Peta Resistensi [unit head]", "survey results [analyst]",
                 "audit trail [auditor]", "breach report (bench.analyst, 90 days) [auditor]",
                 "my development plan [employee]", "Data Saya [employee]",
                 "development plan export (.xlsx) [analyst]"):  # fmt: skip
        assert name in measured
    assert {r.name for r in results if r.name.startswith("trivial")} == {
        f"trivial view (reference) [{role}]" for role in ("analyst", "unit head", "auditor", "employee")
    }
