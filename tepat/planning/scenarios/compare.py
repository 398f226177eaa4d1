"""Two versions of a scenario side by side: what changed in the settings, the figures and the moves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tepat.planning.models import ScenarioRun

SETTING_LABELS = {
    "scope_units": "Unit cakupan", "on": "Tanggal acuan", "pool_min_years": "Masa jabatan minimal (tahun)",
    "pool_volunteers": "Sertakan relawan", "pool_unplaced": "Sertakan pegawai tanpa formasi",
    "pool_extra": "Pegawai tambahan", "seat_source": "Sumber formasi", "seat_horizon_months": "Horizon (bulan)",
    "max_moves": "Mutasi maksimal", "unit_max_out": "Maks. keluar per unit", "stay_bonus": "Bonus tetap",
    "rotation_bonus": "Bonus rotasi", "vacancy_penalty": "Penalti formasi kosong",
    "priority_vacancy_penalty": "Penalti formasi prioritas", "profile": "Profil",
    "w_competency": "Bobot kompetensi", "w_education": "Bobot pendidikan", "w_experience": "Bobot pengalaman",
    "w_performance": "Bobot kinerja", "w_preference": "Bobot preferensi", "pairs": "Pasangan dikunci/dilarang",
}  # fmt: skip


@dataclass(frozen=True)
class Comparison:
    a: ScenarioRun
    b: ScenarioRun
    settings: list[tuple[str, Any, Any, bool]]  # label, value in A, value in B, changed
    figures: list[tuple[str, Any, Any]]
    only_a: list[dict[str, Any]]
    only_b: list[dict[str, Any]]
    both: list[dict[str, Any]]


def _show(value: Any) -> Any:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return "—" if value is None else value


def _figures(run: ScenarioRun) -> dict[str, Any]:
    after = run.figures.get("after", {})
    return {
        "Jumlah mutasi": run.moves,
        "Jumlah rantai": run.chains,
        "Total kecocokan": after.get("total_fit"),
        "Rata-rata kecocokan": after.get("mean_fit"),
        "Lowongan terisi": f"{after.get('vacancies_filled', '—')} dari {after.get('vacancies', '—')}",
        "Dibanding hari ini (%)": run.figures.get("fit_vs_today_pct"),
        "Dibanding satu per satu (%)": run.figures.get("fit_vs_greedy_pct"),
        "Nilai tujuan": None if run.objective is None else round(run.objective, 1),
        "Terbukti optimal": "ya" if run.optimal else "tidak",
    }


def _key(move: dict[str, Any]) -> tuple[int, int | None]:
    return move["employee"], move["to"]["seat"]


def runs_compare(*, a: ScenarioRun, b: ScenarioRun) -> Comparison:
    keys = sorted(
        set(a.frozen_settings) | set(b.frozen_settings),
        key=lambda k: list(SETTING_LABELS).index(k) if k in SETTING_LABELS else 99,
    )
    settings = [
        (SETTING_LABELS.get(k, k), _show(a.frozen_settings.get(k)), _show(b.frozen_settings.get(k)),
         a.frozen_settings.get(k) != b.frozen_settings.get(k))
        for k in keys
        if k in SETTING_LABELS
    ]  # fmt: skip
    fa, fb = _figures(a), _figures(b)
    moves_a = {_key(m): m for m in a.plan.get("moves", [])}
    moves_b = {_key(m): m for m in b.plan.get("moves", [])}
    return Comparison(
        a=a,
        b=b,
        settings=settings,
        figures=[(label, fa[label], fb[label]) for label in fa],
        only_a=[m for k, m in moves_a.items() if k not in moves_b],
        only_b=[m for k, m in moves_b.items() if k not in moves_a],
        both=[m for k, m in moves_a.items() if k in moves_b],
    )
