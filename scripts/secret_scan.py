"""Secret scan for `make test`: fail on any secret not already reviewed in .secrets.baseline.

detect-secrets-hook also fails when a reviewed secret merely moves to another line; this compares by
(file, secret hash) instead, so only new secrets fail the run.
"""

import json
import subprocess
import sys
from pathlib import Path

EXCLUDE = r"(^|/)(node_modules|static/vendor|\.venv)/|^\.secrets\.baseline$"


def findings(report: dict) -> set[tuple[str, str]]:
    return {(name, item["hashed_secret"]) for name, items in report["results"].items() for item in items}


def main() -> int:
    scan = subprocess.run(  # noqa: S603 — fixed argv, no user input
        [str(Path(sys.executable).parent / "detect-secrets"), "scan", "--exclude-files", EXCLUDE],
        capture_output=True,
        text=True,
        check=True,
    )
    baseline = json.loads(Path(".secrets.baseline").read_text(encoding="utf-8"))
    new = sorted(findings(json.loads(scan.stdout)) - findings(baseline))
    for name, _ in new:
        sys.stderr.write(f"kemungkinan rahasia baru di {name}: tinjau, lalu perbarui .secrets.baseline\n")
    return 1 if new else 0


if __name__ == "__main__":
    sys.exit(main())
