"""Recorded details on the audit pages: a record whose fields are named like dict methods still renders."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from conftest import SmallGovernment
from tepat.core.audit import security_event
from tepat.engine.roles import Role


def test_a_record_with_fields_named_items_and_keys_renders(
    gov: SmallGovernment, client_as: Callable[..., Client], make_user: Callable[..., object]
) -> None:
    # development_plan_create records {"items": n, ...}: `changes.items` in a template is that number.
    security_event(actor=make_user(Role.ANALYST), action="uji_rincian", detail={"items": 3, "keys": "a"})
    response = client_as(Role.AUDITOR).get(reverse("core:audit_trail"))
    assert response.status_code == 200
    html = response.content.decode()
    assert any(f"<summary>{pair}</summary>" in html for pair in ("items, keys", "keys, items"))  # jsonb order
    assert (
        '<dt class="font-monospace fw-normal text-muted">items</dt><dd class="mb-1 text-break">3</dd>' in html
    )
