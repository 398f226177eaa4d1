"""A Keputusan with a 200-move attachment rendered to PDF (WeasyPrint), reference: the same decree with one move.

Renders the product's template (`transfers/pdf/keputusan.html`) through `render_pdf` with content built like
`decree_content.build_content` from real city employees and vacant seats; the workflow steps before issuing
(proposal, board, decision) are not part of the timing.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any

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


def run(runs: int = 3) -> list[Result]:
    from tepat.transfers.services.pdf import render_pdf

    results: list[Result] = []
    for moves, target in ((1, None), (200, PDF_TARGET)):
        sk = content(moves)
        render_pdf("transfers/pdf/keputusan.html", {"sk": sk, "code": "BENCH"})  # warm fonts and templates
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            pdf = render_pdf("transfers/pdf/keputusan.html", {"sk": sk, "code": "BENCH"})
            samples.append(time.perf_counter() - start)
        result = Result("features", f"Keputusan PDF, {len(sk['rows'])} moves", samples, target=target)
        result.note = f"{len(pdf) / 1024:.0f} KiB"
        if results:
            result.reference, result.reference_median = results[0].name, results[0].median
        results.append(result)
    return results
