"""Values computed from the talent map's source tables, kept per process for the current data version.

Migration 0003 installs triggers that give `evaluation_talent_version` a new random token on every write to
employees, seats, SKP records, competency assessments and competency standards. A value is kept only when the
token read before computing it equals the token read after: then no write to those tables committed in between
(each commits its new token with its rows), so the value is exactly that of the committed data of the token.
Without the table (a database flushed by TRUNCATE in a test) nothing is kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")
TALENT_FLAG = "tepat.talent_version_xact"  # migration 0004
KEPT = 4  # per process: a cap mode or two × the current version
_VALUES: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
_LOCK = threading.Lock()


def talent_version() -> str | None:
    """The current token, or None when the version row is missing."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and connection.in_atomic_block:
            # The token is renewed at commit (migration 0004); inside a transaction, renew it now for this
            # transaction's own writes, and clear the once-per-batch flag again so its later writes renew it too.
            cursor.execute("SELECT set_config(%s, '', true)", [TALENT_FLAG])
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("SELECT set_config(%s, '', true)", [TALENT_FLAG])
        cursor.execute("SELECT token FROM evaluation_talent_version WHERE id = 1")
        row = cursor.fetchone()
    return str(row[0]) if row else None


def cached_for_version(name: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or the value it gave for the same `name` at the current version in this process."""
    before = talent_version()
    key = (connection.alias, connection.settings_dict["NAME"], name, before)
    if before is not None:
        with _LOCK:
            if key in _VALUES:
                _VALUES.move_to_end(key)
                return _VALUES[key]
    value = compute()
    if before is not None and talent_version() == before:
        with _LOCK:
            _VALUES[key] = value
            while len(_VALUES) > KEPT:
                _VALUES.popitem(last=False)
    return value
