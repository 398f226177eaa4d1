"""Candidate ranking page: tabs with reasons, incomplete data ordering, scoping, stored recommendation, queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.organization.models import PositionCompetency, Seat
from tepat.organization.tests.factories import CompetencyFactory, PositionFactory, SeatFactory
from tepat.people.models import CompetencyAssessment, Employee, PerformanceRecord
from tepat.planning.candidates.ranking import (
    ORDER_COMPLETE_FIRST,
    ORDER_SCORE,
    CandidateFilters,
    candidate_ranking,
)
from tepat.planning.models import CandidateRanking

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 27)


@dataclass
class Setup:
    seat: Seat
    complete: Employee  # full record, good fit
    no_skp: Employee  # perfect competencies but no SKP at all
    recent: Employee  # 14 months in post: R1 fails


def _record(employee: Employee, levels: dict[str, int], skp: tuple[str, ...]) -> None:
    for code, level in levels.items():
        CompetencyAssessment.objects.create(
            employee=employee, competency_id=_competency(code), level=level, assessed_on=dt.date(2025, 6, 1)
        )
    for year, predikat in zip((ON.year - 1, ON.year - 2), skp, strict=False):
        PerformanceRecord.objects.create(employee=employee, year=year, predikat=predikat)


def _competency(code: str) -> int:
    return CompetencyFactory.create(code=code, group="manajerial" if code.startswith("M") else "teknis").pk


@pytest.fixture
def setup(gov: SmallGovernment) -> Setup:
    for code, level in {"M1": 3, "M2": 3, "T1": 2}.items():
        PositionCompetency.objects.create(position=gov.kasi, competency_id=_competency(code), level=level)
    seat = SeatFactory.create(position=gov.kasi, number=9)
    elsewhere = PositionFactory.create(unit=gov.kecamatan, name="Kasi Trantib", kind="pengawas")
    complete = seat_employee(elsewhere, dt.date(2020, 1, 1), name="Rina Lengkap")
    _record(complete, {"M1": 3, "M2": 3, "T1": 1}, ("Baik", "Baik"))
    no_skp = seat_employee(elsewhere, dt.date(2020, 1, 1), name="Gantar Tanpa SKP")
    _record(no_skp, {"M1": 3, "M2": 3, "T1": 2}, ())
    recent = seat_employee(elsewhere, dt.date(2025, 9, 1), name="Dimas Baru")
    _record(recent, {"M1": 3, "M2": 3, "T1": 2}, ("Sangat Baik", "Sangat Baik"))
    return Setup(seat, complete, no_skp, recent)


def _url(seat: Seat, **query: str) -> str:
    params = "&".join(f"{k}={v}" for k, v in query.items())
    return reverse("planning:candidate_ranking", args=[seat.public_id]) + (f"?{params}" if params else "")


def _names(setup: Setup, viewer: User, order: str) -> list[str]:
    ranking = candidate_ranking(
        viewer=viewer,
        seat=setup.seat,
        on=ON,
        filters=CandidateFilters(order=order),
    )
    return [row.employee.name for row in ranking.rows]


def test_complete_records_come_first_and_score_order_is_one_choice_away(
    setup: Setup, make_user: Callable[..., User]
) -> None:
    analyst = make_user("analyst")
    complete_first = _names(setup, analyst, ORDER_COMPLETE_FIRST)
    by_score = _names(setup, analyst, ORDER_SCORE)
    assert complete_first.index("Rina Lengkap") < complete_first.index("Gantar Tanpa SKP")
    assert by_score.index("Gantar Tanpa SKP") < by_score.index("Rina Lengkap")
    assert "Dimas Baru" not in complete_first  # R1 fails: ineligible tab


def test_eligible_tab_flags_missing_data_by_name(setup: Setup, client_as: Callable[..., Client]) -> None:
    body = client_as("unit_head", setup.seat.position.unit.parent).get(_url(setup.seat)).content.decode()
    assert "Rina Lengkap" in body
    assert "Gantar Tanpa SKP" in body
    assert "data belum lengkap" in body
    assert "SKP belum tercatat" in body
    assert "Dimas Baru" not in body


def test_ineligible_tab_names_the_failed_rule_and_its_legal_basis(
    setup: Setup, client_as: Callable[..., Client]
) -> None:
    response = client_as("analyst").get(_url(setup.seat, tab="tidak-layak"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dimas Baru" in body
    assert "bulan di jabatan sekarang" in body
    assert "PP 11/2017 Pasal 190 ayat (3)" in body


def test_a_unit_head_cannot_rank_a_seat_outside_their_subtree(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    seat = SeatFactory.create(position=PositionFactory.create(unit=gov.dinas), number=1)
    response = client_as("unit_head", gov.kecamatan).get(_url(seat))
    assert response.status_code == 404


def test_an_employee_cannot_open_a_candidate_ranking(setup: Setup, client_as: Callable[..., Client]) -> None:
    assert client_as("employee").get(_url(setup.seat)).status_code == 403


def test_candidates_outside_the_unit_heads_scope_show_no_nip_and_no_profile_link(
    gov: SmallGovernment, setup: Setup, client_as: Callable[..., Client]
) -> None:
    outsider = seat_employee(PositionFactory.create(unit=gov.dinas), dt.date(2019, 1, 1), name="Orang Dinas")
    _record(outsider, {"M1": 3, "M2": 3, "T1": 2}, ("Baik", "Baik"))
    body = client_as("unit_head", gov.kecamatan).get(_url(setup.seat)).content.decode()
    assert "Orang Dinas" in body
    assert outsider.nip not in body
    assert outsider.get_absolute_url() not in body
    assert setup.complete.get_absolute_url() in body  # inside the camat's kecamatan


def test_each_view_is_audited_and_the_recommendation_is_stored_once(
    setup: Setup, client_as: Callable[..., Client]
) -> None:
    client = client_as("analyst")
    client.get(_url(setup.seat))
    client.get(_url(setup.seat))
    record = CandidateRanking.objects.get()
    assert len(record.input_hash) == 64
    assert record.rule_versions
    assert all("@" in v for v in record.rule_versions)
    assert record.profile_label.startswith("bawaan")
    assert record.result[0]["employee"] == setup.complete.pk
    views = AuditEntry.objects.filter(action="view_candidate_ranking", kind=AuditEntry.Kind.ACCESS)
    assert views.count() == 2
    assert views.first().changes["input_hash"] == record.input_hash  # type: ignore[union-attr]


def test_a_change_in_the_inputs_stores_a_new_recommendation(
    setup: Setup, client_as: Callable[..., Client]
) -> None:
    client = client_as("analyst")
    client.get(_url(setup.seat))
    PerformanceRecord.objects.create(employee=setup.no_skp, year=ON.year - 1, predikat="Baik")
    client.get(_url(setup.seat))
    assert CandidateRanking.objects.values("input_hash").distinct().count() == 2


def test_filters_narrow_the_pool_by_unit_and_rank(
    gov: SmallGovernment, setup: Setup, client_as: Callable[..., Client]
) -> None:
    client = client_as("analyst")
    body = client.get(_url(setup.seat, unit=str(gov.dinas.pk))).content.decode()
    assert "Rina Lengkap" not in body
    body = client.get(_url(setup.seat, rank="32"), HTTP_HX_REQUEST="true").content.decode()
    assert "Rina Lengkap" not in body  # factory rank is III/a (31)
    assert "<html" not in body  # htmx gets the results fragment only


def test_ranking_page_runs_the_same_number_of_queries_for_20_and_200_employees(
    gov: SmallGovernment, setup: Setup, client_as: Callable[..., Client]
) -> None:
    client = client_as("analyst")
    filler = PositionFactory.create(unit=gov.dinas, name="Staf", kind="pengawas")

    def count(total: int) -> int:
        while Employee.objects.count() < total:
            employee = seat_employee(filler, dt.date(2019, 1, 1))
            _record(employee, {"M1": 2, "T1": 2}, ("Baik",))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(_url(setup.seat)).status_code == 200
        return len(ctx.captured_queries)

    assert count(20) == count(200)
