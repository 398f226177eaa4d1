"""Peta Resistensi: per target unit, scoped (unit heads see their subtree), a sentence per flagged unit,
a constant number of queries whatever the number of units and rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.organization.models import Unit
from tepat.organization.tests.factories import UnitFactory
from tepat.transfers.selectors_feedback import resistance_map
from tepat.transfers.tests.conftest import World
from tepat.transfers.tests.feedback_factories import (
    answered_surveys,
    applied_moves,
    as_user,
    notices_for,
    objections_for,
)

pytestmark = pytest.mark.django_db


def unrest(world: World, unit: Unit) -> None:
    """One objection last period, four this period; five notices; five survey answers with low support."""
    moves = applied_moves(unit, 5, by=world.cast.analyst, tmt=today())
    notices_for(moves, days_ago=10, read=True)
    objections_for(moves[:1], by=world.cast.employee_user, days_ago=45)
    objections_for(moves[1:], by=world.cast.employee_user, days_ago=3)
    survivors = applied_moves(unit, 5, by=world.cast.analyst, tmt=today())
    answered_surveys(survivors, [3, 4, 3, 3, 4])  # support 2, 3, 2, 2, 3 → 2,4


def calm(world: World, unit: Unit) -> None:
    moves = applied_moves(unit, 4, by=world.cast.analyst, tmt=today())
    notices_for(moves, days_ago=10, read=True)


def test_the_unit_with_growing_resistance_is_flagged_with_its_sentence(world: World) -> None:
    unrest(world, world.gov.kelurahan)
    calm(world, world.gov.dinas)
    results, _, _ = resistance_map(viewer=world.cast.analyst, on=today())
    first, second = results
    assert first.unit_name == "Kelurahan Ngesrep"
    assert first.growing
    assert first.flagged
    assert first.sentence == "Keberatan naik dari 1 menjadi 4 dalam 30 hari; skor dukungan atasan 2,4 dari 5."
    assert second.unit_name == "Dinas Kesehatan"
    assert not second.flagged
    page = as_user(world.cast.analyst).get(reverse("transfers:resistance")).content.decode()
    assert page.count('data-testid="flagged-unit"') == 1
    assert "Keberatan naik dari 1 menjadi 4 dalam 30 hari; skor dukungan atasan 2,4 dari 5." in page


def test_unread_notices_after_the_limit_count(world: World) -> None:
    moves = applied_moves(world.gov.dinas, 3, by=world.cast.analyst, tmt=today())
    notices_for(moves[:2], days_ago=8)
    notices_for(moves[2:], days_ago=2)
    [result], _, _ = resistance_map(viewer=world.cast.analyst, on=today())
    assert result.signals.unread_late == 2
    assert "2 pemberitahuan belum dibaca lebih dari 7 hari" in result.sentence


def test_unit_heads_see_their_subtree_and_employees_are_refused(world: World, make_user: Any) -> None:
    unrest(world, world.gov.kelurahan)
    calm(world, world.gov.dinas)
    camat = as_user(world.cast.camat).get(reverse("transfers:resistance")).content.decode()
    assert "Kelurahan Ngesrep" in camat
    assert "Dinas Kesehatan" not in camat
    kadinkes = as_user(make_user(Role.UNIT_HEAD, world.gov.dinas, username="kadinkes.uji"))
    page = kadinkes.get(reverse("transfers:resistance")).content.decode()
    assert "Dinas Kesehatan" in page
    assert "Kelurahan Ngesrep" not in page
    for user in (world.cast.admin, world.cast.ppk, world.cast.auditor):
        assert as_user(user).get(reverse("transfers:resistance")).status_code == 200
    assert as_user(world.cast.employee_user).get(reverse("transfers:resistance")).status_code == 403
    assert as_user(world.cast.members[0]).get(reverse("transfers:resistance")).status_code == 403


@pytest.mark.parametrize("units", [1, 8])
def test_the_map_runs_a_fixed_number_of_queries(
    world: World, units: int, django_assert_num_queries: Any
) -> None:
    for n in range(units):
        unit = UnitFactory.create(name=f"Kelurahan Uji {n}", parent=world.gov.kecamatan)
        unrest(world, unit)
    client = as_user(world.cast.analyst)
    client.get(reverse("transfers:resistance"))  # warm the session
    with django_assert_num_queries(10):
        response = client.get(reverse("transfers:resistance"))
    assert response.content.decode().count('data-testid="flagged-unit"') == units


def test_the_demo_shows_one_unit_with_growing_resistance_and_runs_once(db: None) -> None:
    from tepat.demo.banyumanik import seed_demo
    from tepat.demo.communication import demo_communication_ensure
    from tepat.transfers.models import Objection

    seed_demo(with_accounts=True)
    assert demo_communication_ensure() > 0
    assert demo_communication_ensure() == 0
    statuses = sorted(Objection.objects.values_list("status", flat=True))
    assert statuses == ["diajukan", "diajukan", "diterima", "ditolak"]
    assert Objection.objects.filter(escalated_at__isnull=False).count() == 1
    camat = User.objects.get(username="camat.banyumanik")
    results, _, _ = resistance_map(viewer=camat, on=today())
    growing = [r for r in results if r.growing]
    assert [r.unit_name for r in growing] == ["Kelurahan Padangsari"]
    assert growing[0].sentence.endswith("skor dukungan atasan 2,4 dari 5.")
