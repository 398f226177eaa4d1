"""One processor per import kind: `plan` reads the table into a preview (create / update / unchanged, problems),
`apply` writes it through the bulk services and returns what changed, so the batch can be rolled back."""

from __future__ import annotations

from tepat.exchange.columns import ImportKind
from tepat.exchange.processors.base import Changes, Plan, Processor


def processor_for(kind: str) -> Processor:
    from tepat.exchange.processors.employees import EmployeeProcessor
    from tepat.exchange.processors.positions import PositionProcessor
    from tepat.exchange.processors.records import RECORD_PROCESSORS

    if kind == ImportKind.EMPLOYEES:
        return EmployeeProcessor()
    if kind == ImportKind.POSITIONS:
        return PositionProcessor()
    return RECORD_PROCESSORS[kind]


__all__ = ["Changes", "Plan", "Processor", "processor_for"]
