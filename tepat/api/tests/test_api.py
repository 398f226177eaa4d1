"""REST API: pagination shape, scope (404), role matrix (403), bearer tokens hashed at rest, error shape."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from knox.models import AuthToken

from conftest import SmallGovernment
from tepat.api.models import ApiToken
from tepat.api.services import api_token_create
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db
JSON = {"accept": "application/json"}


def test_employee_list_is_paginated_as_count_next_previous_results(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    body = client_as(Role.ANALYST).get("/api/v1/employees?page_size=2").json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert len(body["results"]) == 2
    assert body["next"] is not None
    first = body["results"][0]
    assert uuid.UUID(first["id"])
    assert "nik" not in first


def test_nip_filter_finds_one_employee(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    nip = gov.staff_dinas.nip
    body = client_as(Role.HR_ADMIN).get(f"/api/v1/employees?nip={nip}").json()
    assert [row["nip"] for row in body["results"]] == [nip]


def test_unit_head_sees_own_subtree_and_404_outside(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kecamatan)
    names = {row["name"] for row in client.get("/api/v1/employees").json()["results"]}
    assert names == {"Ani Kecamatan", "Budi Kelurahan"}
    response = client.get(f"/api/v1/employees/{gov.staff_dinas.public_id}")
    assert response.status_code == 404
    assert response.json() == {"message": "Data tidak ditemukan.", "field": None, "errors": []}
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.SECURITY, action="scope_404").exists()
    assert client.get(f"/api/v1/employees/{gov.staff_kelurahan.public_id}").status_code == 200


def test_a_role_outside_the_matrix_gets_403_in_the_error_shape(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    response = client_as(Role.EMPLOYEE).get("/api/v1/employees")
    assert response.status_code == 403
    assert set(response.json()) == {"message", "field", "errors"}


def test_nik_is_masked_except_for_hr_admin(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    employee = gov.staff_kelurahan
    url = f"/api/v1/employees/{employee.public_id}"
    masked = client_as(Role.ANALYST).get(url).json()["nik"]
    full = client_as(Role.HR_ADMIN).get(url).json()["nik"]
    assert full == employee.nik
    assert masked == employee.nik_masked
    assert masked != employee.nik
    access = AuditEntry.objects.filter(kind=AuditEntry.Kind.ACCESS, action="view_profile")
    assert sorted(entry.changes["full_nik"] for entry in access) == [False, True]


def test_bad_query_parameter_answers_400_naming_the_field(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    response = client_as(Role.ANALYST).get("/api/v1/employees?nip=12345")
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "nip"
    assert body["errors"][0]["field"] == "nip"


def test_bearer_token_works_and_is_stored_hashed(gov: SmallGovernment, make_user: Callable) -> None:
    user = make_user(Role.ANALYST)
    token, clear = api_token_create(user=user, name="integrasi", days=30)
    stored = AuthToken.objects.get(tepat_info=token)
    assert clear not in (stored.digest, stored.token_key)
    assert len(stored.digest) == 128  # SHA-512 hex digest
    client = Client()
    ok = client.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert ok.status_code == 200
    assert ok.json()["count"] == 4
    bad = client.get("/api/v1/units", HTTP_AUTHORIZATION="Bearer salah", headers=JSON)
    assert bad.status_code == 401
    assert set(bad.json()) == {"message", "field", "errors"}


def test_bearer_token_meets_the_same_role_matrix(gov: SmallGovernment, make_user: Callable) -> None:
    _, clear = api_token_create(user=make_user(Role.EMPLOYEE), name="x", days=1)
    response = Client().get("/api/v1/employees", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert response.status_code == 403


def test_anonymous_api_client_gets_401_json(db: None) -> None:
    response = Client().get("/api/v1/units", headers=JSON)
    assert response.status_code == 401
    assert "message" in response.json()


def test_tokens_are_created_from_a_session_and_revoked_by_the_owner(db: None, make_user: Callable) -> None:
    user = make_user(Role.APPROVER)
    client = Client(enforce_csrf_checks=False)
    client.force_login(user)
    created = client.post("/api/v1/tokens", {"name": "skrip", "days": 7}, content_type="application/json")
    assert created.status_code == 201
    clear = created.json()["token"]
    bearer = Client().post(
        "/api/v1/tokens",
        {"name": "lagi"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {clear}",
    )
    assert bearer.status_code == 403  # a token cannot mint tokens
    listed = client.get("/api/v1/tokens").json()["results"]
    assert [row["name"] for row in listed] == ["skrip"]
    assert "token" not in listed[0]
    assert client.delete(f"/api/v1/tokens/{listed[0]['id']}").status_code == 204
    assert not ApiToken.objects.exists()
    assert (
        Client().get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {clear}", headers=JSON).status_code == 401
    )


def test_session_writes_need_the_csrf_token(db: None, make_user: Callable) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(Role.ANALYST))
    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]


def test_another_users_token_is_404_but_hr_admin_may_revoke_it(db: None, make_user: Callable) -> None:
    token, _ = api_token_create(user=make_user(Role.ANALYST), name="milik analis", days=5)
    other = Client()
    other.force_login(make_user(Role.APPROVER))
    assert other.delete(f"/api/v1/tokens/{token.public_id}").status_code == 404
    admin = Client()
    admin.force_login(make_user(Role.HR_ADMIN))
    assert admin.get("/api/v1/tokens?all=1").json()["count"] == 1
    assert admin.delete(f"/api/v1/tokens/{token.public_id}").status_code == 204


def test_position_detail_shows_seats_and_requirements(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    body = client_as(Role.UNIT_HEAD, gov.kecamatan).get(f"/api/v1/positions/{gov.kasi.public_id}").json()
    assert body["code"] == gov.kasi.code
    assert body["seats"] == [
        {"id": str(gov.kasi.seats.get().public_id), "number": 1, "is_active": True, "occupied": True}
    ]
    assert "required_competencies" in body


def test_openapi_schema_and_docs_for_signed_in_users_only(
    db: None, client: Client, client_as: Callable[..., Client]
) -> None:
    assert client.get(reverse("api:schema")).status_code == 302
    signed_in = client_as(Role.EMPLOYEE)
    schema = signed_in.get(reverse("api:schema"))
    assert schema.status_code == 200
    assert "/api/v1/employees/{id}" in schema.json()["paths"]
    docs = signed_in.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()


def test_an_admin_issues_an_auditor_token_from_the_command_line(
    gov: SmallGovernment, make_user: Callable
) -> None:
    import io

    from django.core.management import call_command

    auditor = make_user(Role.AUDITOR)
    out = io.StringIO()
    call_command("api_token_create", auditor.username, "--name", "pemeriksaan", stdout=out)
    clear = out.getvalue().strip()
    response = Client().get("/api/v1/employees", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert response.json()["count"] == 3
    assert AuditEntry.objects.filter(action="api_token_create").count() == 1
