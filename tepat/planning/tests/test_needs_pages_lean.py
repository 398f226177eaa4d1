"""The whole-city needs pages read lean and name only the rows on screen, with the same results."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.engine.roles import Role
from tepat.organization.models import Seat
from tepat.people.models import Employee
from tepat.planning.needs.loading import gc_paused
from tepat.planning.needs.vacancies import horizon_after, name_vacancies, vacancy_map_for
from tepat.planning.tests.test_needs_selectors import ON, post_of, workload

pytestmark = pytest.mark.django_db


def test_unnamed_vacancy_map_names_the_same_rows_later(gov: SmallGovernment, make_user) -> None:
    Employee.objects.filter(pk=gov.staff_kelurahan.pk).update(birth_date=dt.date(1969, 5, 14))  # retires 2027
    viewer = make_user(Role.ANALYST)
    horizon = horizon_after(ON, 24)
    named = vacancy_map_for(viewer=viewer, as_of=ON, horizon=horizon)
    lean = vacancy_map_for(viewer=viewer, as_of=ON, horizon=horizon, named=False)
    assert any(v.occupant_id for v in lean.vacancies)
    assert all(v.occupant is None for v in lean.vacancies)
    assert name_vacancies(viewer=viewer, rows=lean.vacancies) == list(named.vacancies)


def test_vacancy_page_names_the_leaver_it_shows(gov: SmallGovernment, client_as) -> None:
    Employee.objects.filter(pk=gov.staff_kelurahan.pk).update(birth_date=dt.date(1969, 5, 14))
    response = client_as(Role.ANALYST).get(reverse("planning:vacancy_map"), {"horizon": "60"})
    assert response.status_code == 200
    assert gov.staff_kelurahan.name in response.content.decode()


def test_release_candidates_follow_seat_order(gov: SmallGovernment, make_user) -> None:
    post = post_of(gov.staff_kecamatan)
    workload(post, 0.8)  # a need of 1
    for i in range(4):
        seat_employee(post, dt.date(2020, 1, 1), name=f"Lebih {i}")
    for seat in Seat.objects.filter(position=post):  # seat numbers against the order of creation
        Seat.objects.filter(pk=seat.pk).update(number=100 - seat.number)
    report = vacancy_map_for(viewer=make_user(Role.ANALYST), as_of=ON, horizon=ON)
    (release,) = report.releases
    seats = Seat.objects.filter(position=post, occupant__isnull=False).order_by("number")
    assert list(release.candidate_ids) == [str(s.occupant.pk) for s in seats]
    assert release.count == len(seats) - 1


def test_whole_city_reads_pause_the_collector_and_always_resume_it() -> None:
    seen = []

    @gc_paused
    def read(fail: bool) -> int:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("stop")
        return 1

    assert read(False) == 1
    with pytest.raises(ValueError, match="stop"):
        read(True)
    assert seen == [False, False]
    assert gc.isenabled()
