"""`{"method": "evaluation", ...}` for `python -m tepat.engine CASE.json`.

    {"method": "evaluation", "first_year": 2021, "last_year": 2025,
     "employees": [{"id": "A", "skp": {"2022": "Baik", "2023": 88.5}, "moves": [2024],
                    "covariates": {"golongan": 3, "kind": "pelaksana", "age_band": 1, "unit_kind": "kelurahan"}}],
     "movers": [{"employee": "A", "tmt": "2024-03-01", "unit": "Kel. Ngesrep", "batch": "Mutasi 2024-I",
                 "review_score": 72}],
     "parameters": {"k": 3, "pre_years": 2, "post_years": 2, "interval": "bootstrap", "seed": 20250}}

An SKP year is a predikat (mapped, see panel.py) or a score. Covariates are any strings or integers; only the
names in `parameters.exact_on` are matched on. A mover's TMT year counts as a move for the employee.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from typing import Any

import numpy as np

from tepat.engine.evaluation.matching import code_labels
from tepat.engine.evaluation.panel import PREDIKAT_SCORE, Panel
from tepat.engine.evaluation.params import STRATA_FIELDS, Mover, Params
from tepat.engine.evaluation.report import evaluate
from tepat.engine.ranking import Problems, field_of, is_number, read_ids, read_list, read_mapping

INT_LIMITS: dict[str, tuple[int, int]] = {
    "pre_years": (1, 10),
    "post_years": (1, 10),
    "min_pre_years": (1, 10),
    "min_post_years": (1, 10),
    "tmt_cutoff_month": (0, 12),
    "k": (1, 50),
    "bootstrap_samples": (100, 100_000),
    "seed": (0, 2**31 - 1),
}
FLOAT_LIMITS: dict[str, tuple[float, float]] = {
    "caliper": (0.0, 100.0),
    "trend_weight": (0.0, 10.0),
    "confidence": (0.5, 0.999),
    "success_points": (0.0, 100.0),
    "support_points": (-100.0, 0.0),
    "decline_points": (0.0, 100.0),
    "baik_floor": (0.0, 120.0),
    "review_low": (0.0, 100.0),
}


def read_params(data: Mapping[str, Any], problems: Problems, path: str = "parameters") -> Params:
    """Parameters over the defaults; unknown names and out-of-range values are reported, not ignored."""
    known = {f.name for f in fields(Params)}
    values: dict[str, Any] = {}
    for name, value in data.items():
        where = f"{path}.{name}"
        if name not in known:
            problems.add(where, "parameter tidak dikenal")
            continue
        message, parsed = _read_param(name, value)
        if message:
            problems.add(where, message)
        else:
            values[name] = parsed
    return Params(**values)


def _read_param(name: str, value: Any) -> tuple[str, Any]:
    """(error message or "", parsed value) for one known parameter."""
    if name in INT_LIMITS:
        low, high = INT_LIMITS[name]
        ok = isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
        return ("" if ok else f"harus bilangan bulat {low} sampai {high}"), value
    if name in FLOAT_LIMITS:
        flow, fhigh = FLOAT_LIMITS[name]
        ok = is_number(value) and flow <= value <= fhigh
        return ("" if ok else f"harus berupa angka {flow:g} sampai {fhigh:g}"), float(value) if ok else None
    if name == "interval":
        return ("" if value in ("bootstrap", "t") else "harus salah satu dari: bootstrap, t"), value
    if name in ("exact_on", "relax_order"):
        ok = isinstance(value, list) and all(v in STRATA_FIELDS for v in value)
        return ("" if ok else "harus daftar dari: " + ", ".join(STRATA_FIELDS)), tuple(value) if ok else None
    return _read_event_years(value)


def _read_event_years(value: Any) -> tuple[str, Any]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        return "harus dua bilangan bulat [awal, akhir]", None
    if not value[0] <= 0 <= value[1] or value[0] < -10 or value[1] > 10:
        return "harus -10 ≤ awal ≤ 0 ≤ akhir ≤ 10", None
    return "", (value[0], value[1])


def run_case(case: Mapping[str, Any]) -> dict[str, Any]:
    problems = Problems()
    first = _year(case.get("first_year"), "first_year", problems)
    last = _year(case.get("last_year"), "last_year", problems)
    if first and last and last < first:
        problems.add("last_year", "tidak boleh sebelum first_year")
    params = read_params(read_mapping(case.get("parameters", {}), "parameters", problems), problems)
    employees = read_list(case, "employees", problems)
    ids = read_ids(
        [field_of(e, "id") for e in employees],
        [f"employees[{i}].id" for i in range(len(employees))],
        problems,
    )
    movers_in = case.get("movers", [])
    if not isinstance(movers_in, list):
        problems.add("movers", "harus berupa daftar")
        movers_in = []
    problems.raise_if_any()
    if first is None or last is None:  # reported above; narrows the types
        raise AssertionError
    row_of = {eid: i for i, eid in enumerate(ids)}
    scores = np.full((len(ids), last - first + 1), np.nan)
    moved = np.zeros(scores.shape, dtype=bool)
    labels: dict[str, list[str]] = {name: [] for name in STRATA_FIELDS}
    for i, employee in enumerate(employees):
        _read_employee(employee, i, first, last, scores, moved, labels, problems)
    movers = [_read_mover(m, j, row_of, first, last, moved, problems) for j, m in enumerate(movers_in)]
    problems.raise_if_any()
    covariates = {name: code_labels(values) for name, values in labels.items()}
    return {"method": "evaluation", **evaluate(Panel(first, scores, moved), covariates, movers, params)}


def _year(value: Any, path: str, problems: Problems) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1950 <= value <= 2200:
        problems.add(path, "harus tahun (bilangan bulat 1950 sampai 2200)")
        return None
    return value


def _read_employee(
    employee: Any,
    i: int,
    first: int,
    last: int,
    scores: np.ndarray,
    moved: np.ndarray,
    labels: dict[str, list[str]],
    problems: Problems,
) -> None:
    path = f"employees[{i}]"
    skp = read_mapping(field_of(employee, "skp") or {}, f"{path}.skp", problems)
    for key, value in skp.items():
        year = int(key) if isinstance(key, str) and key.isdigit() else None
        if year is None or not first <= year <= last:
            problems.add(f"{path}.skp.{key}", f"tahun harus {first} sampai {last}")
        elif isinstance(value, str) and value in PREDIKAT_SCORE:
            scores[i, year - first] = PREDIKAT_SCORE[value]
        elif is_number(value) and 0 <= value <= 120:
            scores[i, year - first] = float(value)
        elif value is not None:
            problems.add(f"{path}.skp.{key}", "harus predikat SKP atau angka 0 sampai 120")
    for k, year in enumerate(field_of(employee, "moves") or []):
        if not isinstance(year, int) or isinstance(year, bool):
            problems.add(f"{path}.moves[{k}]", "harus tahun")
        elif first <= year <= last:
            moved[i, year - first] = True
    covariates = read_mapping(field_of(employee, "covariates") or {}, f"{path}.covariates", problems)
    for name in STRATA_FIELDS:
        labels[name].append(str(covariates.get(name, "")))


def _read_mover(
    data: Any, j: int, row_of: dict[str, int], first: int, last: int, moved: np.ndarray, problems: Problems
) -> Mover:
    path = f"movers[{j}]"
    employee = field_of(data, "employee")
    row = row_of.get(employee) if isinstance(employee, str) else None
    if row is None:
        problems.add(f"{path}.employee", "bukan id pegawai di employees")
    try:
        tmt = date.fromisoformat(str(field_of(data, "tmt")))
    except ValueError:
        problems.add(f"{path}.tmt", "harus tanggal YYYY-MM-DD")
        tmt = date(first, 1, 1)
    review = field_of(data, "review_score")
    if review is not None and not (is_number(review) and 0 <= review <= 100):
        problems.add(f"{path}.review_score", "harus berupa angka 0 sampai 100")
        review = None
    if row is not None and first <= tmt.year <= last:
        moved[row, tmt.year - first] = True
    unit = str(field_of(data, "unit") or "")
    batch = str(field_of(data, "batch") or "")
    return Mover(
        row=row or 0,
        tmt=tmt,
        key=str(employee),
        unit_key=unit,
        unit_label=unit or "(tanpa unit)",
        batch_key=batch,
        batch_label=batch,
        review_score=None if review is None else float(review),
    )
