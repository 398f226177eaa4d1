"""A placement scenario run on the city (issue 5 at scale): `scenario_run_now`, the path the task worker takes.

Pool = everyone over five years in post (plus volunteers and the unplaced) in the scope; seats = the seats
vacant now in the scope plus the pool's own. Two scopes: the three largest OPDs, then the whole city. Each run
is its own process (time and peak RSS are its own) and deletes its scenario afterwards. Reference: the
placement engine's `solve` inside the same run (all its rounds), so the ratio is what loading, scoring,
re-checking every move and storing the plan add to the solver.

    python -m bench.scenario --scope largest|city      (child: one run, one JSON line)
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.child import peak_mb, setup, spawn
from bench.stats import Result, failed

LARGEST = 3  # OPDs in the smaller scope
CITY_AFTER = 60.0  # seconds: past this for the smaller scope, the whole-city run is left out


@dataclass
class Clock:
    """Seconds spent inside some functions of the runner, summed over calls."""

    seconds: dict[str, float]
    calls: dict[str, int]

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - start
                self.calls[name] = self.calls.get(name, 0) + 1

        return timed


def scope_units(scope: str) -> list[Any]:
    from collections import Counter

    from tepat.organization.models import Unit
    from tepat.people.models import Employee

    counts = Counter(Employee.objects.filter(is_active=True).values_list("unit__path", flat=True))
    tops = list(Unit.objects.filter(depth=1))
    size = {u.pk: sum(n for path, n in counts.items() if path and path.startswith(u.path)) for u in tops}
    tops.sort(key=lambda u: (-size[u.pk], u.pk))
    return tops[:LARGEST] if scope == "largest" else tops


def instrument() -> Clock:
    from tepat.planning.scenarios import runner

    clock = Clock({}, {})
    for name in ("scenario_data_load", "scenario_problem_build", "solve", "moves_eligibility"):
        setattr(runner, name, clock.wrap(name, getattr(runner, name)))
    return clock


def child(scope: str) -> dict[str, Any]:
    setup()
    from django.utils import timezone

    from bench.city import fixtures
    from tepat.accounts.models import User
    from tepat.planning.scenarios.services import scenario_create, scenario_run_now

    analyst = User.objects.get(pk=fixtures().analyst_id)
    units = scope_units(scope)
    fields = {"name": f"bench {scope} {time.time():.0f}", "on": timezone.localdate(), "pool_min_years": 5}
    scenario = scenario_create(actor=analyst, fields=fields, scope_units=units)
    clock = instrument()
    start = time.perf_counter()
    run = scenario_run_now(scenario=scenario, actor=analyst)
    seconds = time.perf_counter() - start
    figures = {"units": len(units), "status": run.status, "error": run.error, "moves": run.moves}
    figures |= {"optimal": run.optimal, "gap": run.gap}
    figures |= {key: run.plan.get(key, 0) for key in ("pool_size", "seat_count", "pair_count")}
    scenario.delete()
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "phases": clock.seconds,
        "calls": clock.calls,
        **figures,
    }


def phases_note(data: dict[str, Any]) -> str:
    names = {"scenario_data_load": "load", "scenario_problem_build": "fit + screen", "solve": "solve"}
    names["moves_eligibility"] = "re-check moves"
    parts = [f"{label} {data['phases'].get(key, 0.0):.1f} s" for key, label in names.items()]
    rounds = data["calls"].get("solve", 0)
    return (
        f"{data['units']} top units, pool {data['pool_size']:,} × {data['seat_count']:,} seats, "
        f"{data['pair_count']:,} pairs; {', '.join(parts)} ({rounds} solve round(s)); {data['moves']} moves, "
        f"optimal={data['optimal']}, gap {data['gap'] or 0:.3f}"
    )


def measure(scope: str, label: str, runs: int) -> list[Result]:
    data = [spawn("bench.scenario", ["--scope", scope]) for _ in range(runs)]
    bad = [d for d in data if d["status"] != "selesai"]
    if bad:
        raise RuntimeError(f"run ended {bad[0]['status']}: {bad[0]['error']}")
    solve = Result("features", f"  placement solve inside it [{label}] (reference)")
    solve.samples = [d["phases"].get("solve", 0.0) for d in data]
    run = Result("features", f"scenario run [{label}]", [d["seconds"] for d in data])
    run.peak_mb, run.note = max(d["peak_mb"] for d in data), phases_note(data[-1])
    run.reference, run.reference_median = solve.name.strip(), solve.median
    return [run, solve]


def run(quick: bool = False, city: bool = True) -> list[Result]:
    """The three largest OPDs, then the whole city unless the smaller scope already took over `CITY_AFTER`."""
    label = f"{LARGEST} largest OPDs"
    try:
        results = measure("largest", label, 1 if quick else 2)
    except RuntimeError as error:
        return [failed("features", f"scenario run [{label}]", error)]
    if not city:
        return results
    if results[0].median > CITY_AFTER:
        why = f"skipped: the {label} took {results[0].median:.0f} s, the whole city would pass ~2 min"
        return [*results, Result("features", "scenario run [whole city]", skipped=why)]
    try:
        return results + measure("city", "whole city", 1)
    except RuntimeError as error:
        return [*results, failed("features", "scenario run [whole city]", error)]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scenario")
    parser.add_argument("--scope", choices=["largest", "city"], required=True)
    print(json.dumps(child(parser.parse_args().scope), default=str))


if __name__ == "__main__":
    main()
