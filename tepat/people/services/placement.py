"""Put an employee in a seat (effective-dated) and record rank changes, keeping histories consistent."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tepat.core.audit import audit_record
from tepat.engine.reference import RANK_BY_CODE
from tepat.organization.models import Seat
from tepat.people.models import Employee, PositionHistory, RankHistory


def _check_no_overlap(employee: Employee, start: date) -> None:
    later = PositionHistory.objects.filter(employee=employee, start__gte=start).exists()
    if later:
        raise ValidationError(
            {
                "start": "TMT jabatan baru harus setelah TMT jabatan terakhir (periode tidak boleh tumpang tindih)."
            }
        )


@transaction.atomic
def employee_assign_seat(
    *, actor: Any, employee: Employee, seat: Seat, start: date, sk_number: str = ""
) -> PositionHistory:
    """Close the open position row the day before `start`, open the new one, and move the seat."""
    seat = Seat.objects.select_for_update().select_related("position__unit").get(pk=seat.pk)
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if not seat.is_active:
        raise ValidationError({"seat": "Formasi ini tidak aktif."})
    occupant = Employee.objects.filter(seat=seat).exclude(pk=employee.pk).first()
    if occupant is not None:
        raise ValidationError({"seat": f"Formasi ini masih ditempati {occupant.full_name}."})
    _check_no_overlap(employee, start)
    old_seat = employee.seat_id
    PositionHistory.objects.filter(employee=employee, end__isnull=True).update(end=start - timedelta(days=1))
    position = seat.position
    history = PositionHistory.objects.create(
        employee=employee,
        position=position,
        seat=seat,
        unit=position.unit,
        position_name=position.name,
        unit_name=position.unit.name,
        family=position.family,
        start=start,
        sk_number=sk_number,
    )
    employee.seat, employee.unit, employee.position_since = seat, position.unit, start
    employee.version += 1
    employee.save(update_fields=["seat", "unit", "position_since", "version", "updated_at"])
    audit_record(
        actor=actor,
        action="employee_assign_seat",
        obj=employee,
        changes={
            "seat": {"old": old_seat, "new": seat.pk},
            "position": position.code,
            "start": start.isoformat(),
        },
    )
    return history


@transaction.atomic
def employee_set_rank(
    *, actor: Any, employee: Employee, rank: int, tmt: date, sk_number: str = ""
) -> RankHistory:
    if rank not in RANK_BY_CODE:
        raise ValidationError({"rank": f"Golongan {rank} tidak ada dalam tabel golongan/ruang."})
    if RankHistory.objects.filter(employee=employee, tmt__gte=tmt).exists():
        raise ValidationError({"tmt": "TMT golongan harus setelah TMT golongan terakhir."})
    record = RankHistory.objects.create(employee=employee, rank=rank, tmt=tmt, sk_number=sk_number)
    old = employee.rank
    employee.rank, employee.rank_tmt = rank, tmt
    employee.version += 1
    employee.save(update_fields=["rank", "rank_tmt", "version", "updated_at"])
    audit_record(
        actor=actor, action="employee_set_rank", obj=employee, changes={"rank": {"old": old, "new": rank}}
    )
    return record
