"""Kebutuhan vs bezetting of single positions today, for rule R8 (DOMAIN.md §8, §11) and the scenario figures.

    lookup = AbkLookup(on=day)              # one per request (or per scenario run), shared by every caller
    lookup.statuses([12, 40])               # {12: AbkStatus(kebutuhan=2, bezetting=3), 40: None}
    lookup.needs([12, 40])                  # {12: engine.Need, 40: engine.Need}
    lookup.unit_needs([7])                  # {7: (Σ kebutuhan of the unit's own positions, positions without basis)}

The kebutuhan is the needs engine's own result (`tepat.engine.needs.needs_for`, with the rounding of the rule
data in force on `on`); nothing is recomputed here. A position with no workload and no hand-set formasi has
no kebutuhan: its status is None, so R8 says "data belum lengkap". The bezetting is the ASN (PNS and PPPK)
holding an active seat of the position today. Each call with positions not seen yet costs four queries
whatever their number; positions already loaded cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q

from tepat.core.rules import load_rule_book
from tepat.engine import needs as engine
from tepat.engine.rules import AbkStatus, RuleBook
from tepat.organization.models import ManualRequirement, Position, Seat
from tepat.planning.needs.loading import COUNTED_STATUSES, KINDS, task_rows, task_totals
from tepat.planning.needs.rules import needs_rules


def _engine_positions(ids: list[int], rules: engine.NeedsRules) -> list[engine.Position]:
    per_task = rules.rounding is engine.Rounding.CEIL_PER_TASK
    tasks, _ = (task_rows if per_task else task_totals)(Q(position_id__in=ids))
    manual = dict(
        ManualRequirement.objects.filter(position_id__in=ids).values_list("position_id", "required")
    )
    rows = Position.objects.filter(pk__in=ids).order_by().values_list("pk", "unit_id", "kind", "jenjang")
    return [
        engine.Position(
            str(pk), str(unit), KINDS[kind], jenjang or None, tuple(tasks.get(pk, ())), manual.get(pk)
        )
        for pk, unit, kind, jenjang in rows
    ]


def bezetting_today(position_ids: Iterable[int]) -> dict[int, int]:
    """ASN (PNS and PPPK) holding an active seat of each position now (one query)."""
    return dict(
        Seat.objects.filter(
            position_id__in=list(position_ids), is_active=True, occupant__status__in=COUNTED_STATUSES
        )
        .values("position_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("position_id", "n")
    )


class AbkLookup:
    """Needs and R8 headcounts of the positions asked for, loaded once and remembered."""

    def __init__(self, *, on: date, book: RuleBook | None = None) -> None:
        self.on = on
        self._book = book
        self._rules: engine.NeedsRules | None = None
        self._needs: dict[int, engine.Need] = {}
        self._present: dict[int, int] = {}

    @property
    def rules(self) -> engine.NeedsRules:
        if self._rules is None:
            self._rules = needs_rules(self._book or load_rule_book(), self.on)
        return self._rules

    def _load(self, position_ids: Iterable[int]) -> list[int]:
        wanted = list(dict.fromkeys(int(pk) for pk in position_ids))
        missing = [pk for pk in wanted if pk not in self._needs]
        if missing:
            computed = engine.needs_for(_engine_positions(missing, self.rules), self.rules)
            self._needs.update({int(n.position_id): n for n in computed})
            self._present.update(dict.fromkeys(missing, 0) | bezetting_today(missing))
        return [pk for pk in wanted if pk in self._needs]  # an unknown position id is simply absent

    def needs(self, position_ids: Iterable[int]) -> dict[int, engine.Need]:
        return {pk: self._needs[pk] for pk in self._load(position_ids)}

    def statuses(self, position_ids: Iterable[int]) -> dict[int, AbkStatus | None]:
        return {pk: self._status(pk) for pk in self._load(position_ids)}

    def status(self, position_id: int) -> AbkStatus | None:
        return self.statuses([position_id]).get(position_id)

    def unit_needs(self, unit_ids: Iterable[int]) -> dict[int, tuple[int, int]]:
        """Per unit: Σ kebutuhan of its own positions that have a basis, and how many positions have none."""
        rows = list(
            Position.objects.filter(unit_id__in=list(unit_ids)).order_by().values_list("pk", "unit_id")
        )
        needs = self.needs(pk for pk, _ in rows)
        totals: dict[int, tuple[int, int]] = {}
        for pk, unit in rows:
            required, without = totals.get(unit, (0, 0))
            need = needs[pk].required
            totals[unit] = (required + (need or 0), without + (need is None))
        return totals

    def _status(self, pk: int) -> AbkStatus | None:
        required = self._needs[pk].required
        return None if required is None else AbkStatus(kebutuhan=required, bezetting=self._present[pk])
