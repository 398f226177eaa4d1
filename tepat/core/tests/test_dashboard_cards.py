"""The dashboard's "Perlu perhatian" cards: each role starts from its own work, never from a link that 403s."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse

from conftest import SmallGovernment
from tepat.accounts.tests.factories import RoleGrantFactory
from tepat.core.audit import security_event
from tepat.core.dashboard_cards import dashboard_cards
from tepat.core.policy import allowed_roles
from tepat.core.scoping import user_scope
from tepat.engine.roles import Role
from tepat.transfers.models import Move
from tepat.transfers.tests.feedback_factories import applied_moves, notices_for, objections_for

pytestmark = pytest.mark.django_db
TMT = dt.date(2026, 1, 2)


def test_analyst_sees_reviews_objections_and_plans_with_links(
    gov: SmallGovernment, client_as, make_user
) -> None:
    analyst = make_user(Role.ANALYST)
    objections_for(applied_moves(gov.kelurahan, 2, by=analyst, tmt=TMT), by=analyst)
    client = Client()
    client.force_login(analyst)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Keberatan belum dijawab" in html
    assert "Tinjauan pegawai baru jatuh tempo" in html
    assert reverse("evaluation:talent_map") in html
    assert reverse("transfers:objection_list") in html
    assert reverse("development:plan_list") in html
    cards = {card.title: card.figure for card in dashboard_cards(viewer=analyst)}
    assert cards["Keberatan belum dijawab"] == 2


def test_unit_head_counts_only_objections_in_the_subtree(gov: SmallGovernment, make_user) -> None:
    analyst = make_user(Role.ANALYST)
    objections_for(applied_moves(gov.kelurahan, 1, by=analyst, tmt=TMT), by=analyst)
    objections_for(applied_moves(gov.dinas, 3, by=analyst, tmt=TMT), by=analyst)
    lurah = make_user(Role.UNIT_HEAD, gov.kelurahan)
    cards = {card.title: card.figure for card in dashboard_cards(viewer=lurah)}
    assert cards["Keberatan belum dijawab"] == 1


@pytest.mark.parametrize("role", list(Role))
def test_no_card_links_to_a_page_the_role_cannot_open(gov: SmallGovernment, make_user, role) -> None:
    user = make_user(role, gov.kelurahan if role == Role.UNIT_HEAD else None)
    roles = user_scope(user).roles
    for card in dashboard_cards(viewer=user):
        for url in [card.url] + [link for _text, link in card.extra]:
            route = resolve(url.split("?")[0]).view_name
            assert roles & (allowed_roles(route, "GET") or frozenset()), f"{role}: {card.title} → {route}"


def test_employee_home_shows_their_notice_survey_and_jp(gov: SmallGovernment, make_user) -> None:
    analyst = make_user(Role.ANALYST)
    [move] = applied_moves(gov.kelurahan, 1, by=analyst, tmt=TMT)
    employee_user = make_user(Role.EMPLOYEE, username="pegawai-uji")
    move.employee.user = employee_user
    move.employee.save(update_fields=["user"])
    notices_for([move])
    client = Client()
    client.force_login(employee_user)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200  # the home page itself, no longer a redirect to the profile
    html = response.content.decode()
    assert "SK mutasi Anda telah terbit" in html
    assert reverse("transfers:survey_list") in html
    assert reverse("development:my_plan") in html
    assert reverse("people:my_profile") in html


def test_employee_home_runs_a_constant_number_of_queries(gov: SmallGovernment, make_user) -> None:
    analyst = make_user(Role.ANALYST)
    employee_user = make_user(Role.EMPLOYEE, username="pegawai-uji")

    def count() -> int:
        client = Client()
        client.force_login(employee_user)
        client.get(reverse("core:dashboard"))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("core:dashboard")).status_code == 200
        return len(ctx.captured_queries)

    moves = applied_moves(gov.kelurahan, 12, by=analyst, tmt=TMT, status="selesai")  # past moves: many
    employee = moves[0].employee
    employee.user = employee_user
    employee.save(update_fields=["user"])
    Move.objects.filter(pk__in=[m.pk for m in moves]).update(employee=employee)
    moves = list(Move.objects.filter(pk__in=[m.pk for m in moves]).select_related("employee").order_by("pk"))
    notices_for(moves[:2])
    small = count()
    notices_for(moves[2:])
    assert count() == small


def test_a_second_role_grant_keeps_the_staff_dashboard(gov: SmallGovernment, make_user) -> None:
    user = make_user(Role.EMPLOYEE)
    RoleGrantFactory.create(user=user, role=Role.UNIT_HEAD, unit=gov.kelurahan)
    client = Client()
    client.force_login(user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "Pegawai dan formasi per unit" in html


def test_board_member_starts_from_the_sessions_not_from_staff_lists(gov: SmallGovernment, client_as) -> None:
    html = client_as(Role.BOARD_MEMBER).get(reverse("core:dashboard")).content.decode()
    assert "Sidang Tim Penilai terbuka" in html
    assert reverse("transfers:board_list") in html
    assert reverse("people:employee_list") not in html  # a list that would answer 403
    assert "Pegawai dan formasi per unit" not in html


def test_nav_hides_the_scenario_list_from_a_unit_head_who_would_get_403(
    gov: SmallGovernment, client_as
) -> None:
    scenarios = reverse("planning:scenario_list")
    head = client_as(Role.UNIT_HEAD, gov.kecamatan)
    assert head.get(scenarios).status_code == 403
    assert scenarios not in head.get(reverse("core:dashboard")).content.decode()
    assert scenarios in client_as(Role.ANALYST).get(reverse("core:dashboard")).content.decode()


def test_read_only_auditor_is_not_offered_the_token_form(gov: SmallGovernment, client_as) -> None:
    page = reverse("exchange:api_tokens")
    assert "Buat token" not in client_as(Role.AUDITOR).get(page).content.decode()
    assert "Buat token" in client_as(Role.HR_ADMIN).get(page).content.decode()


def test_audit_trail_shows_recorded_details_in_indonesian(gov: SmallGovernment, client_as, make_user) -> None:
    security_event(
        actor=make_user(Role.ANALYST), action="uji_rincian", detail={"full_nik": False, "rows": None}
    )
    html = client_as(Role.AUDITOR).get(reverse("core:audit_trail")).content.decode()
    assert "uji_rincian" in html
    assert "full_nik" in html
    assert "False" not in html.split("<main", 1)[1]  # was the Python repr {'full_nik': False}
    assert ">tidak<" in html


def test_auditor_starts_from_the_audit_trail_and_is_not_asked_to_act(gov: SmallGovernment, make_user) -> None:
    titles = [card.title for card in dashboard_cards(viewer=make_user(Role.AUDITOR))]
    assert titles[0] == "Jejak Audit"
    assert "Usulan menunggu tindakan Anda" not in titles


def test_audit_role_codes_read_as_role_names() -> None:
    from tepat.core.templatetags.audit_tags import audit_value, role_label

    assert role_label("analyst") == "Analis SDM (BKPP)"
    assert role_label("unknown_code") == "unknown_code"
    assert (audit_value(True), audit_value(None), audit_value({"a": 1})) == ("ya", "—", '{"a": 1}')


def test_analyst_sees_the_needs_headline(gov: SmallGovernment, make_user) -> None:
    cards = {card.title: card for card in dashboard_cards(viewer=make_user(Role.ANALYST))}
    needs = cards["Kekurangan pegawai (ANJAB/ABK)"]
    assert needs.url == reverse("planning:needs_overview")
    assert "Kebutuhan" in needs.note
    assert "Desember" in needs.note  # the reference date (31 December) in Indonesian
