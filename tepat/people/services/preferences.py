"""An employee states (or clears) their placement preferences: all of them at once, audited, never half-saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tepat.core.audit import audit_record
from tepat.organization.models import Position, Unit
from tepat.people.models import MAX_PREFERENCES, Employee, EmployeePreference


@dataclass(frozen=True)
class PreferenceItem:
    unit: Unit | None
    position: Position | None
    reason: str
    note: str = ""


def _label(item: EmployeePreference | PreferenceItem) -> str:
    target = item.position or item.unit
    return f"{target} ({item.reason})"


def _check(items: list[PreferenceItem]) -> None:
    errors: dict[str, list[str]] = {}
    if len(items) > MAX_PREFERENCES:
        errors["__all__"] = [f"Paling banyak {MAX_PREFERENCES} pilihan."]
    seen: set[tuple[int | None, int | None]] = set()
    for rank, item in enumerate(items, start=1):
        key = (item.unit.pk if item.unit else None, item.position.pk if item.position else None)
        if (item.unit is None) == (item.position is None):
            errors.setdefault(f"pilihan_{rank}", []).append(
                "Pilih satu unit atau satu jabatan, tidak keduanya."
            )
        elif key in seen:
            errors.setdefault(f"pilihan_{rank}", []).append("Pilihan ini sama dengan pilihan sebelumnya.")
        seen.add(key)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def employee_preferences_set(
    *, employee: Employee, actor: Any, items: list[PreferenceItem], actor_label: str = ""
) -> int:
    """Replace the employee's preferences with `items` (in order of priority); returns how many are stored."""
    _check(items)
    old = [
        _label(p)
        for p in EmployeePreference.objects.filter(employee=employee).select_related("unit", "position")
    ]
    EmployeePreference.objects.filter(employee=employee).delete()
    rows = []
    for rank, item in enumerate(items, start=1):
        row = EmployeePreference(
            employee=employee,
            rank=rank,
            unit=item.unit,
            position=item.position,
            reason=item.reason,
            note=item.note,
        )
        row.full_clean()
        rows.append(row)
    EmployeePreference.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        action="set_preferences",
        obj=employee,
        changes={"old": old, "new": [_label(item) for item in items]},
        actor_label=actor_label,
    )
    return len(rows)
