"""The SIASN write-back file: decided moves with their SK in a period, scoped, audited, formula-safe."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from django.test import Client
from openpyxl import load_workbook

from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.organization.tests.factories import UnitFactory
from tepat.transfers.tests.conftest import World, issue

pytestmark = pytest.mark.django_db
URL = "/pertukaran-data/ekspor/siasn-mutasi/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _decided(world: World) -> tuple[str, str]:
    """One move with an SK (dinas → kelurahan) and one still in draf (kecamatan → dinas)."""
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DISETUJUI)
    decree = issue(world, [move])
    world.propose(world.gov.staff_kecamatan)
    return move.employee.nip, decree.number_text


def test_the_file_lists_moves_with_an_sk_in_siasn_columns(world: World) -> None:
    nip, number = _decided(world)
    response = _client(world.cast.admin).get(f"{URL}?format=xlsx&dari={today().year}-01-01")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:3] == ["NIP", "Nama", "Kode Jabatan Lama"]
    assert {"Kode Unor Baru", "TMT Jabatan", "Nomor SK", "Tanggal SK"} <= set(header)
    assert len(rows) == 2
    record = dict(zip(header, rows[1], strict=True))
    assert record["NIP"] == nip
    assert record["Nomor SK"] == number
    assert record["Kode Unor Baru"] == world.gov.kelurahan.code
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert AuditEntry.objects.filter(action="export", object_type="transfers.move").count() == 1


def test_csv_and_the_scope_of_a_unit_head(world: World, make_user: Callable[..., User]) -> None:
    _decided(world)
    camat = _client(world.cast.camat).get(f"{URL}?format=csv").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(camat)))) == 2  # the move lands in the camat's kelurahan
    kadis = make_user(Role.UNIT_HEAD, world.gov.dinas, username="kadis.wb")
    # the dinas is the origin: the kadis sees it too; a unit with no part in the move sees only the header
    assert len(list(csv.reader(io.StringIO(_client(kadis).get(f"{URL}?format=csv").content.decode())))) == 2
    lone = UnitFactory.create(code="KEC-LAIN", name="Kecamatan Lain", parent=world.gov.root)
    other = _client(make_user(Role.UNIT_HEAD, lone, username="lain.wb")).get(f"{URL}?format=csv")
    assert len(list(csv.reader(io.StringIO(other.content.decode("utf-8-sig"))))) == 1


def test_a_period_outside_the_sk_date_is_empty_and_a_reversed_period_is_refused(world: World) -> None:
    _decided(world)
    admin = _client(world.cast.admin)
    empty = admin.get(f"{URL}?format=csv&dari=2000-01-01&sampai=2000-12-31").content.decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(empty)))) == 1
    refused = admin.get(f"{URL}?dari=2026-12-31&sampai=2026-01-01")
    assert refused.status_code == 302
    assert _client(world.cast.employee_user).get(URL).status_code == 403
