"""Plan and item services: seeding from gaps, who may do what, validation naming the field, audit rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.development.models import PlanItem
from tepat.development.policy import KLASIKAL_BY_BKPP, NOT_PLANNER, OWN_COMPLETION
from tepat.development.services.items import (
    Completion,
    ItemData,
    item_add,
    item_cancel,
    item_complete,
    item_enrol,
)
from tepat.development.services.plans import plan_create, plan_reassess
from tepat.development.tests.conftest import Dev
from tepat.engine.errors import ApplicationError, InvalidInput
from tepat.people.models import TrainingRecord

pytestmark = pytest.mark.django_db


def item(dev: Dev, code: str) -> PlanItem:
    return dev.plan.items.select_related("plan__employee", "course").get(competency__code=code)


def done(days_ago: int = 1, jp: str = "16") -> Completion:
    end = today() - dt.timedelta(days=days_ago)
    return Completion(start=end - dt.timedelta(days=2), end=end, jp=Decimal(jp))


def test_plan_is_seeded_from_negative_gaps_biggest_first_and_audited(dev: Dev) -> None:
    items = list(
        dev.plan.items.order_by("due", "id").values_list("competency__code", "route", "course__code")
    )
    assert items == [("M8", "klasikal", "PKP"), ("T-PEM", "nonklasikal", "MAGANG-PEM")]
    assert [g["code"] for g in dev.plan.gaps] == ["M8", "T-PEM"]
    entry = AuditEntry.objects.get(action="development_plan_create")
    assert entry.actor == dev.admin
    assert entry.changes["items"] == 2


def test_a_second_active_plan_is_refused_naming_the_employee(dev: Dev) -> None:
    with pytest.raises(InvalidInput) as caught:
        plan_create(actor=dev.admin, employee=dev.budi, start=today(), reason="lagi")
    assert caught.value.field == "employee"
    assert "sudah punya rencana" in caught.value.message


def test_the_employee_records_own_enrolment_but_not_another_persons(dev: Dev) -> None:
    enrolled = item_enrol(actor=dev.budi_user, item=item(dev, "M8"))
    assert enrolled.status == PlanItem.Status.ENROLLED
    assert AuditEntry.objects.filter(action="plan_item_enrol", actor=dev.budi_user).count() == 1
    with pytest.raises(ApplicationError, match="tidak ditemukan"):
        item_enrol(actor=dev.other_employee, item=item(dev, "T-PEM"))


def test_nobody_confirms_their_own_training(dev: Dev) -> None:
    with pytest.raises(ApplicationError) as caught:
        item_complete(actor=dev.budi_user, item=item(dev, "T-PEM"), done=done())
    assert caught.value.message == OWN_COMPLETION
    assert not TrainingRecord.objects.filter(employee=dev.budi, title__startswith="Magang").exists()


def test_the_unit_head_confirms_nonklasikal_but_not_klasikal(dev: Dev) -> None:
    with pytest.raises(ApplicationError) as caught:
        item_complete(actor=dev.lurah, item=item(dev, "M8"), done=done())
    assert caught.value.message == KLASIKAL_BY_BKPP
    completed = item_complete(actor=dev.lurah, item=item(dev, "T-PEM"), done=done(jp="16"))
    assert completed.status == PlanItem.Status.DONE
    record = completed.training
    assert record is not None
    assert (record.employee_id, record.kind, record.jp) == (dev.budi.pk, "nonklasikal", Decimal(16))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"trainingrecord_create", "plan_item_complete"} <= actions


def test_a_unit_head_outside_the_subtree_cannot_touch_the_plan(dev: Dev) -> None:
    with pytest.raises(ApplicationError, match="tidak ditemukan"):
        item_complete(actor=dev.head_dinas, item=item(dev, "T-PEM"), done=done())


@pytest.mark.parametrize(
    ("completion", "field", "phrase"),
    [
        (Completion(today() + dt.timedelta(days=3), today() + dt.timedelta(days=5), Decimal(8)), "end", "masa depan"),
        (Completion(today() - dt.timedelta(days=1), today() - dt.timedelta(days=3), Decimal(8)), "start", "sesudah"),
        (Completion(today() - dt.timedelta(days=3), today() - dt.timedelta(days=1), Decimal(0)), "jp", "JP harus"),
        (Completion(dt.date(2020, 1, 1), dt.date(2020, 1, 2), Decimal(8)), "end", "sebelum TMT"),
    ],
)  # fmt: skip
def test_completion_is_validated_and_nothing_is_half_saved(
    dev: Dev, completion: Completion, field: str, phrase: str
) -> None:
    before = TrainingRecord.objects.count()
    with pytest.raises(InvalidInput) as caught:
        item_complete(actor=dev.admin, item=item(dev, "M8"), done=completion)
    assert field in [p.path for p in caught.value.problems]
    assert any(phrase in p.message for p in caught.value.problems)
    assert TrainingRecord.objects.count() == before
    assert item(dev, "M8").status == PlanItem.Status.PLANNED


def test_analysts_plan_but_the_employee_cannot_add_items(dev: Dev) -> None:
    data = ItemData(
        activity="Sosialisasi Perda",
        route="klasikal",
        due=today() + dt.timedelta(days=30),
        jp_planned=Decimal(4),
    )
    added = item_add(actor=dev.analyst, plan=dev.plan, data=data)
    assert added.status == PlanItem.Status.PLANNED
    with pytest.raises(ApplicationError) as caught:
        item_add(actor=dev.budi_user, plan=dev.plan, data=data)
    assert caught.value.message == NOT_PLANNER


def test_item_input_errors_name_the_field(dev: Dev) -> None:
    bad = ItemData(activity="", route="lainnya", due=dt.date(2000, 1, 1), jp_planned=Decimal(0))
    with pytest.raises(InvalidInput) as caught:
        item_add(actor=dev.admin, plan=dev.plan, data=bad)
    assert {p.path for p in caught.value.problems} == {"activity", "route", "jp_planned", "due"}


def test_cancel_needs_a_reason(dev: Dev) -> None:
    with pytest.raises(InvalidInput) as caught:
        item_cancel(actor=dev.admin, item=item(dev, "M8"), reason=" ")
    assert caught.value.field == "note"
    cancelled = item_cancel(actor=dev.admin, item=item(dev, "M8"), reason="Diganti coaching")
    assert cancelled.status == PlanItem.Status.CANCELLED


def test_reassessment_is_recorded_by_hr_admin_only_and_closes_the_plan(dev: Dev) -> None:
    with pytest.raises(ApplicationError):
        plan_reassess(actor=dev.lurah, plan=dev.plan, reassessed_on=today(), note="")
    plan = plan_reassess(actor=dev.admin, plan=dev.plan, reassessed_on=today(), note="Naik ke level 3")
    assert plan.status == "selesai"
    assert AuditEntry.objects.filter(action="development_plan_reassess").count() == 1


def test_plan_update_is_audited_with_old_and_new_and_refused_to_the_employee(dev: Dev) -> None:
    from tepat.development.services.plans import plan_update

    with pytest.raises(ApplicationError):
        plan_update(actor=dev.budi_user, plan=dev.plan, data={"status": "batal"})
    plan_update(actor=dev.admin, plan=dev.plan, data={"status": "batal", "reason": "Pegawai pensiun"})
    entry = AuditEntry.objects.get(action="development_plan_update")
    assert entry.changes["status"] == {"old": "aktif", "new": "batal"}
    with pytest.raises(InvalidInput) as caught:
        plan_update(actor=dev.admin, plan=dev.plan, data={"end": dev.plan.start - dt.timedelta(days=1)})
    assert caught.value.field == "end"


def test_a_closed_plan_takes_no_enrolment_or_completion(dev: Dev) -> None:
    plan_reassess(actor=dev.admin, plan=dev.plan, reassessed_on=today(), note="")
    with pytest.raises(ApplicationError, match="tidak aktif"):
        item_enrol(actor=dev.budi_user, item=item(dev, "M8"))
    with pytest.raises(ApplicationError, match="tidak aktif"):
        item_complete(actor=dev.admin, item=item(dev, "T-PEM"), done=done())
