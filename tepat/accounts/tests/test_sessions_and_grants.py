"""Sessions end after an idle hour (R-10); role grants are audited (R-20)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client
from django.urls import reverse

from tepat.accounts.middleware import LAST_SEEN_KEY
from tepat.accounts.services import role_grant_create, role_grant_delete
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db


def test_an_idle_session_is_logged_out(make_user, client: Client, settings) -> None:
    client.force_login(make_user(Role.ANALYST))
    assert client.get(reverse("core:dashboard")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - settings.TEPAT_SESSION_IDLE_SECONDS - 5
    session.save()
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_active_session_stays(make_user, client: Client) -> None:
    client.force_login(make_user(Role.ANALYST))
    for _ in range(3):
        assert client.get(reverse("core:dashboard")).status_code == 200


def test_logout_invalidates_the_old_session_cookie(make_user, client: Client) -> None:
    client.force_login(make_user(Role.ANALYST))
    cookie = client.cookies["sessionid"].value
    client.post(reverse("accounts:logout"))
    stale = Client()
    stale.cookies["sessionid"] = cookie
    assert stale.get(reverse("core:dashboard")).status_code == 302


def test_granting_and_revoking_a_role_is_audited(gov, django_user_model) -> None:
    user = django_user_model.objects.create_user("plt.lurah", password="Rahasia-Uji-123")
    grant = role_grant_create(
        actor=None,
        user=user,
        role=Role.UNIT_HEAD,
        unit=gov.kelurahan,
        valid_from=dt.date(2026, 1, 1),
        valid_to=dt.date(2026, 6, 30),
        basis="Plt. Lurah Ngesrep",
    )
    role_grant_delete(actor=None, grant=grant)
    saved, deleted = AuditEntry.objects.order_by("id").values_list("changes", flat=True)
    assert saved["new"] == {
        "role": "unit_head",
        "unit": "KEL-NGS",
        "valid_from": "2026-01-01",
        "valid_to": "2026-06-30",
    }
    assert deleted["old"]["role"] == "unit_head"


def test_a_unit_head_grant_needs_a_unit(django_user_model) -> None:
    from django.core.exceptions import ValidationError

    user = django_user_model.objects.create_user("tanpa.unit", password="Rahasia-Uji-123")
    with pytest.raises(ValidationError):
        role_grant_create(
            actor=None, user=user, role=Role.UNIT_HEAD, unit=None, valid_from=dt.date(2026, 1, 1)
        )
