"""Chart.js data for the needs pages, passed to the template through `json_script` (no inline code)."""

from __future__ import annotations

from typing import Any

from tepat.planning.needs.selectors import NeedsReport, ProjectionReport

KEBUTUHAN, BEZETTING = "#0b4f6c", "#20a39e"
PENSIUN, KONTRAK, KURANG = "#c0392b", "#f39c12", "#8e44ad"


def needs_chart(report: NeedsReport) -> dict[str, Any]:
    """Kebutuhan vs bezetting per displayed unit (bars)."""
    rows = report.rows
    return {
        "type": "bar",
        "labels": [row.unit.name for row in rows],
        "datasets": [
            {
                "label": "Kebutuhan",
                "data": [row.total.required for row in rows],
                "backgroundColor": KEBUTUHAN,
            },
            {"label": "Bezetting", "data": [row.total.present for row in rows], "backgroundColor": BEZETTING},
        ],
    }


def projection_chart(report: ProjectionReport) -> dict[str, Any]:
    """Per projected year: bezetting and kebutuhan (lines) over departures and the shortage (bars)."""
    years = report.years
    return {
        "type": "bar",
        "labels": [str(y.year) for y in years],
        "datasets": [
            {"type": "line", "label": "Kebutuhan", "data": [y.required for y in years], "borderColor": KEBUTUHAN,
             "backgroundColor": KEBUTUHAN, "yAxisID": "y"},
            {"type": "line", "label": "Bezetting akhir tahun", "data": [y.present for y in years],
             "borderColor": BEZETTING, "backgroundColor": BEZETTING, "yAxisID": "y"},
            {"label": "Pensiun (BUP)", "data": [y.retirements for y in years], "backgroundColor": PENSIUN,
             "stack": "keluar", "yAxisID": "y2"},
            {"label": "Kontrak PPPK berakhir", "data": [y.contract_ends for y in years],
             "backgroundColor": KONTRAK, "stack": "keluar", "yAxisID": "y2"},
            {"label": "Kekurangan", "data": [y.shortage for y in years], "backgroundColor": KURANG,
             "stack": "kurang", "yAxisID": "y2"},
        ],
    }  # fmt: skip
