"""Deny by default (R-01, R-02): every route is in the policy; anonymous users are sent to login."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tepat.core.models import AuditEntry
from tepat.core.policy import ACCESS_POLICY, DELEGATED, PUBLIC, allowed_roles
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db


def named_routes(patterns: list | None = None, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                yield "admin", entry  # type: ignore[misc]
                continue
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from named_routes(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}", entry


ROUTES = sorted({name for name, _ in named_routes()})


def url_for(name: str) -> str:
    pattern = dict(named_routes())[name]
    kwargs = {key: uuid.uuid4() for key in pattern.pattern.converters}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", ROUTES)
def test_every_route_is_in_the_access_policy(name: str) -> None:
    assert name in ACCESS_POLICY, f"route {name!r} has no entry in ACCESS_POLICY"


def test_the_policy_has_no_stale_entries() -> None:
    assert set(ACCESS_POLICY) <= set(ROUTES)


def test_auditor_may_not_write_anywhere_but_logout() -> None:
    writable = [name for name in ACCESS_POLICY if Role.AUDITOR in (allowed_roles(name, "POST") or set())]
    assert writable == ["accounts:logout"]


PROTECTED = [name for name in ROUTES if ACCESS_POLICY.get(name) not in (PUBLIC, DELEGATED)]


@pytest.mark.parametrize("name", PROTECTED)
def test_anonymous_visitors_are_sent_to_login(name: str, client: Client) -> None:
    response = client.get(url_for(name))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))


def test_public_routes_answer_anonymous_visitors(client: Client) -> None:
    assert client.get(reverse("core:health")).json() == {"status": "ok"}
    assert client.get(reverse("accounts:login")).status_code == 200


def test_a_role_outside_the_matrix_gets_403_and_a_security_event(client_as: Callable[..., Client]) -> None:
    response = client_as(Role.EMPLOYEE).get(reverse("people:employee_list"))
    assert response.status_code == 403
    event = AuditEntry.objects.get(kind=AuditEntry.Kind.SECURITY, action="forbidden")
    assert event.changes["route"] == "people:employee_list"


def test_a_user_without_any_grant_is_refused(client: Client, django_user_model) -> None:
    client.force_login(django_user_model.objects.create_user("tanpa.peran", password="Rahasia-Uji-123"))
    assert client.get(reverse("people:employee_list")).status_code == 403


def test_an_expired_grant_gives_no_access(make_user, client: Client) -> None:
    user = make_user(Role.ANALYST)
    user.grants.update(valid_from="2020-01-01", valid_to="2021-01-01")
    client.force_login(user)
    assert client.get(reverse("people:employee_list")).status_code == 403
