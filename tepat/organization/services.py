"""Writes to the organisation: units, positions with requirements, seats. Each write is audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tepat.core.audit import audit_record
from tepat.organization.models import Competency, EducationField, Position, PositionCompetency, Seat, Unit

MAX_CHILDREN = 9999  # four digits per path segment


def _child_path(parent: Unit | None) -> tuple[str, int]:
    """Next free path segment under `parent`: one past the highest in use (counts break after deletions)."""
    prefix = parent.path if parent else ""
    last = (
        Unit.objects.filter(parent=parent).order_by("-path").values_list("path", flat=True).first()
        if parent
        else Unit.objects.filter(parent=None).order_by("-path").values_list("path", flat=True).first()
    )
    segment = int(last.rstrip(".").rsplit(".", 1)[-1]) + 1 if last else 1
    if segment > MAX_CHILDREN:
        raise ValidationError({"parent": "Unit induk sudah memiliki jumlah sub-unit maksimum."})
    return f"{prefix}{segment:04d}.", (parent.depth + 1) if parent else 0


@transaction.atomic
def unit_create(*, actor: Any, code: str, name: str, kind: str, parent: Unit | None = None) -> Unit:
    path, depth = _child_path(parent)
    unit = Unit(code=code, name=name, kind=kind, parent=parent, path=path, depth=depth)
    unit.full_clean()
    unit.save()
    audit_record(
        actor=actor, action="unit_create", obj=unit, changes={"code": code, "name": name, "kind": kind}
    )
    return unit


@dataclass(frozen=True)
class PositionSpec:
    """The scalar attributes of a position, as read from an ANJAB or a form."""

    code: str
    name: str
    kind: str
    jenjang: str = ""
    family: str = ""
    kelas_jabatan: int | None = None
    is_head: bool = False
    min_rank: int | None = None
    max_rank: int | None = None
    min_education: str = ""
    requires_pns: bool = False


@transaction.atomic
def position_create(
    *,
    actor: Any,
    unit: Unit,
    spec: PositionSpec,
    seats: int = 1,
    education_fields: Iterable[EducationField] = (),
    competencies: Mapping[Competency, int] | None = None,
) -> Position:
    if seats < 0:
        raise ValidationError({"seats": "Jumlah formasi tidak boleh negatif."})
    position = Position(unit=unit, **asdict(spec))
    position.full_clean()
    position.save()
    position.education_fields.set(list(education_fields))
    for competency, level in (competencies or {}).items():
        requirement = PositionCompetency(position=position, competency=competency, level=level)
        requirement.full_clean(exclude=["position"])
        requirement.save()
    Seat.objects.bulk_create([Seat(position=position, number=n) for n in range(1, seats + 1)])
    audit_record(
        actor=actor,
        action="position_create",
        obj=position,
        changes={"code": spec.code, "name": spec.name, "unit": unit.code, "seats": seats},
    )
    return position


@transaction.atomic
def seat_add(*, actor: Any, position: Position) -> Seat:
    last = position.seats.order_by("-number").values_list("number", flat=True).first() or 0
    seat = Seat.objects.create(position=position, number=last + 1)
    audit_record(actor=actor, action="seat_add", obj=seat, changes={"position": position.code})
    return seat
