"""ACCESS_POLICY: every named route and the roles allowed on it, per method (SECURITY.md R-01, R-02).

A route missing here answers 403 to everybody and fails `test_every_route_is_in_the_access_policy`.
Values: PUBLIC, DELEGATED (the Django admin's own staff check), a set of roles for the reading methods
(GET, HEAD, OPTIONS) only, or {"GET": roles, "POST": roles} — so every write is declared explicitly. Objects inside an allowed route are still scoped by `visible_to(user)`.
"""

from __future__ import annotations

from tepat.engine.roles import Role

PUBLIC = frozenset({"__public__"})
DELEGATED = frozenset({"__delegated__"})

EVERY_ROLE = frozenset(Role)
BKPP = frozenset({Role.HR_ADMIN, Role.ANALYST})
GOVERNMENT_READERS = frozenset({Role.HR_ADMIN, Role.ANALYST, Role.APPROVER, Role.AUDITOR})
STAFF_READERS = GOVERNMENT_READERS | {Role.UNIT_HEAD}

Policy = frozenset[str] | dict[str, frozenset[str]]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

ACCESS_POLICY: dict[str, Policy] = {
    # public allowlist
    "core:health": PUBLIC,
    "accounts:login": PUBLIC,
    "admin": DELEGATED,
    # signed-in
    "accounts:logout": {"POST": EVERY_ROLE},
    "core:dashboard": EVERY_ROLE,
    "core:completeness": STAFF_READERS,
    "organization:unit_tree": STAFF_READERS,
    "organization:unit_detail": STAFF_READERS,
    "organization:position_list": STAFF_READERS,
    "organization:position_detail": STAFF_READERS,
    "people:employee_list": STAFF_READERS,
    "people:employee_detail": STAFF_READERS | {Role.EMPLOYEE},
    "people:my_profile": {"GET": frozenset({Role.EMPLOYEE})},
}


def allowed_roles(url_name: str, method: str) -> frozenset[str] | None:
    """Roles allowed for (route, method); None when the route is not in the policy at all."""
    policy = ACCESS_POLICY.get(url_name)
    if policy is None:
        return None
    if policy in (PUBLIC, DELEGATED):
        return policy
    reading = method in SAFE_METHODS
    if isinstance(policy, dict):
        return policy.get("GET" if reading else method, frozenset())
    return policy if reading else frozenset()
