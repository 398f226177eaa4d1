"""Work that must run in a fresh process so its time and peak RSS are its own.

python -m bench.child seed --employees N --seed S     (prints one JSON line)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from typing import Any


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def seed(employees: int, seed_value: int) -> dict[str, Any]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
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
