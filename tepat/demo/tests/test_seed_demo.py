from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db.models import Count, F, Q
from django.utils import timezone

from tepat.accounts.models import RoleGrant, User
from tepat.demo import journeys as j
from tepat.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from tepat.demo.banyumanik import DemoReport, seed_demo
from tepat.demo.dates import add_months
from tepat.demo.opds import BANYUMANIK
from tepat.engine.identity import check_nik, check_nip
from tepat.organization.models import Position, Seat, Unit
from tepat.people.models import Employee, FamilyRelation, PositionHistory

pytestmark = pytest.mark.django_db


def _occupant(code: str, number: int = 1) -> Employee:
    return Employee.objects.get(seat__position__code=code, seat__number=number)


def _is_vacant(code: str, number: int = 1) -> bool:
    return not Employee.objects.filter(seat__position__code=code, seat__number=number).exists()


def _username(code: str) -> str:
    user = _occupant(code).user
    assert user is not None
    return user.username


def test_demo_has_banyumanik_with_its_eleven_real_kelurahan(demo: DemoReport) -> None:
    kecamatan = Unit.objects.get(code="KEC-BYM")
    kelurahan = Unit.objects.filter(parent=kecamatan, kind="kelurahan").values_list("name", flat=True)
    assert sorted(kelurahan) == sorted(f"Kelurahan {name}" for name in BANYUMANIK)
    assert kecamatan.parent is not None
    assert kecamatan.parent.name == "Pemerintah Kota Semarang"
    for code in (
        "DINKES",
        "DISDIK",
        "BKPP",
        "SETDA-UMUM",
        "DISDUKCAPIL",
        "SATPOLPP",
        "PKM-SRONDOL",
        "KEC-TBL",
    ):
        assert Unit.objects.filter(code=code).exists(), code


def test_demo_has_about_six_hundred_employees_and_some_vacancies(demo: DemoReport) -> None:
    assert demo.result is not None
    assert 550 <= Employee.objects.count() <= 700
    assert Seat.objects.filter(occupant__isnull=True).count() >= 10
    assert Employee.objects.filter(status="PPPK").exists()


def test_unit_paths_follow_the_tree(demo: DemoReport) -> None:
    for unit in Unit.objects.select_related("parent"):
        if unit.parent is None:
            assert unit.depth == 0
        else:
            assert unit.path.startswith(unit.parent.path)
            assert unit.depth == unit.parent.depth + 1


def test_nip_and_nik_agree_with_birth_date_tmt_and_gender(demo: DemoReport) -> None:
    for e in Employee.objects.all():
        tmt = e.tmt_cpns if e.status == "PNS" else None
        assert check_nip(e.nip, birth_date=e.birth_date, gender=e.gender, tmt_cpns=tmt) == [], e.nip
        assert check_nik(e.nik, birth_date=e.birth_date, gender=e.gender) == [], e.nik


def test_every_seated_employee_has_exactly_one_open_history_matching_the_seat(demo: DemoReport) -> None:
    seated = Employee.objects.filter(seat__isnull=False).annotate(
        open_rows=Count("position_history", filter=Q(position_history__end__isnull=True))
    )
    assert seated.count() == Employee.objects.count()
    assert set(seated.values_list("open_rows", flat=True)) == {1}
    mismatched = PositionHistory.objects.filter(end__isnull=True).exclude(
        start=F("employee__position_since"),
        seat=F("employee__seat"),
        unit=F("employee__unit"),
    )
    assert not mismatched.exists()


def test_ranks_sit_inside_the_position_range(demo: DemoReport) -> None:
    pns = Employee.objects.filter(status="PNS")
    assert not pns.filter(rank__isnull=True).exists()
    outside = pns.filter(
        Q(rank__lt=F("seat__position__min_rank")) | Q(rank__gt=F("seat__position__max_rank"))
    )
    assert not outside.exists()


def test_ngesrep_journey_facts(demo: DemoReport) -> None:
    assert _is_vacant(j.KASI_PEM_NGESREP)
    assert _is_vacant(f"{j.NGESREP}.PENGADM-UMUM", 1)
    assert _is_vacant(f"{j.NGESREP}.PENGADM-UMUM", 2)
    strong = _occupant(j.STRONG_CANDIDATE)
    assert strong.education_field is not None
    assert strong.education_field.code == "IPEM"
    today = timezone.localdate()
    assert strong.position_since is not None
    assert strong.position_since <= today - timedelta(days=6 * 365)
    assert list(strong.performance.values_list("predikat", flat=True)) == ["Baik", "Baik", "Baik"]
    required = dict(
        Position.objects.get(code=j.KASI_PEM_NGESREP).required_competencies.values_list(
            "competency__code", "level"
        )
    )
    achieved = dict(strong.assessments.values_list("competency__code", "level"))
    assert round(100 * sum(achieved[c] for c in required) / sum(required.values())) == 92


def test_only_the_planted_candidate_is_under_two_years_in_post(demo: DemoReport) -> None:
    today = timezone.localdate()
    recent = Employee.objects.filter(position_since__gt=today - timedelta(days=730))
    assert [e.name for e in recent] == ["Dimas Arya Nugraha"]
    assert recent[0].position_since == add_months(today.replace(day=1), -14)


def test_other_planted_facts(demo: DemoReport) -> None:
    today = timezone.localdate()
    sanitarians = Employee.objects.filter(seat__position__code=j.SANITARIAN_SRONDOL)
    assert sanitarians.count() == 1
    assert sanitarians[0].birth_date.year + 58 == today.year + 1
    assert _occupant(j.UNDER_DISCIPLINE).disciplinary.filter(stage="proses", end__isnull=True).exists()
    assert _occupant(j.ON_STUDY_LEAVE).study_leaves.filter(kind="tugas_belajar", end__gt=today).exists()
    lurah = _occupant(j.LURAH_NGESREP)
    spouse = FamilyRelation.objects.get(employee=lurah, kind="pasangan").relative
    assert spouse.unit is not None
    assert spouse.unit.code != j.NGESREP
    assert Employee.objects.filter(seat__position__code=j.SURPLUS_POSITION).count() == 2
    assert Employee.objects.filter(assessments__isnull=True).exists()
    nurse = Employee.objects.get(name="Dewi Lestari")
    assert nurse.education_field is not None
    assert nurse.education_field.code == "KEP"


def test_demo_accounts_have_their_grants_and_links(demo: DemoReport) -> None:
    assert set(demo.accounts) == {a.username for a in DEMO_ACCOUNTS}
    for account in DEMO_ACCOUNTS:
        user = User.objects.get(username=account.username)
        assert user.check_password(DEMO_PASSWORD)
        grant = RoleGrant.objects.get(user=user)
        assert grant.role == account.role
        assert grant.valid_to is None
        assert (grant.unit.code if grant.unit else "") == account.unit_code
    assert _username(j.CAMAT_BANYUMANIK) == "camat.banyumanik"
    assert _username(j.LURAH_NGESREP) == "lurah.ngesrep"
    assert _username(j.PEGAWAI_DEMO) == "pegawai.demo"


def test_seed_demo_twice_changes_nothing(demo: DemoReport, django_assert_max_num_queries: Any) -> None:
    counts = (
        Unit.objects.count(),
        Employee.objects.count(),
        PositionHistory.objects.count(),
        User.objects.count(),
    )
    with django_assert_max_num_queries(20):
        again = seed_demo(with_accounts=True)
    assert again.result is None
    assert again.accounts == ()
    assert counts == (
        Unit.objects.count(),
        Employee.objects.count(),
        PositionHistory.objects.count(),
        User.objects.count(),
    )
