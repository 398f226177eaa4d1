"""The workflow's development.create_plan event at TMT: one plan per move, however often it is delivered."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.development.models import DevelopmentPlan, PlanItem
from tepat.development.selectors import training_preview_for_move
from tepat.development.services.plans import plan_create, plan_open_for_move
from tepat.development.tests.conftest import assess, catalogue_ensure, standard_ensure
from tepat.engine.workflow import Event, State
from tepat.transfers.models import Move, MoveEvent
from tepat.transfers.services.events import dispatch_pending_events
from tepat.transfers.tests.conftest import World, committed

pytestmark = pytest.mark.django_db


def moved(world: World) -> Move:
    employee = world.gov.staff_kelurahan
    competencies = standard_ensure(world.seats[0].position)
    assess(employee, competencies, {"M1": 3, "M8": 1, "SK1": 2, "T-PEM": 2})
    catalogue_ensure(competencies)
    move = world.to_state(world.propose(employee).moves.get(), State.SK_TERBIT)
    with committed():
        call_command("apply_due_tmt", verbosity=0)
    move.refresh_from_db()
    assert move.status == State.BERLAKU
    return move


def test_entering_berlaku_opens_one_plan_and_replays_change_nothing(world: World) -> None:
    move = moved(world)
    plan = DevelopmentPlan.objects.get(move=move)
    assert plan.employee_id == move.employee_id
    assert plan.start == move.tmt
    assert list(plan.items.values_list("competency__code", flat=True)) == ["M8", "T-PEM"]
    event = MoveEvent.objects.get(move=move, kind=Event.CREATE_DEVELOPMENT_PLAN.value)
    assert event.handled_at is not None
    # A replay of the event (or a second delivery) finds the plan of this move.
    MoveEvent.objects.filter(pk=event.pk).update(handled_at=None)
    assert dispatch_pending_events() >= 1
    assert plan_open_for_move(move=move) == plan
    assert DevelopmentPlan.objects.filter(move=move).count() == 1
    assert AuditEntry.objects.filter(action="development_plan_create").count() == 1
    assert AuditEntry.objects.get(action="development_plan_create").actor_label == "system:workflow"


def test_the_notice_names_the_training_of_the_first_three_months(world: World) -> None:
    move = moved(world)
    preview = training_preview_for_move(move)
    assert [p.activity for p in preview] == [
        "Pelatihan Kepemimpinan Pengawas",
        "Magang penyelenggaraan pemerintahan",
    ]
    client = Client()
    client.force_login(world.cast.employee_user)
    page = client.get(reverse("transfers:my_notices")).content.decode()
    assert 'data-testid="notice-training"' in page
    assert "Pelatihan Kepemimpinan Pengawas" in page


def test_no_plan_when_the_new_post_asks_nothing_the_person_lacks(world: World) -> None:
    employee = world.gov.staff_dinas
    move = world.to_state(world.propose(employee).moves.get(), State.SK_TERBIT)
    assert training_preview_for_move(move) == []  # no standard on the target post: nothing to announce
    with committed():
        call_command("apply_due_tmt", verbosity=0)
    assert not DevelopmentPlan.objects.filter(move=move).exists()
    assert AuditEntry.objects.filter(action="development_plan_not_needed").count() == 1


def test_a_plan_for_the_post_left_behind_is_closed_when_the_move_takes_effect(world: World) -> None:
    employee = world.gov.staff_kelurahan
    yearly = plan_create(actor=world.cast.admin, employee=employee, start=today(), reason="Rencana tahunan")
    PlanItem.objects.create(
        plan=yearly, route="klasikal", activity="Bimtek lama", due=today(), jp_planned=Decimal(8)
    )
    move = moved(world)
    yearly.refresh_from_db()
    assert yearly.status == DevelopmentPlan.Status.CANCELLED
    assert "pindah jabatan" in yearly.reassessment_note
    assert not yearly.items.exclude(status=PlanItem.Status.CANCELLED).exists()
    assert DevelopmentPlan.objects.get(move=move).status == DevelopmentPlan.Status.ACTIVE
    assert AuditEntry.objects.filter(action="development_plan_superseded").count() == 1
