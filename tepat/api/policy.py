"""Routes of the api app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY.

The same roles as the matching web pages; objects inside are scoped by `visible_to(user)` (404 outside).
"""

from tepat.core.policy_types import EVERY_ROLE, STAFF_READERS, Policy
from tepat.engine.roles import Role

TOKEN_WRITERS = EVERY_ROLE - {Role.AUDITOR}  # the auditor never writes; an admin issues its tokens

ROUTES: dict[str, Policy] = {
    "api:schema": EVERY_ROLE,
    "api:docs": EVERY_ROLE,
    "api:unit_list": STAFF_READERS,
    "api:unit_detail": STAFF_READERS,
    "api:position_list": STAFF_READERS,
    "api:position_detail": STAFF_READERS,
    "api:employee_list": STAFF_READERS,
    "api:employee_detail": STAFF_READERS | {Role.EMPLOYEE},
    "api:token_list": {"GET": EVERY_ROLE, "POST": TOKEN_WRITERS},
    "api:token_detail": {"GET": EVERY_ROLE, "DELETE": TOKEN_WRITERS},
}
