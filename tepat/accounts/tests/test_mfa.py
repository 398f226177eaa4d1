"""Privileged roles need a verified second factor before anything else (R-12, T14)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tepat.core.models import AuditEntry
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa_on(settings) -> None:
    settings.TEPAT_MFA_REQUIRED = True


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("role", [Role.HR_ADMIN, Role.ANALYST, Role.BOARD_MEMBER, Role.APPROVER])
def test_a_privileged_role_with_a_password_only_reaches_nothing(make_user, client: Client, role: str) -> None:
    client.force_login(make_user(role))
    response = client.get(reverse("people:employee_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa_setup"))
    api = client.get("/api/v1/employees", HTTP_ACCEPT="application/json")
    assert api.status_code in (403, 404)


def test_a_unit_head_may_work_without_a_second_factor(make_user, client: Client, gov) -> None:
    client.force_login(make_user(Role.UNIT_HEAD, gov.kecamatan))
    assert client.get(reverse("people:employee_list")).status_code == 200


def test_enrolment_then_verification_opens_the_pages(make_user, client: Client) -> None:
    user = make_user(Role.ANALYST)
    client.force_login(user)
    assert client.get(reverse("accounts:mfa_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:mfa_setup"), {"token": "000000"})
    assert "Kode tidak cocok" in wrong.content.decode()
    throttled = client.post(reverse("accounts:mfa_setup"), {"token": current_code(device)})
    assert "Tunggu beberapa detik" in throttled.content.decode()
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)  # the wait has passed
    done = client.post(reverse("accounts:mfa_setup"), {"token": current_code(device), "next": "/pegawai/"})
    assert done.status_code == 302
    assert done["Location"] == "/pegawai/"
    assert client.get(reverse("people:employee_list")).status_code == 200
    actions = set(AuditEntry.objects.filter(kind=AuditEntry.Kind.SECURITY).values_list("action", flat=True))
    assert {"mfa_failed", "mfa_verified", "mfa_enrolled"} <= actions


def test_a_new_session_must_verify_again(make_user, client: Client) -> None:
    user = make_user(Role.APPROVER)
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="HP")
    client.force_login(user)
    response = client.get(reverse("core:dashboard"))
    assert response["Location"].startswith(reverse("accounts:mfa_verify"))
    client.post(reverse("accounts:mfa_verify"), {"token": current_code(device)})
    assert client.get(reverse("core:dashboard")).status_code == 200


def test_an_open_redirect_through_next_is_refused(make_user, client: Client) -> None:
    user = make_user(Role.APPROVER)
    device = TOTPDevice.objects.create(user=user, confirmed=True, name="HP")
    client.force_login(user)
    response = client.post(
        reverse("accounts:mfa_verify"), {"token": current_code(device), "next": "https://contoh.invalid/"}
    )
    assert response["Location"] == "/"
