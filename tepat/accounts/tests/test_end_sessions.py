"""Ending sessions (R-10, T12): hr_admin ends all of a user's sessions; deactivation ends them too; audited;
the user's old cookie then lands on the login page."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.contrib.admin.sites import site
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory
from django.urls import reverse

from tepat.accounts.admin import TepatUserAdmin
from tepat.accounts.models import User
from tepat.accounts.sessions import session_keys_of, user_deactivate
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db


def _signed_in(user: User, times: int = 2) -> list[str]:
    """Session cookies of `times` separate browsers of `user`."""
    cookies = []
    for _ in range(times):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("core:dashboard")).status_code == 200
        cookies.append(client.cookies["sessionid"].value)
    return cookies


def _lands_on_login(cookie: str) -> bool:
    stale = Client()
    stale.cookies["sessionid"] = cookie
    response = stale.get(reverse("core:dashboard"))
    return response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_hr_admin_ends_every_session_of_a_user(
    make_user: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    target, bystander = make_user(Role.ANALYST, username="analis.hilang"), make_user(Role.AUDITOR)
    cookies, kept = _signed_in(target), _signed_in(bystander, 1)
    admin = client_as(Role.HR_ADMIN)
    listing = admin.get(reverse("accounts:session_list"), {"q": "analis.hilang"})
    assert listing.status_code == 200
    assert listing.context["rows"] == [(target, 2)]
    response = admin.post(reverse("accounts:session_end", args=[target.public_id]), {"q": "analis"})
    assert response.status_code == 302
    assert all(_lands_on_login(c) for c in cookies)
    assert not _lands_on_login(kept[0])  # other users keep theirs
    row = AuditEntry.objects.get(action="user_sessions_end")
    assert row.kind == AuditEntry.Kind.SECURITY
    assert row.object_id == str(target.public_id)
    assert row.changes == {"sessions_ended": 2}
    assert row.actor is not None
    assert row.actor.username == "hr_admin-all"


def test_deactivating_a_user_ends_their_sessions(
    make_user: Callable[..., User], client_as: Callable[..., Client]
) -> None:
    target = make_user(Role.ANALYST, username="keluar")
    cookies = _signed_in(target)
    admin = client_as(Role.HR_ADMIN)
    assert admin.post(reverse("accounts:user_deactivate", args=[target.public_id])).status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    assert session_keys_of(target) == []
    assert all(_lands_on_login(c) for c in cookies)
    row = AuditEntry.objects.get(action="user_deactivate")
    assert row.changes == {"is_active": {"old": True, "new": False}, "sessions_ended": 2}


def test_unticking_active_in_the_django_admin_ends_the_sessions(make_user: Callable[..., User]) -> None:
    target, actor = make_user(Role.ANALYST, username="lewat.admin"), make_user(Role.HR_ADMIN)
    _signed_in(target)
    target.is_active = False
    request = RequestFactory().post("/admin/")
    request.user = actor
    TepatUserAdmin(User, site).save_model(request, target, SimpleNamespace(changed_data=["is_active"]), True)
    assert session_keys_of(target) == []
    assert AuditEntry.objects.filter(action="user_deactivate", object_id=str(target.public_id)).exists()


def test_service_counts_only_live_sessions_of_that_user(make_user: Callable[..., User]) -> None:
    target = make_user(Role.ANALYST)
    _signed_in(target, 3)
    _signed_in(make_user(Role.AUDITOR), 2)
    assert user_deactivate(actor=None, user=target) == 3
    assert Session.objects.count() == 2


def test_an_admin_cannot_deactivate_themselves(client_as: Callable[..., Client]) -> None:
    admin = client_as(Role.HR_ADMIN)
    me = User.objects.get(username="hr_admin-all")
    admin.post(reverse("accounts:user_deactivate", args=[me.public_id]))
    me.refresh_from_db()
    assert me.is_active


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.HR_ADMIN, Role.UNIT_HEAD)])
def test_nobody_else_ends_sessions(
    role: Role, client_as: Callable[..., Client], make_user: Callable[..., User]
) -> None:
    target = make_user(Role.ANALYST, username="sasaran")
    cookies = _signed_in(target, 1)
    client = client_as(role)
    assert client.get(reverse("accounts:session_list")).status_code == 403
    assert client.post(reverse("accounts:session_end", args=[target.public_id])).status_code == 403
    assert client.post(reverse("accounts:user_deactivate", args=[target.public_id])).status_code == 403
    assert not _lands_on_login(cookies[0])
    assert not AuditEntry.objects.filter(action__in=["user_sessions_end", "user_deactivate"]).exists()


@pytest.mark.parametrize("users", [3, 30])
def test_session_list_query_count_is_flat(
    users: int,
    client_as: Callable[..., Client],
    make_user: Callable[..., User],
    django_assert_max_num_queries: Any,
) -> None:
    for i in range(users):
        _signed_in(make_user(Role.ANALYST, username=f"pengguna.{i:02d}"), 1)
    admin = client_as(Role.HR_ADMIN)
    with django_assert_max_num_queries(8):
        response = admin.get(reverse("accounts:session_list"))
    assert len(response.context["rows"]) == min(users + 1, 20)
