"""The demo rotation round and the scenario pages: figures, pinned queries, lock/rerun/compare, export, roles."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tepat.accounts.models import User
from tepat.demo.banyumanik import seed_demo
from tepat.demo.scenarios import DEMO_SCENARIO
from tepat.organization.models import Unit
from tepat.people.models import Employee, EmployeePreference
from tepat.planning.models import RunStatus, Scenario, ScenarioPair, ScenarioRun
from tepat.planning.needs.selectors import needs_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_run(settings) -> ScenarioRun:
    settings.TEPAT_DEMO = True
    seed_demo(with_accounts=True)
    return ScenarioRun.objects.select_related("scenario").get(scenario__name=DEMO_SCENARIO)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def _units(run: ScenarioRun, chain: list[int]) -> set[str]:
    moves = [m for m in run.plan["moves"] if m["employee"] in chain]
    return {m["from"]["unit"] for m in moves} | {m["to"]["unit"] for m in moves}


def test_the_demo_round_fills_vacancies_through_chains_and_beats_one_by_one(demo_run: ScenarioRun) -> None:
    run = demo_run
    assert run.status == RunStatus.DONE, run.error
    assert run.moves is not None
    assert run.objective is not None
    assert run.greedy_objective is not None
    assert 0 < run.moves <= 25
    assert run.optimal is True
    assert any(len(_units(run, chain)) >= 2 for chain in run.plan["chains"])
    assert run.figures["after"]["vacancies_filled"] >= 1
    assert run.figures["after"]["total_fit"] > run.figures["greedy"]["total_fit"]
    assert run.figures["after"]["total_fit"] > run.figures["before"]["total_fit"]
    assert run.objective >= run.greedy_objective
    outgoing: dict[str, int] = {}
    for move in run.plan["moves"]:
        if move["from"]["unit"] != move["to"]["unit"]:
            outgoing[move["from"]["unit"]] = outgoing.get(move["from"]["unit"], 0) + 1
    assert max(outgoing.values()) <= 2
    assert (
        run.figures["preferences"]["stated"]
        == EmployeePreference.objects.values("employee").distinct().count()
    )
    assert run.figures["preferences"]["hardship_not_honoured"]


def test_the_plan_page_reads_a_fixed_number_of_queries(
    demo_run: ScenarioRun, django_assert_max_num_queries
) -> None:
    client = _client("analis")
    url = reverse("planning:scenario_run", kwargs={"public_id": demo_run.public_id})
    client.get(url)  # warm the session and scope caches
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert demo_run.plan["moves"][0]["sentence"] in text
    assert "Pemeriksaan keadilan" in text
    assert "Satu per satu" in text


def test_lock_rerun_and_compare_two_versions(demo_run: ScenarioRun) -> None:
    client = _client("analis")
    scenario = demo_run.scenario
    move = demo_run.plan["moves"][0]
    pair_url = reverse("planning:scenario_pair", kwargs={"public_id": scenario.public_id})
    other = demo_run.plan["moves"][1]
    client.post(
        pair_url,
        {"employee": move["employee_public_id"], "seat": move["to"]["seat_public_id"], "kind": "kunci"},
    )
    client.post(
        pair_url,
        {"employee": other["employee_public_id"], "seat": other["to"]["seat_public_id"], "kind": "larang"},
    )
    assert ScenarioPair.objects.filter(scenario=scenario).count() == 2
    response = client.post(reverse("planning:scenario_run_start", kwargs={"public_id": scenario.public_id}))
    second = ScenarioRun.objects.get(scenario=scenario, number=2)
    assert response["Location"] == second.get_absolute_url()
    assert second.status == RunStatus.DONE
    keys = {(m["employee"], m["to"]["seat"]) for m in second.plan["moves"]}
    assert (move["employee"], move["to"]["seat"]) in keys
    assert (other["employee"], other["to"]["seat"]) not in keys
    url = reverse("planning:scenario_compare", kwargs={"public_id": scenario.public_id})
    page = client.get(url, {"a": str(demo_run.public_id), "b": str(second.public_id)})
    assert page.status_code == 200
    assert "Pasangan dikunci/dilarang" in page.content.decode()
    assert other["name"] in page.content.decode()


def test_the_progress_poll_asks_the_page_to_reload_when_done(demo_run: ScenarioRun) -> None:
    response = _client("analis").get(
        reverse("planning:scenario_run_progress", kwargs={"public_id": demo_run.public_id})
    )
    assert response.status_code == 200
    assert response["HX-Refresh"] == "true"


def test_the_excel_export_holds_every_move_and_no_formula(demo_run: ScenarioRun) -> None:
    response = _client("analis").get(
        reverse("planning:scenario_run_export", kwargs={"public_id": demo_run.public_id})
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content))["Mutasi"]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == demo_run.moves
    assert all(not str(cell).startswith("=") for row in rows for cell in row if cell is not None)


def test_roles_outside_bkpp_cannot_plan(demo_run: ScenarioRun) -> None:
    camat = _client("camat.banyumanik")
    assert camat.get(reverse("planning:scenario_list")).status_code == 403
    auditor = _client("auditor")
    assert auditor.get(demo_run.get_absolute_url()).status_code == 200
    start = reverse("planning:scenario_run_start", kwargs={"public_id": demo_run.scenario.public_id})
    assert auditor.post(start).status_code == 403
    assert ScenarioRun.objects.filter(scenario=demo_run.scenario).count() == 1


def test_the_analyst_creates_a_scenario_and_bad_input_names_the_field(demo_run: ScenarioRun) -> None:
    client = _client("analis")
    url = reverse("planning:scenario_create")
    bad = client.post(url, {"name": "Tanpa cakupan", "on": "2027-01-02", "w_competency": 1, "stay_bonus": 0,
                            "rotation_bonus": 0, "vacancy_penalty": 0, "priority_vacancy_penalty": 0,
                            "w_education": 0, "w_experience": 0, "w_performance": 0, "w_preference": 0})  # fmt: skip
    assert bad.status_code == 400
    assert "scope_units" in bad.context["form"].errors
    assert not Scenario.objects.filter(name="Tanpa cakupan").exists()


def test_an_employee_states_preferences_on_their_own_page(demo_run: ScenarioRun) -> None:
    client = _client("pegawai.demo")
    url = reverse("planning:my_preferences")
    assert client.get(url).status_code == 200
    unit = demo_run.scenario.scope_units.first()
    assert unit is not None
    missing_reason = client.post(url, {"unit_1": unit.pk})
    assert missing_reason.status_code == 400
    assert "reason_1" in missing_reason.context["form"].errors
    response = client.post(
        url, {"unit_1": unit.pk, "reason_1": "ikut_pasangan", "note_1": "suami bertugas di sini"}
    )
    assert response.status_code == 302
    employee = Employee.objects.get(user__username="pegawai.demo")
    assert list(employee.preferences.values_list("unit_id", "reason")) == [(unit.pk, "ikut_pasangan")]
    assert _client("analis").get(url).status_code == 403


def test_the_demo_round_takes_its_seats_from_the_vacancy_map(demo_run: ScenarioRun) -> None:
    assert demo_run.scenario.seat_source == "peta_lowongan"
    leaving = [m for m in demo_run.plan["moves"] if m["to"]["seat"] is None]
    assert not leaving
    assert demo_run.figures["before"]["vacancies"] >= 16  # empty now, plus seats freed within 12 months


def test_chosen_moves_become_one_batch_proposal_in_draft(demo_run: ScenarioRun) -> None:
    from tepat.transfers.models import Proposal

    chosen = demo_run.plan["moves"][:2]
    url = reverse("planning:scenario_run_send", kwargs={"public_id": demo_run.public_id})
    response = _client("analis").post(url, {"move": [f"{m['employee']}:{m['to']['seat']}" for m in chosen]})
    assert response.status_code == 302
    proposal = Proposal.objects.get(source_ref=str(demo_run.public_id))
    assert proposal.source == Proposal.Source.SCENARIO
    assert sorted(proposal.moves.values_list("employee_id", flat=True)) == sorted(
        m["employee"] for m in chosen
    )
    seats = dict(Employee.objects.filter(pk__in=[m["employee"] for m in chosen]).values_list("pk", "seat_id"))
    assert all(seats[m["employee"]] == m["from"]["seat"] for m in chosen)  # a proposal, not a transfer
    forged = _client("analis").post(url, {"move": ["1:2"]})
    assert forged.status_code == 302
    assert Proposal.objects.filter(source_ref=str(demo_run.public_id)).count() == 1


def test_unit_staffing_stands_against_the_kebutuhan_of_the_needs_analysis(demo_run: ScenarioRun) -> None:
    rows = demo_run.figures["units"]
    assert rows
    assert all({"kebutuhan", "short_before", "short_after", "without_basis"} <= set(r) for r in rows)
    analyst = User.objects.get(username="analis")
    for row in rows:
        unit = Unit.objects.get(name=row["unit"])
        own = [p for p in needs_report(viewer=analyst, unit=unit).positions if p.unit.pk == unit.pk]
        with_basis = [p.need.required for p in own if p.need.required is not None]
        assert row["kebutuhan"] == (sum(with_basis) if with_basis or not own else None)
        expected = 0 if row["kebutuhan"] is None else max(row["kebutuhan"] - row["after"], 0)
        assert row["short_after"] == expected
    body = _client("analis").get(reverse("planning:scenario_run", kwargs={"public_id": demo_run.public_id}))
    text = body.content.decode()
    assert '<th class="text-end">Kebutuhan</th>' in text
    assert text.count('data-testid="unit-kebutuhan"') == len(rows)
