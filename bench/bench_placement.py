"""Placement engine at city scale: 5,000 employees x 5,000 seats, against plain linear_sum_assignment.

    .venv/bin/python bench/bench_placement.py [--runs 5] [--size 5000] [--degree 300]

Each measurement runs in a fresh child process so its peak RSS is its own. Modes:
  lsa       scipy.optimize.linear_sum_assignment on the dense score matrix (disallowed pairs = +inf cost)
  engine    tepat.engine.placement.solve without budgets (greedy baseline off, then on)
  budgets   solve with max_moves and unit_max_out that bind, reporting the certified gap
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tepat.engine.placement import PlacementProblem, solve

UNITS = 50


def instance(size: int, degree: int, seed: int, budgets: bool) -> PlacementProblem:
    """80% of employees hold a seat, 20% of seats are vacant; each employee may take `degree` seats."""
    rng = np.random.default_rng(seed)
    n = m = size
    seated = int(0.8 * n)
    current = np.full(n, -1, dtype=np.int64)
    current[:seated] = rng.permutation(m)[:seated]
    pe = np.repeat(np.arange(n), degree)
    ps = np.concatenate([rng.choice(m, degree, replace=False) for _ in range(n)])
    keys = np.unique(np.concatenate([pe * m + ps, np.flatnonzero(current >= 0) * m + current[current >= 0]]))
    scores = rng.integers(0, 101, len(keys)).astype(np.float64)
    return PlacementProblem(
        employee_ids=tuple(f"E{i}" for i in range(n)),
        seat_ids=tuple(f"S{j}" for j in range(m)),
        unit_ids=tuple(f"U{u}" for u in range(UNITS)),
        seat_unit=np.arange(m, dtype=np.int64) % UNITS,
        current=current,
        movable=np.ones(n, dtype=bool),
        pair_employee=keys // m,
        pair_seat=keys % m,
        pair_score=scores,
        vacancy_penalty=rng.integers(0, 31, m).astype(np.float64),
        stay_bonus=10.0,
        max_moves=size // 4 if budgets else None,
        unit_max_out=np.full(UNITS, size // 250, dtype=np.int64) if budgets else None,
    )


def peak_mb() -> float:
    """VmHWM: the peak RSS of this process alone (ru_maxrss would include the parent's peak, kept over exec)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return int(next(x for x in status.splitlines() if x.startswith("VmHWM:")).split()[1]) / 1024


def child(mode: str, size: int, degree: int, seed: int) -> dict[str, Any]:
    from scipy.optimize import linear_sum_assignment

    problem = instance(size, degree, seed, budgets=mode == "budgets")
    result: dict[str, Any] = {}
    start = time.perf_counter()
    if mode == "lsa":
        cost = np.full((size, size), np.inf)
        cost[problem.pair_employee, problem.pair_seat] = -problem.pair_score
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        result["objective"] = float(-cost[rows, cols].sum())
    else:
        plan = solve(problem, with_greedy=mode != "engine")
        result.update(objective=plan.objective, bound=plan.bound, gap=plan.gap, optimal=plan.optimal)
        result["moves"] = plan.moves
        result["greedy"] = plan.greedy.objective if plan.greedy else None
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = peak_mb()
    return result


def measure(mode: str, args: argparse.Namespace) -> list[dict[str, Any]]:
    runs = []
    for seed in range(args.runs):
        command = [sys.executable, __file__, "--child", mode, "--size", str(args.size)]
        command += ["--degree", str(args.degree), "--seed", str(seed)]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        runs.append(json.loads(out))
    times = [r["seconds"] for r in runs]
    peak = max(r["peak_mb"] for r in runs)
    print(
        f"{mode:14s} median {statistics.median(times):6.2f} s  min {min(times):6.2f}  max {max(times):6.2f}"
        f"  peak RSS {peak:7.0f} MB"
    )
    return runs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--degree", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.size, args.degree, args.seed)))
        return
    print(f"{args.size} employees x {args.size} seats, {args.degree} allowed seats each, {args.runs} runs")
    lsa = measure("lsa", args)
    engine = measure("engine", args)
    measure("engine+greedy", args)
    budgets = measure("budgets", args)
    ratio = statistics.median(r["seconds"] for r in engine) / statistics.median(r["seconds"] for r in lsa)
    print(f"engine / plain linear_sum_assignment (median time): {ratio:.2f}")
    for run in budgets:
        rel = run["gap"] / max(1.0, abs(run["bound"]))
        print(
            f"  budgets: objective {run['objective']:.1f} bound {run['bound']:.1f} gap {run['gap']:.2f}"
            f" ({rel:.2e}) optimal={run['optimal']} moves={run['moves']}"
        )
    for a, b in zip(lsa, engine, strict=True):
        print(
            f"  plain LSA objective {a['objective']:.1f} (no stay bonus or vacancy penalty); engine {b['objective']:.1f}"
        )


if __name__ == "__main__":
    main()
