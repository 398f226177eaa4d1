"""The token page: list, create (the secret shown once, stored hashed), revoke; an hr_admin revokes anyone's."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from knox.models import AuthToken

from tepat.accounts.models import User
from tepat.api.models import ApiToken
from tepat.api.services import api_token_create
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db
PAGE = "/pertukaran-data/token-api/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_user_creates_a_token_sees_its_secret_once_and_revokes_it(make_user: Callable[..., User]) -> None:
    client = _client(make_user(Role.EMPLOYEE, username="pegawai.token"))
    created = client.post(PAGE, {"name": "aplikasi saya", "days": "30"})
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    secret = created.context["secret"]
    assert secret in created.content.decode()
    assert secret not in client.get(PAGE).content.decode()  # shown once
    assert Client().get("/api/v1/tokens", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    token = ApiToken.objects.get()
    assert client.post(f"{PAGE}{token.public_id}/cabut/").status_code == 302
    assert not AuthToken.objects.exists()
    assert AuditEntry.objects.filter(action="api_token_revoke").count() == 1


def test_bad_input_names_the_field_and_the_auditor_cannot_create(make_user: Callable[..., User]) -> None:
    response = _client(make_user(Role.ANALYST)).post(PAGE, {"name": "x", "days": "999"})
    assert response.status_code == 400
    assert "days" in response.context["form"].errors
    auditor = _client(make_user(Role.AUDITOR))
    assert auditor.get(PAGE).status_code == 200
    assert auditor.post(PAGE, {"name": "x", "days": "1"}).status_code == 403


def test_only_an_hr_admin_sees_and_revokes_other_users_tokens(make_user: Callable[..., User]) -> None:
    token, _ = api_token_create(user=make_user(Role.ANALYST), name="milik analis", days=5)
    other = _client(make_user(Role.APPROVER))
    assert "milik analis" not in other.get(f"{PAGE}?semua=1").content.decode()
    assert other.post(f"{PAGE}{token.public_id}/cabut/").status_code == 404
    admin = _client(make_user(Role.HR_ADMIN))
    assert "milik analis" in admin.get(f"{PAGE}?semua=1").content.decode()
    assert admin.post(f"{PAGE}{token.public_id}/cabut/").status_code == 302
    assert not ApiToken.objects.exists()
