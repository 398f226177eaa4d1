"""A run's plan as an Excel workbook through the one safe download path (tepat.exchange.safety)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from tepat.exchange.safety import Sheet, xlsx_response
from tepat.planning.models import ScenarioRun

MOVE_HEADERS = ["Kelompok", "Urutan", "NIP", "Nama", "Jabatan asal", "Unit asal", "Jabatan tujuan", "Unit tujuan",
                "Kecocokan asal", "Kecocokan tujuan", "JPM %", "Kategori JPM", "Alasan", "Catatan syarat"]  # fmt: skip


def _group(move: dict[str, Any]) -> str:
    return f"{move['group_kind'].capitalize()} {move['group']}" if move["group_kind"] else ""


def _move_rows(run: ScenarioRun) -> list[list[Any]]:
    return [
        [_group(m), m["step"] or "", m["nip"], m["name"], m["from"]["position"], m["from"]["unit"],
         m["to"]["position"], m["to"]["unit"], m["score_before"], m["score"], m["jpm"], m["jpm_category"],
         m["sentence"], "; ".join([*m["notes"], *(f"data belum lengkap: {x}" for x in m.get("missing", []))])]
        for m in run.plan.get("moves", [])
    ]  # fmt: skip


def _figure_rows(run: ScenarioRun) -> list[list[Any]]:
    f = run.figures
    rows = []
    for label, key in (("Total kecocokan", "total_fit"), ("Rata-rata kecocokan", "mean_fit"),
                       ("Lowongan terisi", "vacancies_filled"), ("Jumlah mutasi", "moves")):  # fmt: skip
        rows.append([label, f["before"][key], f["after"][key], (f.get("greedy") or {}).get(key)])
    rows.append(["Nilai tujuan", None, run.objective, run.greedy_objective])
    rows.append(["Batas atas", None, run.bound, None])
    return rows


def scenario_run_xlsx(*, run: ScenarioRun, actor: Any) -> HttpResponse:
    sheets = [
        Sheet("Mutasi", MOVE_HEADERS, _move_rows(run), frozenset({"NIP"})),
        Sheet("Ringkasan", ["Angka", "Hari ini", "Rencana", "Satu per satu"], _figure_rows(run), frozenset()),
        Sheet("Formasi tetap kosong", ["Jabatan", "Unit", "Prioritas"],
              [[u["position"], u["unit"], "ya" if u["priority"] else ""] for u in run.plan.get("unfilled", [])],
              frozenset()),
    ]  # fmt: skip
    name = f"skenario_{run.scenario.name}_v{run.number}.xlsx"
    return xlsx_response(name, sheets, actor=actor, subject="planning.scenariorun")
