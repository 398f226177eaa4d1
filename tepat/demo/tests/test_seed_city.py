from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.utils import timezone

from tepat.demo.builder import BuildResult
from tepat.demo.city import city_plan, seed_city
from tepat.engine.identity import check_nip
from tepat.organization.models import Position, Unit, UnitKind
from tepat.people.models import Employee, PerformanceRecord, PositionHistory

pytestmark = pytest.mark.django_db


def test_city_structure_has_the_real_shape(city: BuildResult) -> None:
    assert Unit.objects.filter(kind=UnitKind.KECAMATAN).count() == 16
    assert Unit.objects.filter(kind=UnitKind.KELURAHAN).count() == 177
    top = Unit.objects.filter(depth=1).exclude(kind=UnitKind.KECAMATAN).count()
    assert 35 <= top <= 45
    assert 2800 <= Position.objects.count() <= 3200
    assert not Position.objects.filter(required_competencies__isnull=True).exists()


def test_city_people_are_coherent(city: BuildResult) -> None:
    assert city.employees == Employee.objects.count() == 300
    open_rows = Employee.objects.annotate(
        n=Count("position_history", filter=Q(position_history__end__isnull=True))
    )
    assert set(open_rows.values_list("n", flat=True)) == {1}
    current = PositionHistory.objects.filter(end__isnull=True)
    assert not current.exclude(start=F("employee__position_since"), seat=F("employee__seat")).exists()
    for e in Employee.objects.all():
        tmt = e.tmt_cpns if e.status == "PNS" else None
        assert check_nip(e.nip, birth_date=e.birth_date, gender=e.gender, tmt_cpns=tmt) == []


def test_city_has_five_years_of_skp_and_past_transfers(city: BuildResult) -> None:
    year = timezone.localdate().year
    years = set(PerformanceRecord.objects.values_list("year", flat=True))
    assert years == set(range(year - 5, year))
    assert PositionHistory.objects.filter(end__isnull=False, position__isnull=False).count() > 100


def test_seats_grow_with_the_number_of_employees() -> None:
    small, large = city_plan(300), city_plan(15000)
    assert len(small.positions) == len(large.positions)
    assert 15000 < len(large.slots) < 15000 / 0.85


def test_seed_city_refuses_a_database_that_has_units(city: BuildResult) -> None:
    with pytest.raises(ValidationError):
        seed_city(employees=10, seed=1)
