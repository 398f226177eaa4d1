"""ACCESS_POLICY: every named route and the roles allowed on it, per method (SECURITY.md R-01, R-02).

A route missing here answers 403 to everybody and fails `test_every_route_is_in_the_access_policy`.
Values: PUBLIC, DELEGATED (the Django admin's own staff check), a set of roles for the reading methods
(GET, HEAD, OPTIONS) only, or {"GET": roles, "POST": roles} — so every write is declared explicitly.
Each app lists its own routes in `<app>/policy.py`; they are merged here into the one policy.
Objects inside an allowed route are still scoped by `visible_to(user)`.
"""

from __future__ import annotations

from tepat.api.policy import ROUTES as API_ROUTES
from tepat.core.policy_types import (
    DELEGATED,
    EVERY_ROLE,
    PUBLIC,
    SAFE_METHODS,
    STAFF_READERS,
    Policy,
)
from tepat.development.policy import ROUTES as DEVELOPMENT_ROUTES
from tepat.engine.roles import Role
from tepat.evaluation.policy import ROUTES as EVALUATION_ROUTES
from tepat.exchange.policy import ROUTES as EXCHANGE_ROUTES
from tepat.planning.policy import ROUTES as PLANNING_ROUTES
from tepat.transfers.policy import ROUTES as TRANSFERS_ROUTES

HR_ADMIN = frozenset({Role.HR_ADMIN})
AUDITOR = frozenset({Role.AUDITOR})  # the DPO works through this role (SECURITY.md §7)

ACCESS_POLICY: dict[str, Policy] = {
    # public allowlist
    "core:health": PUBLIC,
    "accounts:login": PUBLIC,
    "admin": DELEGATED,
    # signed-in
    "accounts:logout": {"POST": EVERY_ROLE},
    "accounts:mfa_setup": {"GET": EVERY_ROLE, "POST": EVERY_ROLE - {Role.AUDITOR}},
    "accounts:mfa_verify": {"GET": EVERY_ROLE, "POST": EVERY_ROLE - {Role.AUDITOR}},
    "accounts:session_list": {"GET": HR_ADMIN},
    "accounts:session_end": {"POST": HR_ADMIN},
    "accounts:user_deactivate": {"POST": HR_ADMIN},
    "core:audit_trail": AUDITOR,
    "core:audit_case": AUDITOR,
    "core:audit_breach": AUDITOR | HR_ADMIN,
    "core:audit_breach_download": AUDITOR | HR_ADMIN,
    "core:dashboard": EVERY_ROLE,
    "core:completeness": STAFF_READERS,
    "organization:unit_tree": STAFF_READERS,
    "organization:unit_detail": STAFF_READERS,
    "organization:position_list": STAFF_READERS,
    "organization:position_detail": STAFF_READERS,
    "people:employee_list": STAFF_READERS,
    "people:employee_detail": STAFF_READERS | {Role.EMPLOYEE},
    "people:my_profile": {"GET": frozenset({Role.EMPLOYEE})},
    "people:my_data": {"GET": frozenset({Role.EMPLOYEE})},
    "people:my_data_download": {"GET": frozenset({Role.EMPLOYEE})},
    **PLANNING_ROUTES,
    **TRANSFERS_ROUTES,
    **DEVELOPMENT_ROUTES,
    **EVALUATION_ROUTES,
    **EXCHANGE_ROUTES,
    **API_ROUTES,
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
