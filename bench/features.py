"""Benchmarks of features that other issues are still building. Each entry names what it needs; when that is
not in this checkout the table says "not yet available: <reason>" instead of failing.

Candidate ranking is found by route: the first planning route whose name mentions candidates ("candidate",
"kandidat", "ranking") and takes one seat's `public_id`; it is timed through the test client like the pages.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bench.city import Fixtures
from bench.stats import Result, Target, unavailable

RANKING_WORDS = ("candidate", "kandidat", "ranking")


@dataclass(frozen=True)
class Feature:
    name: str
    target: Target
    needs: tuple[str, ...]  # importable modules
    run: Callable[[Fixtures, bool], list[Result]] | None = None  # adapter, once the feature's API is known


FEATURES: tuple[Feature, ...] = (
    Feature("evaluation over five years", Target("< 3 s", 3.0, "median"), ("tepat.evaluation.services",)),
    Feature(
        "import of a 15,000-employee workbook",
        Target("< 30 s", 30.0, "median"),
        ("tepat.exchange.services.batches",),
    ),
    Feature(
        "Keputusan PDF with 200 moves",
        Target("< 10 s", 10.0, "median"),
        ("tepat.transfers.services.pdf", "tepat.transfers.services.decree_content"),
        lambda fx, quick: _documents(quick),
    ),
)


def _documents(quick: bool) -> list[Result]:
    from bench import documents

    return documents.run(runs=1 if quick else 3)


def missing(modules: tuple[str, ...]) -> str:
    absent = [name for name in modules if _find(name) is None]
    return f"{', '.join(absent)} not in this checkout" if absent else ""


def _find(name: str) -> object | None:
    try:
        return importlib.util.find_spec(name)
    except ModuleNotFoundError:
        return None


def ranking_route() -> str | None:
    """Name of the planning route that ranks candidates for one seat, if one exists."""
    names = [name for name in _names(get_resolver("bench.urls"), "") if name.startswith("planning:")]
    return next((name for name in names if any(word in name for word in RANKING_WORDS)), None)


def _names(resolver: URLResolver, prefix: str) -> list[str]:
    names = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            names += _names(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name and "public_id" in entry.pattern.converters:
            names.append(f"{prefix}{entry.name}")
    return names


def ranking(fx: Fixtures, quick: bool) -> list[Result]:
    from django.test.utils import override_settings

    from bench.pages import RANKING_TARGET, Page, page_results
    from bench.trivial import registered

    name = "candidate ranking for one seat"
    with registered(), override_settings(ROOT_URLCONF="bench.urls"):
        route = ranking_route()
        if route is None or not fx.open_seat_public_id:
            return [
                unavailable("features", name, "no planning route for candidates of a seat", RANKING_TARGET)
            ]
        seat = fx.open_seat_public_id
        page = Page(f"{name} ({route})", lambda _: reverse(route, kwargs={"public_id": seat}), RANKING_TARGET)
    return page_results(fx, (page,), reps=3 if quick else 10)


def run(fx: Fixtures, quick: bool = False) -> list[Result]:
    results = ranking(fx, quick)
    for feature in FEATURES:
        reason = missing(feature.needs)
        if reason or feature.run is None:
            why = reason or "feature present; its bench adapter is not written yet"
            results.append(unavailable("features", feature.name, why, feature.target))
        else:
            results += feature.run(fx, quick)
    return results
