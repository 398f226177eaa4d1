"""Print each result as it arrives and the final markdown table (also written to bench/results/latest.md)."""

from __future__ import annotations

import platform
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from bench.stats import Result, seconds

RESULTS_DIR = Path(__file__).resolve().parent / "results"
HEADER = (
    "| family | benchmark | n | median | p95 | min | max | peak MB | queries | ratio (to reference) "
    "| target | status |"
)


def line(result: Result) -> str:
    """One console line per benchmark, printed as soon as it is measured."""
    if result.skipped:
        return f"  {result.name:44s} {result.skipped}"
    ratio = f"  ×{result.ratio:.2f} vs {result.reference}" if result.ratio is not None else ""
    peak = f"  peak {megabytes(result.peak_mb)} MB" if result.peak_mb is not None else ""
    queries = f"  {result.queries} queries" if result.queries else ""
    return (
        f"  {result.name:44s} median {seconds(result.median):>10s}  p95 {seconds(result.p95):>10s}"
        f"  min {seconds(min(result.samples)):>10s}  max {seconds(max(result.samples)):>10s}"
        f"  n={len(result.samples)}{peak}{queries}{ratio}  {result.status()}"
        + (f"\n      {result.note}" if result.note else "")
    )


def megabytes(value: float) -> str:
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def row(result: Result) -> str:
    target = result.target.label if result.target else ""
    if result.skipped:
        empty = " | ".join(["—"] * 6)
        return f"| {result.family} | {result.name} | — | {empty} | {result.skipped} | {target} | {result.status()} |"
    ratio = f"{result.ratio:.2f} × {result.reference}" if result.ratio is not None else result.note
    peak = megabytes(result.peak_mb) if result.peak_mb is not None else "—"
    cells = [
        result.family, result.name, str(len(result.samples)), seconds(result.median), seconds(result.p95),
        seconds(min(result.samples)), seconds(max(result.samples)), peak, result.queries or "—", ratio,
        target, result.status(),
    ]  # fmt: skip
    return "| " + " | ".join(cells) + " |"


def table(results: Sequence[Result]) -> str:
    divider = "|" + "---|" * HEADER.count(" | ") + "---|"
    return "\n".join([HEADER, divider, *(row(r) for r in results)])


def notes(results: Sequence[Result]) -> list[str]:
    return [f"- {r.name}: {r.note}" for r in results if r.note and not r.skipped]


def write(results: Sequence[Result], context: str) -> Path:
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / "latest.md"
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    body = [f"# make bench — {stamp} on {platform.node()}", "", context, "", table(results), ""]
    extra = notes(results)
    if extra:
        body += ["Notes:", *extra, ""]
    path.write_text("\n".join(body), encoding="utf-8")
    return path
