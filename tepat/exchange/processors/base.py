"""What every import processor shares: the plan (preview) and the record of changes (for rollback)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol

from django.db import models

from tepat.exchange.reading import Problem, Table


@dataclass
class Plan:
    rows_total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    payload: Any = None  # kind-specific, read by `apply`

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Rows that need a recorded decision (a reason) before the batch may be committed."""
        return [p for p in self.problems if p.severity == "decision"]


@dataclass
class Changes:
    """Primary keys created per model label, and the old values of updated rows, kept on the batch."""

    created: dict[str, list[int]] = field(default_factory=dict)
    updated: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    def add_created(self, objects: Iterable[models.Model]) -> None:
        for obj in objects:
            self.created.setdefault(obj._meta.label_lower, []).append(obj.pk)

    def add_updated(self, obj: models.Model, old: dict[str, Any]) -> None:
        self.updated.setdefault(obj._meta.label_lower, {})[str(obj.pk)] = {
            k: plain(v) for k, v in old.items()
        }

    def as_json(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Changes:
        return cls(created=data.get("created", {}), updated=data.get("updated", {}))


def plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


class Processor(Protocol):
    @property
    def kind(self) -> str: ...

    def plan(self, table: Table, *, today: date) -> Plan: ...

    def apply(self, plan: Plan, *, actor: Any, reason: str, label: str) -> Changes: ...
