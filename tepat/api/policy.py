"""Routes of the api app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY.

The same roles as the matching web pages; objects inside are scoped by `visible_to(user)` (404 outside).
"""

from tepat.core.policy_types import BKPP, EVERY_ROLE, GOVERNMENT_READERS, STAFF_READERS, Policy
from tepat.engine.roles import Role
from tepat.transfers.policy import ACTORS, MOVE_READERS

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
    # planning: as the candidate, scenario and needs pages
    "api:seat_candidates": STAFF_READERS,
    "api:scenario_list": GOVERNMENT_READERS,
    "api:scenario_detail": GOVERNMENT_READERS,
    "api:scenario_runs": {"GET": GOVERNMENT_READERS, "POST": BKPP},
    "api:scenario_run_detail": GOVERNMENT_READERS,
    "api:needs_positions": STAFF_READERS,
    "api:needs_units": STAFF_READERS,
    # transfers: as the proposal and move pages; the services check the workflow table per action
    "api:proposal_list": STAFF_READERS,
    "api:proposal_detail": STAFF_READERS,
    "api:move_list": MOVE_READERS,
    "api:move_detail": MOVE_READERS,
    "api:move_transitions": {"POST": ACTORS},
    "api:decree_verify": EVERY_ROLE,  # the public page's answer, for any signed-in caller
    "api:token_list": {"GET": EVERY_ROLE, "POST": TOKEN_WRITERS},
    "api:token_detail": {"GET": EVERY_ROLE, "DELETE": TOKEN_WRITERS},
}
