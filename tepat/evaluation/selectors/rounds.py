"""Reads of stored evaluation runs, scoped (R-03).

Government-wide roles see every run and every mover. A unit head sees a run whose scope overlaps their subtree
(the whole government, a scope inside the subtree or one containing it) and, inside it, only the movers whose new
unit lies in their subtree: headline, chart and tables are re-aggregated from those movers' stored rows, so no
figure about people outside the subtree reaches them. A run with no overlap answers 404. Employees see none.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from django.db.models import Q, QuerySet

from tepat.core.scoping import Scope, user_scope
from tepat.engine.evaluation.aggregate import event_study, groups, summarize
from tepat.engine.evaluation.case import read_params
from tepat.engine.evaluation.classify import PERLU_DUKUNGAN
from tepat.engine.evaluation.params import Params
from tepat.engine.ranking import Problems
from tepat.engine.roles import Role
from tepat.evaluation.models import EvaluationRun, EvaluationStatus
from tepat.people.models import Employee


def _overlap(scope: Scope) -> Q:
    query = Q(scope_path="")
    for path in scope.unit_paths:
        query |= Q(scope_path__startswith=path)  # the run's scope lies inside the subtree
        prefixes = [path[: i + 1] for i, ch in enumerate(path) if ch == "."]
        query |= Q(scope_path__in=prefixes)  # the run's scope contains the subtree
    return query


def evaluation_runs(*, viewer: Any) -> QuerySet[EvaluationRun]:
    scope = user_scope(viewer)
    runs = EvaluationRun.objects.defer("result").select_related("created_by", "scope_unit")
    if scope.government_wide:
        return runs
    if scope.has(Role.UNIT_HEAD) and scope.unit_paths:
        return runs.filter(_overlap(scope))
    return runs.none()


def evaluation_run_get(*, viewer: Any, public_id: uuid.UUID) -> EvaluationRun:
    scope = user_scope(viewer)
    # the result JSON (1.3 MB for the whole city) is read through run_result, parsed once per process
    runs = EvaluationRun.objects.defer("result").select_related("created_by", "scope_unit")
    if not scope.government_wide:
        runs = runs.filter(_overlap(scope)) if scope.has(Role.UNIT_HEAD) and scope.unit_paths else runs.none()
    return runs.get(public_id=public_id)


@dataclass
class RoundView:
    run: EvaluationRun
    partial: bool  # True when the viewer sees only part of the run's movers (a unit head's subtree)
    summary: dict[str, Any]
    chart: list[dict[str, Any]]
    units: list[dict[str, Any]]
    batches: list[dict[str, Any]]
    movers: Sequence[dict[str, Any]]  # with "name", "nip", "employee_url" added
    support: list[dict[str, Any]] = field(default_factory=list)


def run_params(run: EvaluationRun) -> Params:
    """The run's stored parameters (as stored by the service, so they read back without problems)."""
    stored = dict(run.parameters)
    return read_params(stored, Problems())


# Parsed results of finished runs, most recently used last. A run is written once, finished, by
# `evaluation_run` and never updated, so its parsed result is exact for as long as the row exists; the key
# holds the random public_id (never reused, unlike a rolled-back SQLite rowid) and the finish time.
_RESULTS: OrderedDict[tuple[uuid.UUID, Any], dict[str, Any]] = OrderedDict()
_RESULTS_LOCK = threading.Lock()
RESULTS_KEPT = 8  # a handful of whole-city runs is ~10 MB per process each parsed; older ones are re-read


def run_result(run: EvaluationRun) -> dict[str, Any]:
    """The run's stored result, read and parsed once per process for a finished run; treat it as read-only."""
    if "result" not in run.get_deferred_fields():
        return run.result or {}
    if run.status != EvaluationStatus.DONE or run.finished_at is None:
        run.refresh_from_db(fields=["result"])
        return run.result or {}
    key = (run.public_id, run.finished_at)
    with _RESULTS_LOCK:
        cached = _RESULTS.get(key)
        if cached is not None:
            _RESULTS.move_to_end(key)
            return cached
    result = EvaluationRun.objects.filter(pk=run.pk).values_list("result", flat=True).first() or {}
    with _RESULTS_LOCK:
        _RESULTS[key] = result
        while len(_RESULTS) > RESULTS_KEPT:
            _RESULTS.popitem(last=False)
    return result


def round_view(*, viewer: Any, run: EvaluationRun) -> RoundView:
    """The figures of `run` the viewer may see, with the movers' names (one query)."""
    scope = user_scope(viewer)
    result = run_result(run)
    rows: list[dict[str, Any]] = list(result.get("movers", []))
    partial = not scope.government_wide
    if partial:
        rows = [r for r in rows if any(str(r.get("unit_path", "")).startswith(p) for p in scope.unit_paths)]
        p = run_params(run)
        summary = summarize(rows, p)
        chart = event_study(rows, p)
        units = groups(rows, "sub_key", "sub_label", p)
        batches = groups(rows, "batch_key", "batch_label", p)
    else:
        summary, chart = result.get("summary", {}), result.get("event_study", [])
        units, batches = result.get("by_unit", []), result.get("by_batch", [])
    support = _with_names([r for r in rows if r["class"] == PERLU_DUKUNGAN])
    return RoundView(run, partial, summary, chart, units, batches, NamedMovers(rows), support)


class NamedMovers(Sequence[dict[str, Any]]):
    """The movers' rows, named when read: a page (a slice, for the Paginator) names only its rows in one query,
    iterating (the export) names all in one query; the whole city's 1,500 movers are not named per page view."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return _with_names(self.rows[index])
        return _with_names([self.rows[index]])[0]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(_with_names(self.rows))


def _with_names(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = [r["employee_id"] for r in rows if "employee_id" in r]
    people: dict[int, tuple[str, str, str, str, Any]] = {
        pk: (name, front, back, nip, public_id)
        for pk, name, front, back, nip, public_id in Employee.objects.filter(pk__in=ids).values_list(
            "pk", "name", "front_title", "back_title", "nip", "public_id"
        )
    }
    out = []
    for row in rows:
        name, front, back, nip, public_id = people.get(
            int(row.get("employee_id") or 0), ("(terhapus)", "", "", "", None)
        )
        full = " ".join(part for part in (front, name) if part) + (f", {back}" if back else "")
        out.append({**row, "name": full, "nip": nip, "employee_public_id": public_id})
    return out


def chart_data(chart: list[dict[str, Any]]) -> dict[str, Any]:
    """The Chart.js line data: mean SKP by year relative to TMT, movers vs comparison."""
    labels = [("TMT" if p["rel"] == 0 else f"{p['rel']:+d}") for p in chart]
    return {
        "labels": labels,
        "datasets": [
            {"label": "Pegawai dimutasi", "data": [p["movers"] for p in chart]},
            {"label": "Pembanding (tidak pindah)", "data": [p["comparison"] for p in chart]},
        ],
    }
