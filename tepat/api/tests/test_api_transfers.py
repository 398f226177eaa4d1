"""Transfers endpoints: proposals and moves with allowed transitions, a transition through the workflow service
(409 with the reason when illegal), scope (404), roles (403), and SK verification."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers.models import Move
from tepat.transfers.tests.conftest import World, issue

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _move(world: World) -> Move:
    return world.propose(world.gov.staff_dinas).moves.get()


def _act(client: Client, move: Move, action: str, reason: str = "") -> Any:
    body = {"action": action, "reason": reason}
    return client.post(f"/api/v1/moves/{move.public_id}/transitions", body, content_type="application/json")


def test_move_shows_state_and_the_callers_allowed_transitions(world: World) -> None:
    move = _move(world)
    body = _client(world.cast.analyst).get(f"/api/v1/moves/{move.public_id}").json()
    assert body["status"] == "draf"
    assert [a["action"] for a in body["allowed_actions"]] == ["ajukan", "tarik"]
    assert body["employee"]["name"] == world.gov.staff_dinas.full_name
    assert _client(world.cast.ppk).get(f"/api/v1/moves/{move.public_id}").json()["allowed_actions"] == []
    proposal = _client(world.cast.analyst).get(f"/api/v1/proposals/{move.proposal.public_id}").json()
    assert [m["id"] for m in proposal["moves"]] == [str(move.public_id)]


def test_a_transition_goes_through_the_workflow_and_lands_in_the_timeline(world: World) -> None:
    move = _move(world)
    response = _act(_client(world.cast.analyst), move, "ajukan")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == State.DIAJUKAN
    assert [(s["action"], s["from_state"], s["to_state"]) for s in body["steps"]] == [
        ("ajukan", "draf", "diajukan")
    ]
    assert AuditEntry.objects.filter(action="move_ajukan").count() == 1


def test_an_illegal_transition_answers_409_with_the_reason_and_changes_nothing(world: World) -> None:
    move = _move(world)
    response = _act(_client(world.cast.admin), move, "verifikasi")
    assert response.status_code == 409
    body = response.json()
    assert set(body) == {"message", "field", "errors"}
    assert body["message"] == 'Tindakan "Verifikasi" tidak dapat dilakukan pada status "Draf".'
    no_minutes = _act(_client(world.cast.ppk), move, "setujui", "Sesuai kebutuhan").json()["message"]
    assert no_minutes.startswith("Keputusan memerlukan pertimbangan Tim Penilai Kinerja")
    move.refresh_from_db()
    assert move.status == State.DRAF
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.SECURITY, action="transition_refused").exists()
    board_only = _act(_client(world.cast.admin), move, "terbitkan_sk")
    assert board_only.status_code == 409
    assert "tidak dilakukan lewat API" in board_only.json()["message"]


def test_transition_input_is_checked_and_roles_outside_the_matrix_get_403(world: World) -> None:
    move = _move(world)
    unknown = _act(_client(world.cast.analyst), move, "lompat")
    assert unknown.status_code == 400
    assert unknown.json()["field"] == "action"
    assert _act(_client(world.cast.auditor), move, "ajukan").status_code == 403
    assert _act(_client(world.cast.employee_user), move, "ajukan").status_code == 403


def test_moves_outside_a_unit_heads_subtree_are_404(world: World, make_user: Callable[..., User]) -> None:
    move = _move(world)  # staff of the dinas to a seat in the kelurahan: the camat sees it (target)
    camat = _client(world.cast.camat)
    assert camat.get(f"/api/v1/moves/{move.public_id}").status_code == 200
    kadis = _client(make_user(Role.UNIT_HEAD, world.gov.root.children.get(code="DINKES"), username="kadis"))
    other = world.propose(world.gov.staff_kecamatan).moves.get()
    assert camat.get(f"/api/v1/moves/{other.public_id}").status_code == 200
    assert kadis.get(f"/api/v1/moves/{other.public_id}").status_code == 404
    assert _act(kadis, other, "ajukan").status_code == 404
    assert [row["id"] for row in kadis.get("/api/v1/moves").json()["results"]] == [str(move.public_id)]


def test_decree_codes_are_verified_for_any_signed_in_caller(world: World) -> None:
    move = world.to_state(_move(world), State.DISETUJUI)
    decree = issue(world, [move])
    client = _client(world.cast.employee_user)
    genuine = client.get(f"/api/v1/decrees/verify?code={decree.verification_code.lower()}").json()
    assert genuine == {
        "genuine": True,
        "number": decree.number_text,
        "issued_on": decree.issued_on.isoformat(),
    }
    assert client.get("/api/v1/decrees/verify?code=TIDAKADA").json()["genuine"] is False
    assert client.get("/api/v1/decrees/verify").json()["field"] == "code"
