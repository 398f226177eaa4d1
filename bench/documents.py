"""A Keputusan with a 200-move attachment rendered to PDF (WeasyPrint), reference: the same decree with one move.

Renders the product's template (`transfers/pdf/keputusan.html`) through `render_pdf` with content built like
`decree_content.build_content` from real city employees and vacant seats; the workflow steps before issuing
(proposal, board, decision) are not part of the timing. Each size renders in its own process (one warm-up,
then the timed renders), so the peak RSS is the render's own.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from bench.child import peak_mb, setup, spawn
from bench.stats import Result, Target

PDF_TARGET = Target("< 10 s", 10.0, "median")


def _rows(count: int, tmt: date) -> list[dict[str, Any]]:
    from tepat.engine.rules.dates import format_date
    from tepat.organization.models import Seat
    from tepat.people.models import Employee

    people = Employee.objects.filter(seat__isnull=False).select_related("seat__position__unit").order_by("pk")
    seats = Seat.objects.filter(occupant__isnull=True).select_related("position__unit").order_by("pk")
    return [
        {
            "no": i, "name": e.full_name, "nip": e.nip, "pangkat": f"{e.pangkat} ({e.golongan})",
            "old_position": e.seat.position.name, "old_unit": e.seat.position.unit.name,  # type: ignore[union-attr]
            "new_position": s.position.name, "new_unit": s.position.unit.name, "tmt": format_date(tmt), "move": str(i),
        }
        for i, (e, s) in enumerate(zip(people[:count], seats[:count], strict=False), start=1)
    ]  # fmt: skip


def content(count: int) -> dict[str, Any]:
    from tepat.engine.rules.dates import format_date
    from tepat.transfers.services.decree_content import DEFAULT_BLOCKS, TITLE

    tmt = date(2027, 1, 1)
    return {
        "number": "800.1.3/0001/2027", "government": "PEMERINTAH KOTA SEMARANG", "head_title": "WALI KOTA SEMARANG",
        "title": TITLE, "menimbang": DEFAULT_BLOCKS["menimbang"].splitlines(),
        "mengingat": DEFAULT_BLOCKS["mengingat"].splitlines(), "memperhatikan": [], "tmt": format_date(tmt),
        "tmt_iso": tmt.isoformat(), "place": "Semarang", "issued_on": format_date(date(2026, 12, 1)),
        "signer": {"name": "Wali Kota", "rank": "", "nip": ""}, "tembusan": DEFAULT_BLOCKS["tembusan"].splitlines(),
        "rows": _rows(count, tmt), "corrects": None, "correction_reason": "",
    }  # fmt: skip


def child(moves: int, runs: int) -> dict[str, Any]:
    """In a fresh process: one warm-up render (fonts, templates), then `runs` timed renders."""
    setup()
    from tepat.transfers.services.pdf import render_pdf

    sk = content(moves)
    render_pdf("transfers/pdf/keputusan.html", {"sk": sk, "code": "BENCH"})
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        pdf = render_pdf("transfers/pdf/keputusan.html", {"sk": sk, "code": "BENCH"})
        samples.append(time.perf_counter() - start)
    helper = live_helpers_mb(os.getpid())  # a warm render helper process, if the service uses one
    return {"samples": samples, "peak_mb": peak_mb(), "helper_mb": helper, "kib": len(pdf) / 1024,
            "rows": len(sk["rows"])}  # fmt: skip


def live_helpers_mb(pid: int) -> float:
    """Largest peak RSS (VmHWM) among the live descendants of `pid` (Linux /proc), 0 if none."""
    peak = 0.0
    with suppress(OSError):
        for child_pid in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            status = Path(f"/proc/{child_pid}/status").read_text()
            line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
            peak = max(peak, int(line.split()[1]) / 1024, live_helpers_mb(int(child_pid)))
    return peak


def run(runs: int = 3) -> list[Result]:
    results: list[Result] = []
    for moves, target in ((1, None), (200, PDF_TARGET)):
        data = spawn("bench.documents", ["--moves", str(moves), "--runs", str(runs)])
        name = f"Keputusan PDF, {data['rows']} move(s)" + ("" if target else " (reference)")
        result = Result("features", name, data["samples"], data["peak_mb"] + data["helper_mb"], target=target)
        result.note = f"{data['kib']:.0f} KiB; peak RSS = process {data['peak_mb']:.0f} MB"
        result.note += f" + render helper {data['helper_mb']:.0f} MB" if data["helper_mb"] else ""
        if results:
            result.reference, result.reference_median = results[0].name, results[0].median
        results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents")
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(child(args.moves, args.runs)))


if __name__ == "__main__":
    main()
