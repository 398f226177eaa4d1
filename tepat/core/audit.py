"""The audit service: every write to personal data, every transition and every sensitive read records a row."""

from __future__ import annotations

import contextvars
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

from tepat.core.models import AuditEntry

# Personal-data fields whose values never enter the audit row in clear.
MASKED_FIELDS = frozenset({"nik", "password"})


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None
    role: str = ""


# RequestContext is frozen, so the shared default cannot be mutated.
_context: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "tepat_audit",
    default=RequestContext(),  # noqa: B039
)


def set_request_context(ctx: RequestContext) -> contextvars.Token[RequestContext]:
    return _context.set(ctx)


def reset_request_context(token: contextvars.Token[RequestContext]) -> None:
    _context.reset(token)


def _mask(changes: Mapping[str, Any]) -> dict[str, Any]:
    return {key: ("***" if key in MASKED_FIELDS else value) for key, value in changes.items()}


def _entry(
    *,
    actor: Any,
    action: str,
    kind: str,
    obj: models.Model | None,
    changes: Mapping[str, Any] | None,
    reason: str,
    actor_label: str,
    object_type: str,
    object_id: str,
) -> AuditEntry:
    ctx = _context.get()
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEntry(
        kind=kind,
        actor=user,
        actor_label=actor_label or (user.get_username() if user else "anonim"),
        role=ctx.role,
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=object_id or (str(getattr(obj, "public_id", obj.pk)) if obj is not None else ""),
        object_label=str(obj)[:200] if obj is not None else "",
        changes=_mask(changes or {}),
        reason=reason,
        request_id=ctx.request_id,
        ip_address=ctx.ip_address,
    )


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    kind: str = AuditEntry.Kind.CHANGE,
    actor_label: str = "",
    object_type: str = "",
    object_id: str = "",
) -> AuditEntry:
    entry = _entry(
        actor=actor,
        action=action,
        kind=kind,
        obj=obj,
        changes=changes,
        reason=reason,
        actor_label=actor_label,
        object_type=object_type,
        object_id=object_id,
    )
    entry.save()
    return entry


def audit_record_many(
    *, actor: Any, action: str, objects: Iterable[models.Model], actor_label: str = "", reason: str = ""
) -> int:
    """Per-object rows for bulk operations, written in batches; `actor_label` names a system actor."""
    entries = [
        _entry(
            actor=actor,
            action=action,
            kind=AuditEntry.Kind.CHANGE,
            obj=obj,
            changes=None,
            reason=reason,
            actor_label=actor_label,
            object_type="",
            object_id="",
        )
        for obj in objects
    ]
    AuditEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def security_event(*, actor: Any, action: str, detail: Mapping[str, Any] | None = None) -> AuditEntry:
    return audit_record(actor=actor, action=action, changes=detail, kind=AuditEntry.Kind.SECURITY)


def diff(instance: models.Model, data: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """{field: {"old": …, "new": …}} for the fields in `data` whose value differs from `instance`."""
    changes: dict[str, dict[str, Any]] = {}
    for name, new in data.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = {"old": _plain(old), "new": _plain(new)}
    return changes


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
