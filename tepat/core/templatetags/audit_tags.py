"""How an audit entry's recorded details read on the audit pages: Indonesian words, not Python reprs."""

from __future__ import annotations

import json
from typing import Any

from django import template

from tepat.engine.roles import ROLE_LABELS

register = template.Library()


@register.filter
def audit_value(value: Any) -> str:
    """One recorded value as text: yes/no in Indonesian, nothing as a dash, structures as compact JSON."""
    if value is True:
        return "ya"
    if value is False:
        return "tidak"
    if value is None or value == "":
        return "—"
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


@register.filter
def role_label(code: str) -> str:
    """A role code as its name in the UI (codes recorded before a rename stay as they were)."""
    return ROLE_LABELS.get(code, code)


@register.filter
def audit_pairs(changes: Any) -> list[tuple[str, Any]]:
    """The recorded details as (field, value) pairs. Not `changes.items` in the template: a record with a field
    named "items" or "keys" (development_plan_create records "items") would resolve to that field's value."""
    return list(changes.items()) if isinstance(changes, dict) else []
