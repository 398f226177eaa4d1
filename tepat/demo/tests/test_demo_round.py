"""JOURNEYS.md §3 in the demo data: the ready rotation round is clearly better than today and than filling seats
one by one, for the reasons the demo plants (journeys.CROSS_MATCHED, the swap preferences of demo/scenarios.py)."""

from __future__ import annotations

import pytest

from tepat.demo.banyumanik import DemoReport
from tepat.demo.journeys import CROSS_MATCHED
from tepat.demo.scenarios import DEMO_SCENARIO
from tepat.people.models import Employee
from tepat.planning.models import RunStatus, ScenarioRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(demo: DemoReport) -> ScenarioRun:
    return ScenarioRun.objects.get(scenario__name=DEMO_SCENARIO, number=1)


def _holder(code: str) -> Employee:
    return Employee.objects.get(seat__position__code=code, seat__number=1)


def test_the_round_beats_one_by_one_by_several_percent_within_25_moves(run: ScenarioRun) -> None:
    assert run.status == RunStatus.DONE, run.error
    assert run.optimal is True
    assert run.moves is not None
    assert 15 <= run.moves <= 25
    figures = run.figures
    assert figures["fit_vs_greedy_pct"] >= 3.0
    assert figures["fit_vs_today_pct"] >= 3.0
    assert figures["after"]["total_fit"] > figures["greedy"]["total_fit"] > figures["before"]["total_fit"]
    assert len(run.plan["chains"]) + len(run.plan["cycles"]) >= 8


def test_the_swaps_one_by_one_cannot_make_are_in_the_plan(run: ScenarioRun) -> None:
    """Filling seats one by one opens a seat only when its holder has left for an open one: it never swaps."""
    assert len(run.plan["cycles"]) >= 4
    umpeg, renkeu = (_holder(c.seat) for c in CROSS_MATCHED[:2])
    to = {m["employee"]: m["to"]["seat"] for m in run.plan["moves"]}
    assert to.get(umpeg.pk) == renkeu.seat_id
    assert to.get(renkeu.pk) == umpeg.seat_id
    greedy = [m["to"]["seat"] for m in run.plan["greedy"]["moves"] if m["name"].startswith(renkeu.name)]
    assert umpeg.seat_id not in greedy  # one by one, the Umpeg seat is never open while its holder stays
    assert run.figures["preferences"]["honoured"] >= 10


def test_the_cross_matched_people_hold_the_degree_and_past_post_of_the_other_post(demo: DemoReport) -> None:
    for match in CROSS_MATCHED:
        person = _holder(match.seat)
        assert person.education_field is not None
        assert person.education_field.code == match.field
        past = person.position_history.filter(end__isnull=False)
        assert past.exists()
        assert set(past.values_list("position__code", flat=True)) == {match.past}
