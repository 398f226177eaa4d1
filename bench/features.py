"""The registry of benchmarks for features built by other issues. Each entry names the modules it needs and an
adapter that measures it; when a module does not import (not merged yet, or broken in this checkout) the
table says "not yet available: <reason>" instead of failing, and a feature that does not exist at all keeps
its row with the reason.

    python -m bench --only ranking,pdf        # families and feature keys may be mixed
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from bench.city import Fixtures
from bench.stats import Result, Target, failed, unavailable

Adapter = Callable[[Fixtures, bool], list[Result]]


@dataclass(frozen=True)
class Feature:
    key: str  # for --only
    name: str
    needs: tuple[str, ...]  # modules that must import
    run: Adapter | None  # None: nothing to measure yet (`reason` says why)
    target: Target | None = None
    reason: str = ""


def _candidates(fx: Fixtures, quick: bool) -> list[Result]:
    from bench import candidates

    return candidates.run(fx, quick)


def _needs(fx: Fixtures, quick: bool) -> list[Result]:
    from bench import needs

    return needs.run(fx, quick)


def _scenario(fx: Fixtures, quick: bool) -> list[Result]:
    from bench import scenario

    return scenario.run(quick, city=not quick)


def _documents(fx: Fixtures, quick: bool) -> list[Result]:
    from bench import documents

    return documents.run(runs=1 if quick else 2)


def _evaluation(fx: Fixtures, quick: bool) -> list[Result]:
    from bench import evaluation

    return evaluation.run(fx, quick)


def _import(fx: Fixtures, quick: bool) -> list[Result]:
    from bench import exchange_import

    return exchange_import.run(quick)


FEATURES: tuple[Feature, ...] = (
    Feature("ranking", "candidate ranking (one seat; all open seats)",
            ("tepat.planning.candidates.ranking", "tepat.planning.candidates.scoring"), _candidates),
    Feature("needs", "needs pages", ("tepat.planning.needs.views",), _needs),
    Feature("scenario", "scenario run on the city",
            ("tepat.planning.scenarios.services", "tepat.planning.scenarios.runner"), _scenario),
    Feature("pdf", "Keputusan PDF with 200 moves",
            ("tepat.transfers.services.pdf", "tepat.transfers.services.decree_content"), _documents),
    Feature("import", "import of a 15,000-employee workbook",
            ("tepat.exchange.services.batches", "tepat.exchange.columns"), _import),
    Feature("evaluation", "evaluation over five years",
            ("tepat.evaluation.services", "tepat.engine.evaluation"), _evaluation, Target("< 3 s", 3.0, "median")),
)  # fmt: skip
KEYS = frozenset(feature.key for feature in FEATURES)


def missing(modules: tuple[str, ...]) -> str:
    """Why the modules do not import, or "" when they all do."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - any import failure makes the feature unavailable
            return f"{name} does not import ({type(error).__name__}: {error})"
    return ""


def measure(feature: Feature, fx: Fixtures, quick: bool) -> list[Result]:
    reason = feature.reason or missing(feature.needs)
    if feature.run is None or reason:
        return [unavailable("features", feature.name, reason or "no adapter", feature.target)]
    try:
        return feature.run(fx, quick)
    except Exception as error:  # noqa: BLE001 - one broken feature must not hide the others
        return [failed("features", feature.name, error, feature.target)]


def run(fx: Fixtures, quick: bool = False, only: frozenset[str] = frozenset()) -> list[Result]:
    """Every registered feature (or those whose key is in `only`), each printed as soon as it is measured."""
    from bench import report

    results: list[Result] = []
    for feature in FEATURES:
        if only and feature.key not in only:
            continue
        print(f"  -- {feature.key}", flush=True)
        measured = measure(feature, fx, quick)
        for result in measured:
            print(report.line(result), flush=True)
        results += measured
    return results
