"""Routes of the exchange app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY.

Imports are master-data work of the BKPP admin (DESIGN.md); the auditor may read import records; exports
follow the list pages (staff roles, each scoped by `visible_to`).
"""

from tepat.core.policy_types import EVERY_ROLE, STAFF_READERS, Policy
from tepat.engine.roles import Role

ADMIN = frozenset({Role.HR_ADMIN})
NOBODY: frozenset[str] = frozenset()

ROUTES: dict[str, Policy] = {
    "exchange:home": STAFF_READERS,
    "exchange:template": ADMIN,
    "exchange:upload": {"GET": NOBODY, "POST": ADMIN},
    "exchange:batch_detail": ADMIN | {Role.AUDITOR},
    "exchange:batch_commit": {"GET": NOBODY, "POST": ADMIN},
    "exchange:batch_rollback": {"GET": NOBODY, "POST": ADMIN},
    "exchange:export_employees": STAFF_READERS,
    "exchange:export_positions": STAFF_READERS,
    "exchange:export_writeback": STAFF_READERS,
    "exchange:api_tokens": {"GET": EVERY_ROLE, "POST": EVERY_ROLE - {Role.AUDITOR}},  # an admin issues theirs
    "exchange:api_token_revoke": {"POST": EVERY_ROLE - {Role.AUDITOR}},
}
