"""R8 (ABK) from the database: kebutuhan from the needs analysis, bezetting of PNS and PPPK today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.engine.rules import AbkStatus, Outcome, Severity
from tepat.organization.models import ManualRequirement, Position
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.models import Employee
from tepat.planning.inputs import candidate_facts_many, eligibility_for
from tepat.planning.needs.abk import AbkLookup
from tepat.planning.tests.test_needs_selectors import workload

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 27)


def post_of(employee: Employee) -> Position:
    assert employee.seat is not None
    return employee.seat.position


def test_a_move_that_leaves_the_origin_short_warns_and_a_target_with_formasi_passes(
    gov: SmallGovernment,
) -> None:
    workload(post_of(gov.staff_dinas), 0.6)  # kebutuhan 1, Citra is the only holder
    ManualRequirement.objects.create(position=gov.kasi, required=2, reason="Perwal SOTK")  # Budi holds one
    eligibility = eligibility_for(employee=gov.staff_dinas, seat=SeatFactory.create(position=gov.kasi), on=ON)
    origin, target = eligibility.result("R8.asal"), eligibility.result("R8.formasi")
    assert (origin.outcome, origin.severity) == (Outcome.FAIL, Severity.SOFT)
    assert origin.message == "jabatan asal akan terisi 0 dari kebutuhan 1"
    assert target.outcome is Outcome.PASS
    assert "sudah terisi 1 dari kebutuhan 2: masih ada formasi" in target.message
    assert eligibility.eligible  # R8 is soft: a warning, never a block


def test_a_surplus_origin_passes_and_a_full_target_has_no_formasi(gov: SmallGovernment) -> None:
    origin_post = post_of(gov.staff_dinas)
    workload(origin_post, 0.4)  # kebutuhan 1 (ceiling per position)
    seat_employee(origin_post, dt.date(2019, 1, 1), name="Dedi Dinkes", status="PPPK")  # bezetting 2
    workload(gov.kasi, 1.0)  # kebutuhan 1, Budi holds it
    eligibility = eligibility_for(employee=gov.staff_dinas, seat=SeatFactory.create(position=gov.kasi), on=ON)
    assert eligibility.result("R8.asal").outcome is Outcome.PASS
    assert eligibility.result("R8.asal").message == "jabatan asal tetap terisi 1 dari kebutuhan 1"
    target = eligibility.result("R8.formasi")
    assert target.outcome is Outcome.FAIL
    assert target.message.endswith("sudah terisi 1 dari kebutuhan 1: tidak ada formasi")


def test_positions_without_workload_or_formasi_stay_incomplete(gov: SmallGovernment) -> None:
    eligibility = eligibility_for(employee=gov.staff_dinas, seat=SeatFactory.create(position=gov.kasi), on=ON)
    assert eligibility.result("R8.asal").outcome is Outcome.MISSING
    assert eligibility.result("R8.formasi").outcome is Outcome.MISSING


def test_bezetting_counts_pns_and_pppk_holding_a_seat_not_cpns_or_empty_seats(gov: SmallGovernment) -> None:
    ManualRequirement.objects.create(position=gov.kasi, required=3, reason="formasi")
    seat_employee(gov.kasi, dt.date(2022, 1, 1), name="Calon", status="CPNS")
    seat_employee(gov.kasi, dt.date(2022, 1, 1), name="Kontrak", status="PPPK")
    SeatFactory.create(position=gov.kasi, number=20)  # empty
    assert AbkLookup(on=ON).status(gov.kasi.pk) == AbkStatus(kebutuhan=3, bezetting=2)


def test_the_rounding_rule_of_the_needs_analysis_is_used(gov: SmallGovernment) -> None:
    workload(gov.kasi, 1.5, tasks=3)
    lookup = AbkLookup(on=ON)
    assert lookup.status(gov.kasi.pk) == AbkStatus(kebutuhan=2, bezetting=1)
    assert lookup.needs([gov.kasi.pk])[gov.kasi.pk].source == "abk"


def test_origin_facts_for_many_candidates_take_a_constant_number_of_queries(gov: SmallGovernment) -> None:
    def count(people: int) -> int:
        ids = []
        for i in range(people):
            post = PositionFactory.create(unit=gov.dinas if i % 2 else gov.kelurahan)
            workload(post, 0.5 + i % 3)
            ids.append(seat_employee(post, dt.date(2019, 1, 1), name=f"Orang {i}").pk)
        with CaptureQueriesContext(connection) as ctx:
            facts = candidate_facts_many(ids, ON)
        assert all(f.origin_abk is not None for f in facts.values())
        return len(ctx.captured_queries)

    assert count(3) == count(30)


def test_a_shared_lookup_computes_each_position_once(gov: SmallGovernment) -> None:
    workload(post_of(gov.staff_dinas), 1)
    lookup = AbkLookup(on=ON)
    candidate_facts_many([gov.staff_dinas.pk], ON, abk=lookup)
    with CaptureQueriesContext(connection) as ctx:
        again = candidate_facts_many([gov.staff_dinas.pk], ON, abk=lookup)
    assert again[gov.staff_dinas.pk].origin_abk == AbkStatus(kebutuhan=1, bezetting=1)
    assert not any("workloadtask" in q["sql"] for q in ctx.captured_queries)


def test_the_candidate_page_shows_r8_sentences_instead_of_missing_data(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    workload(post_of(gov.staff_kecamatan), 0.5)  # Ani is the only holder of a post that needs one
    workload(gov.kasi, 3)  # needs 3, Budi holds one
    seat = SeatFactory.create(position=gov.kasi, number=7)
    client = client_as("analyst")
    url = reverse("planning:candidate_ranking", args=[seat.public_id])
    body = client.get(url).content.decode() + client.get(url + "?tab=tidak-layak").content.decode()
    assert "jabatan asal akan terisi 0 dari kebutuhan 1" in body
    assert "sudah terisi 1 dari kebutuhan 3: masih ada formasi" in body
    assert "jabatan ini membutuhkan 3 pegawai, kini terisi 1 PNS/PPPK" in body


def test_a_seat_without_workload_says_r8_lacks_data(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    seat = SeatFactory.create(position=gov.kasi, number=7)
    body = client_as("analyst").get(reverse("planning:candidate_ranking", args=[seat.public_id])).content
    assert "belum memiliki beban kerja maupun formasi manual" in body.decode()
