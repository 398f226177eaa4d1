"""The board's quorum is rule data (`TPK.quorum_minimum`, `TPK.board_size`), read when a session is scheduled."""

from __future__ import annotations

import datetime as dt

import pytest

from tepat.core.models import RuleParameterRow
from tepat.core.scoping import today
from tepat.transfers.services.board import board_session_create
from tepat.transfers.tests.conftest import World

pytestmark = pytest.mark.django_db


def test_the_seeded_quorum_is_two_of_three_with_its_legal_basis(world: World) -> None:
    session = board_session_create(actor=world.cast.admin, number="BA-Q1", held_on=today(), place="BKPP")
    assert (session.quorum_minimum, session.board_size) == (2, 3)
    assert session.quorum_basis == "PP 11/2017 Pasal 191"


def test_an_admin_edited_row_changes_the_quorum_of_later_sessions(world: World) -> None:
    RuleParameterRow.objects.create(
        rule_id="TPK",
        parameter="quorum_minimum",
        value=3,
        unit="orang",
        legal_basis="Keputusan Wali Kota tentang Tim Penilai Kinerja",
        status=RuleParameterRow.Status.PRACTICE,
        effective_from=dt.date(2020, 1, 1),
    )
    session = board_session_create(actor=world.cast.admin, number="BA-Q2", held_on=today(), place="BKPP")
    assert session.quorum_minimum == 3
    assert session.quorum_basis == "Keputusan Wali Kota tentang Tim Penilai Kinerja"
