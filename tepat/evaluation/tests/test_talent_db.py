"""Talent map from the database: boxes from the latest assessment (JPM against the own position's standard) and
the latest SKP, cut-offs from rule rows, the unit head's subtree only, the box list (paginated, flat query count),
the Excel export (audited) and the routes' roles."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import SmallGovernment, seat_employee
from tepat.accounts.models import User
from tepat.core.models import AuditEntry, RuleParameterRow
from tepat.engine.roles import Role
from tepat.evaluation.selectors.talent import talent_map
from tepat.organization.models import Competency, PositionCompetency
from tepat.organization.tests.factories import CompetencyFactory, PositionFactory
from tepat.people.models import CompetencyAssessment, Employee, PerformanceRecord

pytestmark = pytest.mark.django_db


def _standard(position: Any, competencies: list[Competency], level: int = 4) -> None:
    PositionCompetency.objects.bulk_create(
        PositionCompetency(position=position, competency=c, level=level) for c in competencies
    )


def _assess(employee: Employee, competencies: list[Competency], level: float, on: dt.date) -> None:
    CompetencyAssessment.objects.bulk_create(
        CompetencyAssessment(employee=employee, competency=c, level=level, assessed_on=on)
        for c in competencies
    )


@pytest.fixture
def mapped(gov: SmallGovernment) -> list[Competency]:
    """Kelurahan kasi: JPM 100 then SKP Sangat Baik → box 9 (an older, lower assessment is superseded);
    kecamatan staff: JPM 75, SKP Baik → box 2; dinas staff: no assessment → unplaced."""
    competencies = [CompetencyFactory.create() for _ in range(2)]
    for employee in (gov.staff_kelurahan, gov.staff_kecamatan, gov.staff_dinas):
        _standard(employee.seat.position, competencies)  # type: ignore[union-attr]
    _assess(gov.staff_kelurahan, competencies, 2.0, dt.date(2022, 1, 1))
    _assess(gov.staff_kelurahan, competencies, 4.0, dt.date(2025, 1, 1))
    _assess(gov.staff_kecamatan, competencies, 3.0, dt.date(2025, 1, 1))
    PerformanceRecord.objects.create(employee=gov.staff_kelurahan, year=2024, predikat="Baik")
    PerformanceRecord.objects.create(employee=gov.staff_kelurahan, year=2025, predikat="Sangat Baik")
    PerformanceRecord.objects.create(employee=gov.staff_kecamatan, year=2025, predikat="Baik")
    PerformanceRecord.objects.create(employee=gov.staff_dinas, year=2025, predikat="Baik")
    return competencies


def _counts(viewer: User) -> dict[int, int]:
    tm = talent_map(viewer=viewer)
    counts = {cell.info.number: cell.count for row in tm.grid for cell in row}
    counts.update({code: count for code, _, count in tm.unplaced})
    return {box: n for box, n in counts.items() if n}


def test_boxes_from_latest_assessment_and_skp(
    mapped: list[Competency], make_user: Callable[..., User]
) -> None:
    assert _counts(make_user(Role.ANALYST)) == {9: 1, 2: 1, -1: 1}


def test_an_admin_cut_off_version_moves_people(
    mapped: list[Competency], make_user: Callable[..., User]
) -> None:
    RuleParameterRow.objects.create(
        rule_id="TALENT", parameter="potential_middle_min", value=70, unit="persen JPM", legal_basis="uji",
        status="P", effective_from=dt.date(2020, 1, 1),
    )  # fmt: skip
    assert _counts(make_user(Role.ANALYST)) == {9: 1, 5: 1, -1: 1}


def test_a_unit_head_sees_the_subtree_only(
    gov: SmallGovernment, mapped: list[Competency], make_user: Callable[..., User]
) -> None:
    assert _counts(make_user(Role.UNIT_HEAD, gov.kelurahan)) == {9: 1}
    assert _counts(make_user(Role.UNIT_HEAD, gov.kecamatan)) == {9: 1, 2: 1}
    client = Client()
    client.force_login(make_user(Role.UNIT_HEAD, gov.kelurahan, username="lurah.talenta"))
    assert client.get(reverse("evaluation:talent_map") + f"?unit={gov.dinas.public_id}").status_code == 404
    page = client.get(reverse("evaluation:talent_list") + "?kotak=2").content.decode()
    assert gov.staff_kecamatan.name not in page


def test_grid_page_shows_counts_recommendations_and_cut_offs(
    mapped: list[Competency], client_as: Callable[..., Client]
) -> None:
    page = client_as(Role.ANALYST).get(reverse("evaluation:talent_map")).content.decode()
    assert 'data-testid="box-9"' in page
    assert "Masuk Kelompok Rencana Suksesi Instansi/Nasional" in page
    assert "Potensial tinggi: JPM ≥ 90 %" in page
    assert "Potensial belum diukur (belum ada asesmen kompetensi): 1" in page


def test_box_list_is_paginated_with_a_flat_query_count(
    gov: SmallGovernment, mapped: list[Competency], client_as: Callable[..., Client],
    django_assert_max_num_queries: Any,
) -> None:  # fmt: skip
    client = client_as(Role.ANALYST)
    url = reverse("evaluation:talent_list") + "?kotak=9"
    client.get(url)

    def add(count: int) -> None:
        position = PositionFactory.create(unit=gov.kelurahan)
        _standard(position, mapped)
        for _ in range(count):
            employee = seat_employee(position, dt.date(2020, 1, 1))
            _assess(employee, mapped, 5.0, dt.date(2025, 1, 1))
            PerformanceRecord.objects.create(employee=employee, year=2025, predikat="Sangat Baik")

    grid = reverse("evaluation:talent_map")
    add(3)
    # 20 + the 4 statements per version read that fire a transaction's own pending writes on PostgreSQL
    with django_assert_max_num_queries(28) as few:
        response = client.get(url)
    with django_assert_max_num_queries(28) as few_grid:
        client.get(grid)
    assert response.content.count(b"<tr>") == 1 + 4
    few_list, few_map = len(few.captured_queries), len(few_grid.captured_queries)
    add(60)  # the list computes the new version's placements (as above), the map reads them kept
    with django_assert_max_num_queries(few_list):
        response = client.get(url)
    with django_assert_max_num_queries(few_map):
        assert b"66 pegawai dalam cakupan" in client.get(grid).content
    assert response.content.count(b"<tr>") == 1 + 50  # one page of 50
    assert "Halaman 1 dari 2" in response.content.decode()


def test_unknown_box_is_404(client_as: Callable[..., Client], gov: SmallGovernment) -> None:
    client = client_as(Role.ANALYST)
    assert client.get(reverse("evaluation:talent_list") + "?kotak=0").status_code == 404
    assert client.get(reverse("evaluation:talent_list") + "?kotak=x").status_code == 404


def test_export_is_an_audited_workbook(
    gov: SmallGovernment, mapped: list[Competency], client_as: Callable[..., Client]
) -> None:
    response = client_as(Role.UNIT_HEAD, gov.kecamatan).get(reverse("evaluation:talent_export"))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "NIP",
        "Nama",
        "Unit kerja",
        "Jabatan",
        "JPM (%)",
        "Predikat SKP terakhir",
        "Kotak",
    )
    by_name = {row[1]: row for row in rows[1:]}
    assert set(by_name) == {gov.staff_kecamatan.name, gov.staff_kelurahan.name}
    assert by_name[gov.staff_kelurahan.name][4:7] == (100, "Sangat Baik", 9)
    assert by_name[gov.staff_kelurahan.name][0] == gov.staff_kelurahan.nip  # text, not a number
    assert AuditEntry.objects.filter(action="export", object_type="evaluation.talent_map").count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [(Role.EMPLOYEE, 403), (Role.BOARD_MEMBER, 403), (Role.AUDITOR, 200)]
)
def test_roles_on_the_talent_routes(
    gov: SmallGovernment, client_as: Callable[..., Client], role: str, status: int
) -> None:
    client = client_as(role)
    for name in ("evaluation:talent_map", "evaluation:review_list"):
        assert client.get(reverse(name)).status_code == status
