"""The Banyumanik demo shows the JOURNEYS.md §1 facts on the needs pages (issue 3 "done when")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tepat.accounts.models import User
from tepat.demo import journeys as j
from tepat.demo.accounts import ACTOR_LABEL
from tepat.demo.banyumanik import seed_demo
from tepat.demo.workloads import demo_workloads_ensure
from tepat.engine.needs import BalanceStatus
from tepat.organization.models import Unit
from tepat.planning.needs.fit import staff_fit
from tepat.planning.needs.selectors import PositionNeed, name_leavers, needs_report, projection_report
from tepat.planning.needs.vacancies import horizon_after, vacancy_map_for

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: pytest.FixtureRequest) -> Iterator[tuple[int, int]]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        seed_demo(with_accounts=True)
        yield demo_workloads_ensure(actor_label=ACTOR_LABEL)
        transaction.set_rollback(True)


def analyst() -> User:
    return User.objects.get(username="analis")


def position(code: str) -> PositionNeed:
    report = needs_report(viewer=analyst())
    return next(p for p in report.positions if p.position.code == code)


def test_every_position_gets_a_basis_once(demo: tuple[int, int]) -> None:
    tasks, formasi = demo
    assert tasks > 1000
    assert formasi > 50
    assert demo_workloads_ensure(actor_label=ACTOR_LABEL) == (0, 0)
    assert needs_report(viewer=analyst()).total.positions_without_basis == 0


def test_the_banyumanik_secretariat_has_one_person_too_many(demo: tuple[int, int]) -> None:
    row = position(j.SURPLUS_POSITION)
    assert (row.need.required, row.balance.present, row.balance.status) == (1, 2, BalanceStatus.KELEBIHAN)
    assert len(row.balance.employee_ids) == 2


def test_ngesrep_needs_two_pengadministrasi_umum_and_has_none(demo: tuple[int, int]) -> None:
    row = position(f"{j.NGESREP}.PENGADM-UMUM")
    assert (row.need.required, row.balance.present, row.missing) == (2, 0, 2)


def test_srondol_loses_its_only_sanitarian_next_year(demo: tuple[int, int]) -> None:
    next_year = timezone.localdate().year + 1
    unit = Unit.objects.get(code="PKM-SRONDOL")
    report = projection_report(viewer=analyst(), unit=unit)
    (leaver,) = name_leavers(
        viewer=analyst(), rows=[r for r in report.leavers if r.position.code == j.SANITARIAN_SRONDOL]
    )
    assert leaver.person is not None
    assert (leaver.person.name, leaver.departure.on.year) == ("Slamet Riyadi", next_year)
    priority = next(p for p in report.priorities if p.position.code == j.SANITARIAN_SRONDOL)
    assert priority.priority.first_year == next_year
    vacancies = vacancy_map_for(viewer=analyst(), unit=unit, horizon=horizon_after(timezone.localdate(), 24))
    assert j.SANITARIAN_SRONDOL in {v.position.code for v in vacancies.vacancies if v.reason == "pensiun"}


def test_units_in_surplus_and_in_shortage_exist(demo: tuple[int, int]) -> None:
    report = needs_report(viewer=analyst(), unit=Unit.objects.get(code="KEC-BYM"))
    assert any(row.total.kelebihan for row in report.rows)
    assert any(row.total.kekurangan for row in report.rows)


def test_the_nurse_doing_general_administration_is_a_mismatch(demo: tuple[int, int]) -> None:
    report = staff_fit(viewer=analyst(), unit=Unit.objects.get(code="KEL-BYM-PADANGSARI"))
    nurse = next(s for s in report.staff if s.person and s.person.name == "Dewi Lestari")
    assert nurse.mismatch
    assert nurse.education_label == "Tidak sesuai"


def test_the_camat_sees_banyumanik_only(demo: tuple[int, int], client: Client) -> None:
    client.force_login(User.objects.get(username="camat.banyumanik"))
    response = client.get(reverse("planning:needs_overview"), follow=True)
    text = response.content.decode()
    assert "Kecamatan Banyumanik" in text
    assert "Kelurahan Ngesrep" in text
    assert "Tembalang" not in text
