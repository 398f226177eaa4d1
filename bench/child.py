"""Work that must run in a fresh process so its time and peak RSS are its own.

python -m bench.child seed --employees N --seed S     (prints one JSON line)

Other modules run their own child work through `spawn` (`python -m bench.<module> …`, last line JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    """Peak RSS of this process since it started (VmHWM). Not `ru_maxrss`: Linux carries the parent's peak
    over fork + exec, so a child of a large benchmark process would report the parent's memory."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def setup() -> None:
    """Django with the bench settings, in a child process."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()


def spawn(module: str, args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """`python -m module args` from the repository root; its last line of output is one JSON object."""
    environ = env or dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings")
    command = [sys.executable, "-m", module, *args]
    done = subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{module} {' '.join(args)}: {last}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def seed(employees: int, seed_value: int) -> dict[str, Any]:
    setup()
    from tepat.demo.city import seed_city

    start = time.perf_counter()
    result = seed_city(employees=employees, seed=seed_value)
    return {
        "seconds": time.perf_counter() - start,
        "peak_mb": peak_mb(),
        "summary": f"{result.units} units, {result.positions} positions, {result.seats} seats, "
        f"{result.employees} employees, {result.vacancies} vacant seats",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("task", choices=["seed"])
    parser.add_argument("--employees", type=int, default=15000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(json.dumps(seed(args.employees, args.seed)))


if __name__ == "__main__":
    main()
