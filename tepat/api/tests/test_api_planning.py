"""Planning endpoints: candidates for a seat, scenarios with runs and plans, needs — shape, scope, roles."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

import pytest
from django.test import Client

from conftest import SmallGovernment, seat_employee
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.organization.models import UnitKind
from tepat.organization.tests.factories import (
    EducationFieldFactory,
    PositionFactory,
    SeatFactory,
    UnitFactory,
)
from tepat.planning.models import RunStatus, Scenario
from tepat.planning.scenarios.services import scenario_create

pytestmark = pytest.mark.django_db


def _vacant_seat(gov: SmallGovernment) -> str:
    return str(SeatFactory.create(position=gov.kasi, number=2).public_id)


def test_candidates_page_lists_eligible_with_fit_and_ineligible_with_rule_and_legal_basis(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    client = client_as(Role.ANALYST)
    seat = _vacant_seat(gov)
    eligible = client.get(f"/api/v1/seats/{seat}/candidates").json()
    ineligible = client.get(f"/api/v1/seats/{seat}/candidates?tab=tidak-layak").json()
    assert set(eligible) == {"count", "next", "previous", "results"}
    rows = eligible["results"] + ineligible["results"]
    assert eligible["count"] + ineligible["count"] == len(rows) == 2  # everyone but the Kasi's own holder
    assert all(uuid.UUID(row["employee"]["id"]) for row in rows)
    assert all("nip" not in row["employee"] and "nik" not in row["employee"] for row in rows)
    assert {c["component"] for c in rows[0]["fit"]["components"]} >= {"kompetensi", "pendidikan"}
    for row in ineligible["results"]:
        assert row["eligible"] is False
        assert row["failures"]
        assert all(f["message"] and f["legal_basis"] for f in row["failures"])
    assert AuditEntry.objects.filter(action="view_candidate_ranking").count() == 2


def test_candidates_outside_a_unit_heads_subtree_are_404_and_employees_get_403(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    dinas_seat = SeatFactory.create(position=PositionFactory.create(unit=gov.dinas), number=1)
    camat = client_as(Role.UNIT_HEAD, gov.kecamatan)
    assert camat.get(f"/api/v1/seats/{dinas_seat.public_id}/candidates").status_code == 404
    assert camat.get(f"/api/v1/seats/{_vacant_seat(gov)}/candidates").status_code == 200
    assert client_as(Role.EMPLOYEE).get(f"/api/v1/seats/{dinas_seat.public_id}/candidates").status_code == 403


def test_candidates_bad_tab_answers_400_naming_the_field(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    response = client_as(Role.ANALYST).get(f"/api/v1/seats/{_vacant_seat(gov)}/candidates?tab=semua")
    assert response.status_code == 400
    assert response.json()["field"] == "tab"


@pytest.fixture
def scenario(gov: SmallGovernment, make_user: Callable) -> Scenario:
    """Kelurahan 0 has an empty seat that the person sitting in kelurahan 1 studied for."""
    kec = UnitFactory.create(code="KEC-X", name="Kecamatan X", kind=UnitKind.KECAMATAN, parent=gov.root)
    field = EducationFieldFactory.create(code="F0", name="Bidang 0", rumpun="Rumpun 0")
    positions = []
    for k in range(2):
        unit = UnitFactory.create(code=f"KEL-{k}", name=f"Kelurahan {k}", kind=UnitKind.KELURAHAN, parent=kec)
        positions.append(PositionFactory.create(unit=unit, name=f"Kasi {k}", kind="pengawas"))
    positions[0].education_fields.set([field])
    SeatFactory.create(position=positions[0], number=1)
    seat_employee(positions[1], dt.date(2018, 1, 1), name="Pegawai Pindah", education_field=field, rank=None)
    fields = {"name": "Skenario Uji", "on": dt.date(2026, 11, 27), "pool_min_years": 5, "stay_bonus": 0.0}
    return scenario_create(
        actor=make_user(Role.ANALYST, username="analis.skenario"), fields=fields, scope_units=[kec]
    )


def test_scenario_run_started_by_bkpp_and_its_plan_carries_only_opaque_ids(
    scenario: Scenario, client_as: Callable[..., Client]
) -> None:
    analyst = client_as(Role.ANALYST)
    assert analyst.get("/api/v1/scenarios").json()["results"][0]["id"] == str(scenario.public_id)
    started = analyst.post(f"/api/v1/scenarios/{scenario.public_id}/runs")
    assert started.status_code == 202
    run = analyst.get(f"/api/v1/scenario-runs/{started.json()['id']}").json()
    assert run["status"] == RunStatus.DONE, run["error"]
    move = run["plan"]["moves"][0]
    assert move["name"] == "Pegawai Pindah"
    assert uuid.UUID(move["employee"])
    assert uuid.UUID(move["target"]["seat"])
    assert "dipindahkan ke Kasi 0" in move["sentence"]
    assert run["plan"]["chains"] in ([], [[move["employee"]]])
    assert run["figures"]["after"]["vacancies_filled"] == 1
    detail = analyst.get(f"/api/v1/scenarios/{scenario.public_id}").json()
    assert [r["number"] for r in detail["runs"]] == [1]
    assert detail["scope_units"][0]["code"] == "KEC-X"


def test_scenarios_are_read_by_the_approver_but_runs_start_only_for_bkpp(
    scenario: Scenario, client_as: Callable[..., Client]
) -> None:
    ppk = client_as(Role.APPROVER)
    assert ppk.get(f"/api/v1/scenarios/{scenario.public_id}/runs").status_code == 200
    assert ppk.post(f"/api/v1/scenarios/{scenario.public_id}/runs").status_code == 403
    assert client_as(Role.UNIT_HEAD, scenario.scope_units.get()).get("/api/v1/scenarios").status_code == 403
    assert client_as(Role.ANALYST).get(f"/api/v1/scenarios/{uuid.uuid4()}").status_code == 404


def test_needs_per_position_and_per_unit_stay_inside_the_scope(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    camat = client_as(Role.UNIT_HEAD, gov.kecamatan)
    rows = camat.get("/api/v1/needs/positions").json()["results"]
    assert {row["unit"]["code"] for row in rows} <= {"KEC-BNY", "KEL-NGS"}
    assert all({"required", "present", "balance", "status", "source"} <= set(row) for row in rows)
    units = camat.get(f"/api/v1/needs/units?unit={gov.kecamatan.public_id}").json()["results"]
    assert units[0]["unit"]["code"] == "KEC-BNY"
    assert camat.get(f"/api/v1/needs/positions?unit={gov.dinas.public_id}").status_code == 404
