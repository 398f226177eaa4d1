"""Writes for scenarios: create, change settings, lock/forbid pairs, start a run. Each audited, each atomic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from tepat.core.audit import audit_record
from tepat.organization.models import Seat, Unit
from tepat.people.models import Employee
from tepat.planning.models import Scenario, ScenarioPair, ScenarioRun

SETTING_FIELDS = (
    "name", "note", "on", "pool_min_years", "pool_volunteers", "pool_unplaced", "seat_source",
    "seat_horizon_months", "max_moves", "unit_max_out", "stay_bonus", "rotation_bonus", "vacancy_penalty",
    "priority_vacancy_penalty", "profile", "w_competency", "w_education", "w_experience", "w_performance",
    "w_preference",
)  # fmt: skip
WEIGHT_FIELDS = ("w_competency", "w_education", "w_experience", "w_performance", "w_preference")
PROFILE_KEYS = {"kompetensi": "w_competency", "pendidikan": "w_education", "pengalaman": "w_experience",
                "kinerja": "w_performance", "preferensi": "w_preference"}  # fmt: skip


def _apply(scenario: Scenario, fields: Mapping[str, Any]) -> None:
    for name in SETTING_FIELDS:
        if name in fields:
            setattr(scenario, name, fields[name])
    profile = fields.get("profile")
    if profile is not None and fields.get("use_profile_weights"):
        for key, attr in PROFILE_KEYS.items():
            setattr(scenario, attr, float(profile.weights.get(key, 0.0)))


def _validate(scenario: Scenario, scope_units: Sequence[Unit]) -> None:
    errors: dict[str, list[str]] = {}
    if not scope_units:
        errors["scope_units"] = ["Pilih paling sedikit satu unit cakupan."]
    if sum(getattr(scenario, f) or 0 for f in WEIGHT_FIELDS) <= 0:
        errors["w_competency"] = ["Paling sedikit satu bobot harus lebih dari 0."]
    if scenario.seat_source == "peta_lowongan" and not scenario.seat_horizon_months:
        errors["seat_horizon_months"] = ["Isi horizon (bulan) untuk sumber peta lowongan."]
    if errors:
        raise ValidationError(errors)
    scenario.full_clean(exclude=["created_by"])


@transaction.atomic
def scenario_create(
    *, actor: Any, fields: Mapping[str, Any], scope_units: Sequence[Unit], pool_extra: Sequence[Employee] = ()
) -> Scenario:
    scenario = Scenario(created_by=actor)
    _apply(scenario, fields)
    _validate(scenario, scope_units)
    scenario.save()
    scenario.scope_units.set(scope_units)
    scenario.pool_extra.set(pool_extra)
    audit_record(actor=actor, action="scenario_create", obj=scenario, changes=scenario_settings(scenario))
    return scenario


@transaction.atomic
def scenario_update(
    *,
    scenario: Scenario,
    actor: Any,
    fields: Mapping[str, Any],
    scope_units: Sequence[Unit],
    pool_extra: Sequence[Employee] = (),
) -> Scenario:
    before = scenario_settings(scenario)
    _apply(scenario, fields)
    _validate(scenario, scope_units)
    scenario.save()
    scenario.scope_units.set(scope_units)
    scenario.pool_extra.set(pool_extra)
    audit_record(
        actor=actor,
        action="scenario_update",
        obj=scenario,
        changes=_changes(before, scenario_settings(scenario)),
    )
    return scenario


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    return {k: {"old": before.get(k), "new": v} for k, v in after.items() if before.get(k) != v}


def scenario_settings(scenario: Scenario) -> dict[str, Any]:
    """JSON-ready settings of a scenario, as frozen on every run (for the version comparison)."""
    values = {
        name: getattr(scenario, name) for name in SETTING_FIELDS if name not in ("profile", "name", "note")
    }
    values["on"] = scenario.on.isoformat() if scenario.on else None
    values["profile"] = str(scenario.profile) if scenario.profile_id else None
    if scenario.pk:
        values["scope_units"] = sorted(u.name for u in scenario.scope_units.all())
        values["pool_extra"] = sorted(e.name for e in scenario.pool_extra.all())
        pairs = scenario.pairs.select_related("employee", "seat__position__unit")
        values["pairs"] = sorted(
            f"{p.get_kind_display()}: {p.employee.name} → {p.seat.position.name} – {p.seat.position.unit.name}"
            for p in pairs
        )
    return values


@transaction.atomic
def scenario_pair_set(
    *, scenario: Scenario, actor: Any, employee: Employee, seat: Seat, kind: str, reason: str = ""
) -> ScenarioPair:
    """Lock or forbid (employee, seat); replaces an earlier setting of the same pair. A lock is one per person/seat."""
    ScenarioPair.objects.filter(scenario=scenario, employee=employee, seat=seat).delete()
    if kind == ScenarioPair.Kind.LOCK:
        clash = ScenarioPair.objects.filter(scenario=scenario, kind=kind).filter(employee=employee) | (
            ScenarioPair.objects.filter(scenario=scenario, kind=kind, seat=seat)
        )
        if clash.exists():
            raise ValidationError({"kind": ["Pegawai atau formasi ini sudah dikunci pada pasangan lain."]})
    pair = ScenarioPair(
        scenario=scenario, employee=employee, seat=seat, kind=kind, reason=reason, created_by=actor
    )
    pair.full_clean()
    pair.save()
    audit_record(actor=actor, action=f"scenario_pair_{kind}", obj=scenario, changes={"pair": str(pair)})
    return pair


@transaction.atomic
def scenario_pair_remove(*, scenario: Scenario, actor: Any, pair: ScenarioPair) -> None:
    if pair.scenario_id != scenario.pk:
        raise ValidationError({"pair": ["Pasangan ini bukan bagian dari skenario."]})
    label = str(pair)
    pair.delete()
    audit_record(actor=actor, action="scenario_pair_remove", obj=scenario, changes={"pair": label})


def _run_create(scenario: Scenario, actor: Any) -> ScenarioRun:
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        number = (locked.runs.aggregate(n=Max("number"))["n"] or 0) + 1
        run = ScenarioRun.objects.create(
            scenario=locked, number=number, frozen_settings=scenario_settings(locked), created_by=actor
        )
        audit_record(actor=actor, action="scenario_run_start", obj=run, changes={"version": number})
    return run


def scenario_run_start(*, scenario: Scenario, actor: Any) -> ScenarioRun:
    """Freeze the settings in a new version and queue its computation (after the row is committed)."""
    from tepat.planning.scenarios.tasks import scenario_run_task

    run = _run_create(scenario, actor)
    result = scenario_run_task.enqueue(run.pk)
    ScenarioRun.objects.filter(pk=run.pk, task_id="").update(task_id=str(result.id)[:64])
    run.refresh_from_db()
    return run


def scenario_run_now(*, scenario: Scenario, actor: Any) -> ScenarioRun:
    """The same, computed in this process (seeding the demo, management commands, benchmarks)."""
    from tepat.planning.scenarios.runner import scenario_run_execute

    run = _run_create(scenario, actor)
    scenario_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def scenario_run_send(*, run: ScenarioRun, actor: Any, selected: Sequence[tuple[int, int]]) -> Any:
    """Turn the chosen moves of a finished version into one batch proposal in the workflow (state `draf`).

    `selected` holds (employee pk, seat pk) pairs that must be moves of this version; the workflow re-checks
    every rule as of today and refuses the whole batch, naming the move, when one fails.
    """
    from tepat.transfers.models import Proposal
    from tepat.transfers.services.proposals import proposal_create_batch

    planned = {(m["employee"], m["to"]["seat"]): m for m in run.plan.get("moves", [])}
    chosen = [planned[pair] for pair in selected if pair in planned]
    if not chosen or len(chosen) != len(selected):
        raise ValidationError({"move": ["Pilih paling sedikit satu mutasi dari versi ini."]})
    employees = Employee.objects.in_bulk([m["employee"] for m in chosen])
    seats = Seat.objects.select_related("position__unit").in_bulk([m["to"]["seat"] for m in chosen])
    moves = [(employees[m["employee"]], seats[m["to"]["seat"]], m["sentence"]) for m in chosen]
    return proposal_create_batch(
        actor=actor,
        moves=moves,
        source=Proposal.Source.SCENARIO,
        source_ref=str(run.public_id),
        title=f"{run.scenario.name} (versi {run.number})",
    )
