"""Object scoping (R-03, D-1): a unit head sees their subtree; outside it, 404 — in lists and detail pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.people.models import Employee

pytestmark = pytest.mark.django_db


def names_in_list(client: Client) -> set[str]:
    response = client.get(reverse("people:employee_list"))
    assert response.status_code == 200
    return {employee.name for employee in response.context["page_obj"]}


def test_camat_sees_the_kecamatan_and_its_kelurahan_but_not_the_dinas(
    gov: SmallGovernment, client_as
) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kecamatan)
    assert names_in_list(client) == {"Ani Kecamatan", "Budi Kelurahan"}
    assert client.get(gov.staff_kelurahan.get_absolute_url()).status_code == 200
    assert client.get(gov.staff_dinas.get_absolute_url()).status_code == 404


def test_lurah_sees_only_the_kelurahan(gov: SmallGovernment, client_as) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kelurahan)
    assert names_in_list(client) == {"Budi Kelurahan"}
    assert client.get(gov.staff_kecamatan.get_absolute_url()).status_code == 404


def test_bkpp_roles_see_the_whole_government(gov: SmallGovernment, client_as) -> None:
    for role in (Role.HR_ADMIN, Role.ANALYST, Role.APPROVER, Role.AUDITOR):
        assert names_in_list(client_as(role)) == {"Ani Kecamatan", "Budi Kelurahan", "Citra Dinkes"}


def test_an_employee_reaches_only_their_own_profile(
    gov: SmallGovernment, make_user: Callable[..., User], client: Client
) -> None:
    user = make_user(Role.EMPLOYEE)
    Employee.objects.filter(pk=gov.staff_kelurahan.pk).update(user=user)
    client.force_login(user)
    own = client.get(reverse("people:my_profile"), follow=True)
    assert own.status_code == 200
    assert own.context["employee"].pk == gov.staff_kelurahan.pk
    assert client.get(gov.staff_kecamatan.get_absolute_url()).status_code == 404


def test_an_out_of_scope_look_up_is_logged_and_leaks_nothing(gov: SmallGovernment, client_as) -> None:
    response = client_as(Role.UNIT_HEAD, gov.kelurahan).get(gov.staff_dinas.get_absolute_url())
    assert response.status_code == 404
    assert gov.staff_dinas.nip not in response.content.decode()
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.SECURITY, action="scope_404").count() == 1


def test_search_by_nip_inside_scope_only(gov: SmallGovernment, client_as) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kecamatan)
    found = client.get(reverse("people:employee_list"), {"q": gov.staff_kelurahan.nip}).context["page_obj"]
    hidden = client.get(reverse("people:employee_list"), {"q": gov.staff_dinas.nip}).context["page_obj"]
    assert [e.pk for e in found] == [gov.staff_kelurahan.pk]
    assert list(hidden) == []


def test_nik_is_masked_except_for_the_hr_admin(gov: SmallGovernment, client_as) -> None:
    nik = gov.staff_kelurahan.nik
    analyst_page = client_as(Role.ANALYST).get(gov.staff_kelurahan.get_absolute_url()).content.decode()
    admin_page = client_as(Role.HR_ADMIN).get(gov.staff_kelurahan.get_absolute_url()).content.decode()
    assert nik not in analyst_page
    assert nik[:4] + "********" + nik[-4:] in analyst_page
    assert nik in admin_page


def test_viewing_a_profile_writes_an_access_row(gov: SmallGovernment, client_as) -> None:
    client_as(Role.ANALYST).get(gov.staff_dinas.get_absolute_url())
    row = AuditEntry.objects.get(kind=AuditEntry.Kind.ACCESS)
    assert row.action == "view_profile"
    assert row.object_id == str(gov.staff_dinas.public_id)
