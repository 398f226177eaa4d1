"""Shared shapes for the access policy, importable by every app's `policy.py` without a cycle."""

from __future__ import annotations

from tepat.engine.roles import Role

PUBLIC = frozenset({"__public__"})
DELEGATED = frozenset({"__delegated__"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

EVERY_ROLE = frozenset(Role)
BKPP = frozenset({Role.HR_ADMIN, Role.ANALYST})
GOVERNMENT_READERS = frozenset({Role.HR_ADMIN, Role.ANALYST, Role.APPROVER, Role.AUDITOR})
STAFF_READERS = GOVERNMENT_READERS | {Role.UNIT_HEAD}

Policy = frozenset[str] | dict[str, frozenset[str]]
