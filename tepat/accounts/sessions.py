"""Ending a user's sessions (R-10, T12): by hr_admin on demand, and whenever a user is deactivated.

Sessions live in the database (SESSION_ENGINE = db); the user id sits inside the signed session data, so
the unexpired sessions are read and decoded in batches. At city scale that is a few thousand rows (one per
signed-in browser within the 8-hour lifetime), read only when an administrator asks.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from tepat.accounts.models import User
from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry

BATCH = 2000


def session_keys_of(user: User) -> list[str]:
    """Keys of the user's unexpired sessions."""
    wanted = str(user.pk)
    keys = []
    live = Session.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data")
    for session in live.iterator(chunk_size=BATCH):
        if str(session.get_decoded().get(SESSION_KEY, "")) == wanted:
            keys.append(session.session_key)
    return keys


def session_counts(users: list[User]) -> dict[int, int]:
    """Unexpired sessions per user id, for the users on one page (one pass over the live sessions)."""
    wanted = {str(u.pk): u.pk for u in users}
    counts = dict.fromkeys(wanted.values(), 0)
    live = Session.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data")
    for session in live.iterator(chunk_size=BATCH):
        user_id = wanted.get(str(session.get_decoded().get(SESSION_KEY, "")))
        if user_id is not None:
            counts[user_id] += 1
    return counts


def _end(user: User) -> int:
    keys = session_keys_of(user)
    Session.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def user_sessions_end(*, actor: Any, user: User, reason: str = "") -> int:
    """Delete every session of `user`; their old cookies then land on the login page. Audited."""
    ended = _end(user)
    audit_record(
        actor=actor,
        action="user_sessions_end",
        obj=user,
        kind=AuditEntry.Kind.SECURITY,
        object_type="accounts.user",
        object_id=str(user.public_id),
        changes={"sessions_ended": ended},
        reason=reason,
    )
    return ended


@transaction.atomic
def user_deactivate(*, actor: Any, user: User, reason: str = "") -> int:
    """Deactivate `user` and end all their sessions in the same transaction (R-10). Audited."""
    was_active = user.is_active
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = _end(user)
    audit_record(
        actor=actor,
        action="user_deactivate",
        obj=user,
        kind=AuditEntry.Kind.SECURITY,
        object_type="accounts.user",
        object_id=str(user.public_id),
        changes={"is_active": {"old": was_active, "new": False}, "sessions_ended": ended},
        reason=reason,
    )
    return ended
