"""Scenario runs on a tiny government: chains, locks and forbids, budgets, errors, and no state change (R-31)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from conftest import SmallGovernment, seat_employee
from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.organization.models import Position, Seat, Unit, UnitKind
from tepat.organization.tests.factories import (
    EducationFieldFactory,
    PositionFactory,
    SeatFactory,
    UnitFactory,
)
from tepat.people.models import Employee, EmployeePreference, PreferenceReason
from tepat.people.services.preferences import PreferenceItem, employee_preferences_set
from tepat.planning.models import RunStatus, Scenario, ScenarioPair
from tepat.planning.scenarios.loading import PreferenceRow
from tepat.planning.scenarios.problem import preference_matrix
from tepat.planning.scenarios.services import (
    scenario_create,
    scenario_pair_set,
    scenario_run_now,
    scenario_run_start,
)

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 27)
LONG_AGO = dt.date(2018, 1, 1)  # over five years in post


@dataclass
class Round:
    scope: Unit
    units: list[Unit]
    positions: list[Position]
    vacant: Seat
    people: list[Employee]  # people[i] sits in positions[i + 1] but studied for positions[i]
    analyst: User


def _kelurahan(parent: Unit, k: int, field_pk: int) -> Position:
    unit = UnitFactory.create(code=f"KEL-{k}", name=f"Kelurahan {k}", kind=UnitKind.KELURAHAN, parent=parent)
    position = PositionFactory.create(unit=unit, name=f"Kasi {k}", kind="pengawas")
    position.education_fields.set([field_pk])
    return position


@pytest.fixture
def rotation(gov: SmallGovernment, make_user) -> Round:
    """Kelurahan 0 has an empty seat; person i sits in kelurahan i+1 but studied what kelurahan i needs."""
    scope = UnitFactory.create(code="KEC-X", name="Kecamatan X", kind=UnitKind.KECAMATAN, parent=gov.root)
    fields = [
        EducationFieldFactory.create(code=f"F{k}", name=f"Bidang {k}", rumpun=f"Rumpun {k}") for k in range(4)
    ]
    positions = [_kelurahan(scope, k, fields[k].pk) for k in range(4)]
    vacant = SeatFactory.create(position=positions[0], number=1)
    people = [
        seat_employee(positions[k + 1], LONG_AGO, name=f"Pegawai {k}", education_field=fields[k], rank=None)
        for k in range(3)
    ]
    return Round(scope, [p.unit for p in positions], positions, vacant, people, make_user("analyst"))


def _scenario(r: Round, **fields: object) -> Scenario:
    values = {
        "name": "Uji",
        "on": ON,
        "pool_min_years": 5,
        "stay_bonus": 0.0,
        "rotation_bonus": 0.0,
        **fields,
    }
    return scenario_create(actor=r.analyst, fields=values, scope_units=[r.scope])


def _moves(run) -> dict[str, str]:
    return {m["name"]: m["to"]["unit"] for m in run.plan["moves"]}


def test_a_run_fills_the_vacancy_with_a_chain_and_changes_no_seat(rotation: Round) -> None:
    seats_before = dict(Employee.objects.values_list("pk", "seat_id"))
    run = scenario_run_now(scenario=_scenario(rotation), actor=rotation.analyst)
    assert run.status == RunStatus.DONE, run.error
    assert _moves(run) == {"Pegawai 0": "Kelurahan 0", "Pegawai 1": "Kelurahan 1", "Pegawai 2": "Kelurahan 2"}
    assert run.plan["chains"] == [[p.pk for p in rotation.people]]
    assert run.optimal is True
    assert run.figures["after"]["vacancies_filled"] == 1
    assert run.figures["after"]["total_fit"] > run.figures["before"]["total_fit"]
    assert "Pegawai 0 dipindahkan ke Kasi 0 – Kelurahan 0 karena" in run.plan["moves"][0]["sentence"]
    assert "latar pendidikan Bidang 0 sesuai" in run.plan["moves"][0]["sentence"]
    # advisory only; the run stores versions and an input hash, and one audit row.
    assert dict(Employee.objects.values_list("pk", "seat_id")) == seats_before
    assert len(run.inputs_hash) == 64
    assert run.engine_versions["rules"]
    assert AuditEntry.objects.filter(action="scenario_run", object_id=str(run.public_id)).count() == 1


def test_the_same_inputs_give_the_same_hash_and_a_new_version(rotation: Round) -> None:
    scenario = _scenario(rotation)
    first = scenario_run_now(scenario=scenario, actor=rotation.analyst)
    second = scenario_run_start(scenario=scenario, actor=rotation.analyst)  # immediate backend in tests
    assert (first.number, second.number) == (1, 2)
    assert second.status == RunStatus.DONE
    assert second.inputs_hash == first.inputs_hash


def test_a_forbidden_pair_is_left_out_and_a_lock_is_kept(rotation: Round) -> None:
    scenario = _scenario(rotation)
    p0, _p1, p2 = rotation.people
    scenario_pair_set(
        scenario=scenario, actor=rotation.analyst, employee=p0, seat=rotation.vacant, kind="larang"
    )
    scenario_pair_set(
        scenario=scenario, actor=rotation.analyst, employee=p2, seat=rotation.vacant, kind="kunci"
    )
    run = scenario_run_now(scenario=scenario, actor=rotation.analyst)
    moves = _moves(run)
    assert moves["Pegawai 2"] == "Kelurahan 0"
    assert "Pegawai 0" not in moves or moves["Pegawai 0"] != "Kelurahan 0"
    assert any(m["locked"] for m in run.plan["moves"])
    assert "Dikunci: Pegawai 2" in " ".join(run.frozen_settings["pairs"])


def test_a_second_lock_on_the_same_seat_names_the_field(rotation: Round) -> None:
    scenario = _scenario(rotation)
    p0, p1, _ = rotation.people
    scenario_pair_set(
        scenario=scenario, actor=rotation.analyst, employee=p0, seat=rotation.vacant, kind="kunci"
    )
    with pytest.raises(ValidationError) as error:
        scenario_pair_set(
            scenario=scenario, actor=rotation.analyst, employee=p1, seat=rotation.vacant, kind="kunci"
        )
    assert "kind" in error.value.message_dict
    assert ScenarioPair.objects.filter(scenario=scenario).count() == 1


def test_the_move_budget_and_the_unit_limit_hold(rotation: Round) -> None:
    run = scenario_run_now(scenario=_scenario(rotation, max_moves=1), actor=rotation.analyst)
    assert run.moves == 1
    assert run.figures["after"]["moves"] == 1
    limited = scenario_run_now(scenario=_scenario(rotation, unit_max_out=0), actor=rotation.analyst)
    assert limited.status == RunStatus.DONE
    assert limited.moves == 0


def test_an_impossible_lock_fails_the_run_with_names_not_ids(rotation: Round) -> None:
    scenario = _scenario(rotation)
    p0 = rotation.people[0]
    p0.position_since = ON - dt.timedelta(days=200)  # under two years: R1 screens every move out
    p0.save(update_fields=["position_since"])
    scenario_pair_set(
        scenario=scenario, actor=rotation.analyst, employee=p0, seat=rotation.vacant, kind="kunci"
    )
    scenario.pool_extra.add(p0)
    run = scenario_run_now(scenario=scenario, actor=rotation.analyst)
    assert run.status == RunStatus.FAILED
    assert "Pegawai 0" in run.error
    assert f"e{p0.pk}" not in run.error
    assert AuditEntry.objects.filter(action="scenario_run_failed").count() == 1


def test_a_scenario_without_scope_names_the_field_and_saves_nothing(rotation: Round) -> None:
    with pytest.raises(ValidationError) as error:
        scenario_create(actor=rotation.analyst, fields={"name": "Kosong", "on": ON}, scope_units=[])
    assert "scope_units" in error.value.message_dict
    assert not Scenario.objects.filter(name="Kosong").exists()


def test_a_stated_preference_brings_a_volunteer_into_the_pool_and_is_reported(rotation: Round) -> None:
    volunteer = seat_employee(rotation.positions[3], ON - dt.timedelta(days=900), name="Relawan")
    item = PreferenceItem(rotation.units[0], None, PreferenceReason.HEALTH, "dekat rumah")
    employee_preferences_set(employee=volunteer, actor=rotation.analyst, items=[item])
    run = scenario_run_now(scenario=_scenario(rotation, pool_min_years=None), actor=rotation.analyst)
    prefs = run.figures["preferences"]
    assert prefs["stated"] == 1
    assert run.plan["pool_size"] == 1
    assert prefs["honoured"] == 1 or prefs["hardship_not_honoured"][0]["name"] == "Relawan"


def test_preferences_are_replaced_whole_and_bad_input_saves_nothing(rotation: Round) -> None:
    person = rotation.people[0]
    first = [PreferenceItem(rotation.units[0], None, PreferenceReason.CAREER)]
    employee_preferences_set(employee=person, actor=rotation.analyst, items=first)
    too_many = [PreferenceItem(u, None, PreferenceReason.DISTANCE) for u in rotation.units]
    with pytest.raises(ValidationError):
        employee_preferences_set(employee=person, actor=rotation.analyst, items=too_many)
    both = [PreferenceItem(rotation.units[1], rotation.positions[1], PreferenceReason.DISTANCE)]
    with pytest.raises(ValidationError) as error:
        employee_preferences_set(employee=person, actor=rotation.analyst, items=both)
    assert "pilihan_1" in error.value.message_dict
    assert list(EmployeePreference.objects.filter(employee=person).values_list("unit_id", flat=True)) == [
        rotation.units[0].pk
    ]


def test_the_preference_matrix_is_nan_for_the_silent_and_zero_for_other_seats() -> None:
    rows = [
        PreferenceRow(1, 1, "0001.0002.", None, "jarak", "Kelurahan A"),
        PreferenceRow(1, 2, None, 7, "karier", "X"),
    ]
    positions = [(5, "0001.0002.0003."), (7, "0001.0009."), (8, "0001.0009.")]
    matrix = preference_matrix([1, 2], positions, rows)
    assert matrix is not None
    assert matrix[0].tolist() == [1.0, 0.75, 0.0]
    assert np.isnan(matrix[1]).all()
    assert preference_matrix([1, 2], positions, []) is None


def test_another_seat_of_ones_own_post_is_not_a_move_and_earns_no_rotation_bonus(rotation: Round) -> None:
    """Pegawai 9 is due for rotation and fits only his own post; its second, empty seat is no rotation."""
    field = EducationFieldFactory.create(code="F9", name="Bidang 9", rumpun="Rumpun 9")
    post = _kelurahan(rotation.scope, 9, field.pk)
    seat_employee(post, LONG_AGO, name="Pegawai 9", education_field=field, rank=None)
    SeatFactory.create(position=post, number=2)
    run = scenario_run_now(scenario=_scenario(rotation, rotation_bonus=50.0), actor=rotation.analyst)
    assert run.status == RunStatus.DONE, run.error
    sideways = [m["name"] for m in run.plan["moves"] if m["from"]["position"] == m["to"]["position"]]
    assert sideways == []
