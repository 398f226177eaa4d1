"""Comparison with a radar chart, an employee's best-fit positions and gaps, ranking profiles, scoring methods."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import numpy as np
import pytest
from django.test import Client
from django.urls import reverse

from conftest import SmallGovernment, seat_employee
from tepat.core.models import AuditEntry
from tepat.engine.fit import FitInputs, FitWeights
from tepat.organization.models import PositionCompetency
from tepat.organization.tests.factories import CompetencyFactory, PositionFactory, SeatFactory
from tepat.people.models import CompetencyAssessment, PerformanceRecord
from tepat.planning.candidates.scoring import FIT, PROFILE_MATCHING, SAW, ScoringProfile, score_candidates
from tepat.planning.models import CandidateRanking, RankingProfile

ON = dt.date(2026, 11, 27)


@pytest.fixture
def seat(gov: SmallGovernment):
    for code, level in {"M1": 3, "T1": 2}.items():
        competency = CompetencyFactory.create(code=code, group="manajerial" if code == "M1" else "teknis")
        PositionCompetency.objects.create(position=gov.kasi, competency=competency, level=level)
    return SeatFactory.create(position=gov.kasi, number=9)


def _candidate(gov: SmallGovernment, name: str, m1: int) -> object:
    employee = seat_employee(PositionFactory.create(unit=gov.kecamatan), dt.date(2020, 1, 1), name=name)
    competency = CompetencyFactory.create(code="M1")
    CompetencyAssessment.objects.create(employee=employee, competency=competency, level=m1, assessed_on=ON)
    PerformanceRecord.objects.create(employee=employee, year=ON.year - 1, predikat="Baik")
    return employee


def _compare_url(seat, *employees) -> str:
    query = "&".join(f"e={e.public_id}" for e in employees)
    return reverse("planning:candidate_compare", args=[seat.public_id]) + "?" + query


@pytest.mark.django_db
def test_comparison_draws_candidates_against_the_standard(
    gov: SmallGovernment,
    seat,
    client_as: Callable[..., Client],
) -> None:
    a, b = _candidate(gov, "Rina", 3), _candidate(gov, "Sari", 2)
    response = client_as("analyst").get(_compare_url(seat, a, b))
    assert response.status_code == 200
    chart = json.loads(
        response.content.decode().split('id="radar-data" type="application/json">')[1].split("<")[0]
    )
    assert chart["standard"] == [3, 2]
    assert [c["name"] for c in chart["candidates"]] == ["Rina", "Sari"]
    assert chart["candidates"][0]["levels"] == [3.0, None]  # T1 never assessed: a gap in the line, not a 0
    assert AuditEntry.objects.filter(action="view_candidate_comparison").count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 5])
def test_comparison_needs_two_to_four_candidates(
    gov: SmallGovernment,
    seat,
    client_as: Callable[..., Client],
    count: int,
) -> None:
    people = [_candidate(gov, f"P{i}", 3) for i in range(count)]
    response = client_as("analyst").get(_compare_url(seat, *people))
    assert response.status_code == 400
    assert "pilih 2 sampai 4 kandidat" in response.content.decode()


@pytest.mark.django_db
def test_comparison_rejects_an_unknown_candidate(
    gov: SmallGovernment,
    seat,
    client_as: Callable[..., Client],
) -> None:
    a = _candidate(gov, "Rina", 3)
    url = _compare_url(seat, a) + "&e=00000000-0000-0000-0000-000000000000"
    response = client_as("analyst").get(url)
    assert response.status_code == 400
    assert "kandidat tidak dikenal" in response.content.decode()


@pytest.mark.django_db
def test_employee_view_lists_open_seats_and_gaps_in_the_current_post(
    gov: SmallGovernment,
    seat,
    client_as: Callable[..., Client],
) -> None:
    employee = gov.staff_kelurahan  # sits in the Kasi position: the gaps are against its standard
    CompetencyAssessment.objects.create(
        employee=employee, competency=CompetencyFactory.create(code="M1"), level=2, assessed_on=ON
    )
    other = SeatFactory.create(position=PositionFactory.create(unit=gov.dinas, name="Staf Dinas"), number=1)
    response = client_as("unit_head", gov.kecamatan).get(
        reverse("planning:employee_fit", args=[employee.public_id])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Staf Dinas" in body  # an open seat elsewhere
    assert other.position.get_absolute_url() in body
    assert "belum dinilai" in body  # T1 has no assessment: said, not zero
    assert ">-1<" in body  # M1: 2 against 3
    assert AuditEntry.objects.filter(action="view_employee_fit").count() == 1


@pytest.mark.django_db
def test_employee_view_is_scoped(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    url = reverse("planning:employee_fit", args=[gov.staff_dinas.public_id])
    assert client_as("unit_head", gov.kecamatan).get(url).status_code == 404


def _profile_post(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "position_kind": "pengawas", "method": PROFILE_MATCHING, "core_weight": 60, "note": "uji coba 60/40",
        "weight_kompetensi": 50, "weight_pendidikan": 15, "weight_pengalaman": 15,
        "weight_kinerja": 10, "weight_preferensi": 10,
    }  # fmt: skip
    data.update(changes)
    return data


@pytest.mark.django_db
def test_an_analyst_saves_versioned_profiles_and_rankings_name_theirs(
    seat,
    client_as: Callable[..., Client],
) -> None:
    client = client_as("analyst")
    url = reverse("planning:ranking_profile_create")
    assert client.post(url, _profile_post()).status_code == 302
    assert client.post(url, _profile_post(method=FIT, note="kembali ke model Tepat")).status_code == 302
    versions = list(RankingProfile.objects.filter(position_kind="pengawas").values_list("version", "method"))
    assert sorted(versions) == [(1, PROFILE_MATCHING), (2, FIT)]
    client.get(reverse("planning:candidate_ranking", args=[seat.public_id]))
    record = CandidateRanking.objects.get()
    assert record.profile is not None
    assert record.profile.version == 2
    assert record.profile_label == "Pengawas v2"
    assert AuditEntry.objects.filter(action="ranking_profile_create").count() == 2
    assert "Pengawas v2" in client.get(reverse("planning:ranking_profile_list")).content.decode()


@pytest.mark.django_db
def test_weights_that_do_not_sum_to_100_are_refused_naming_the_field(
    client_as: Callable[..., Client],
) -> None:
    response = client_as("analyst").post(
        reverse("planning:ranking_profile_create"), _profile_post(weight_kinerja=5)
    )
    assert response.status_code == 400
    assert "jumlah bobot harus 100 (sekarang 95)" in response.content.decode()
    assert not RankingProfile.objects.exists()


@pytest.mark.django_db
def test_a_missing_reason_is_refused(client_as: Callable[..., Client]) -> None:
    response = client_as("analyst").post(reverse("planning:ranking_profile_create"), _profile_post(note=""))
    assert response.status_code == 400
    assert "Alasan perubahan" in response.content.decode()
    assert not RankingProfile.objects.exists()


@pytest.mark.django_db
def test_a_unit_head_cannot_change_profiles(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    response = client_as("unit_head", gov.kecamatan).post(
        reverse("planning:ranking_profile_create"), _profile_post()
    )
    assert response.status_code == 403
    assert not RankingProfile.objects.exists()


def _inputs() -> FitInputs:
    """Three employees, one seat with two competencies (the first core); employee 2 has no SKP."""
    return FitInputs(
        achieved=np.array([[3, 2], [2, 2], [3, 3]], dtype=float),
        required=np.array([[3, 2]], dtype=float),
        employee_fields=np.array([0, 0, 0]),
        employee_rumpun=np.array([0, 0, 0]),
        accepted_fields=np.array([[True]]),
        accepted_rumpun=np.array([[True]]),
        experience_months=np.array([[60.0], [60.0], [60.0]]),
        position_family=np.array([0]),
        predikat=np.array([[4.0], [4.0], [np.nan]]),
    )


@pytest.mark.parametrize("method", [FIT, PROFILE_MATCHING, SAW])
def test_every_method_scores_0_to_100_and_never_zeroes_missing_data(method: str) -> None:
    profile = ScoringProfile("uji", method, FitWeights())
    result = score_candidates(_inputs(), profile, np.array([True, False]))
    scores = result.score[:, 0]
    assert np.all((scores >= 0) & (scores <= 100))
    assert scores[0] > scores[1]  # below the standard on the core competency
    assert result.fit.missing[2, 0]  # SKP missing is named, and the score still exists
    assert not np.isnan(scores[2])


def test_profile_matching_penalises_a_core_gap_more_than_a_secondary_one() -> None:
    inputs = FitInputs(
        achieved=np.array([[2, 2], [3, 1]], dtype=float),
        required=np.array([[3, 2]], dtype=float),
        employee_fields=np.array([-1, -1]),
        employee_rumpun=np.array([-1, -1]),
        accepted_fields=np.zeros((1, 1), dtype=bool),
        accepted_rumpun=np.zeros((1, 1), dtype=bool),
        experience_months=np.full((2, 1), np.nan),
        position_family=np.array([-1]),
        predikat=np.full((2, 1), np.nan),
    )
    profile = ScoringProfile("uji", PROFILE_MATCHING, FitWeights(), core_weight=0.6)
    scores = score_candidates(inputs, profile, np.array([True, False])).score[:, 0]
    # core gap −1 → 4, secondary 0 → 5: 0.6·4 + 0.4·5 = 4.4; core 0 → 5, secondary −1 → 4: 4.6
    assert scores == pytest.approx([4.4 / 5 * 100, 4.6 / 5 * 100], abs=1e-4)
