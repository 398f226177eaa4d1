"""Rule data from the database, translated for the engine (DOMAIN.md: every threshold is versioned data).

Rows an admin entered override the engine's seed table parameter by parameter; a parameter with no row at
all falls back to `DEFAULT_RULE_PARAMETERS`, so a fresh installation evaluates with the documented defaults.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tepat.core.audit import audit_record
from tepat.core.models import BlackoutWindowRow, RuleParameterRow
from tepat.engine.reference import PositionKind
from tepat.engine.rules.model import BlackoutWindow, Period, RuleStatus
from tepat.engine.rules.parameters import (
    DEFAULT_RULE_PARAMETERS,
    RuleBook,
    RuleParameter,
    overlapping_versions,
)


def _to_engine(row: RuleParameterRow) -> RuleParameter:
    return RuleParameter(
        rule_id=row.rule_id,
        parameter=row.parameter,
        value=row.value,
        unit=row.unit,
        legal_basis=row.legal_basis,
        status=RuleStatus(row.status),
        effective_from=row.effective_from,
        effective_to=row.effective_to,
        instansi=row.instansi,
        notes=row.notes,
    )


def _window(row: BlackoutWindowRow) -> BlackoutWindow:
    return BlackoutWindow(
        window_id=row.code,
        name=row.name,
        period=Period(row.start, row.end),
        covered_kinds=frozenset(PositionKind(kind) for kind in row.covered_kinds),
        required_approval=row.required_approval,
        approval_label=row.approval_label,
        legal_basis=row.legal_basis,
        covers_additional_duty=row.covers_additional_duty,
    )


def load_rule_book(*, instansi: str = "") -> RuleBook:
    stored = [_to_engine(row) for row in RuleParameterRow.objects.all()]
    stored_keys = {(row.rule_id, row.parameter) for row in stored}
    defaults = [row for row in DEFAULT_RULE_PARAMETERS if (row.rule_id, row.parameter) not in stored_keys]
    windows = tuple(_window(row) for row in BlackoutWindowRow.objects.all())
    return RuleBook(parameters=tuple(stored + defaults), windows=windows, instansi=instansi)


@transaction.atomic
def rule_parameters_seed_defaults(*, actor: Any) -> int:
    """Copy the engine's documented defaults into the table (missing parameters only), so admins see them."""
    existing = set(RuleParameterRow.objects.values_list("rule_id", "parameter"))
    rows = [
        RuleParameterRow(
            rule_id=p.rule_id,
            parameter=p.parameter,
            value=p.value,
            unit=p.unit,
            legal_basis=p.legal_basis,
            status=p.status.value,
            instansi=p.instansi,
            effective_from=p.effective_from,
            effective_to=p.effective_to,
            notes=p.notes,
        )
        for p in DEFAULT_RULE_PARAMETERS
        if (p.rule_id, p.parameter) not in existing
    ]
    RuleParameterRow.objects.bulk_create(rows)
    if rows:
        audit_record(actor=actor, action="rule_parameters_seed", changes={"rows": len(rows)})
    return len(rows)


def rule_parameter_validate(row: RuleParameterRow) -> None:
    """Raise ValidationError when this version overlaps another version of the same parameter."""
    siblings = RuleParameterRow.objects.filter(
        rule_id=row.rule_id, parameter=row.parameter, instansi=row.instansi
    ).exclude(pk=row.pk)
    problems = overlapping_versions(tuple(_to_engine(r) for r in [*siblings, row]))
    if problems:
        raise ValidationError({"effective_from": problems[0].message})


@transaction.atomic
def rule_parameter_save(*, actor: Any, row: RuleParameterRow) -> RuleParameterRow:
    row.full_clean()
    rule_parameter_validate(row)
    old = RuleParameterRow.objects.filter(pk=row.pk).values("value", "effective_from", "effective_to").first()
    row.save()
    audit_record(
        actor=actor,
        action="rule_parameter_save",
        obj=row,
        changes={"old": {k: str(v) for k, v in old.items()} if old else None, "new": str(row)},
    )
    return row
