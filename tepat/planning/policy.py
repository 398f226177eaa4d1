"""Routes of the planning app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY."""

from tepat.core.policy_types import BKPP, GOVERNMENT_READERS, STAFF_READERS, Policy
from tepat.engine.roles import Role

# Candidate ranking (issue 4): advisory reads; a unit head ranks seats in their subtree only (selector);
# an employee sees their own best-fit positions; ranking profiles are BKPP's to change.
CANDIDATE_ROUTES: dict[str, Policy] = {
    "planning:candidate_ranking": STAFF_READERS,
    "planning:candidate_compare": STAFF_READERS,
    "planning:employee_fit": STAFF_READERS | {Role.EMPLOYEE},
    "planning:ranking_profile_list": GOVERNMENT_READERS,
    "planning:ranking_profile_create": {"GET": BKPP, "POST": BKPP},
}

ROUTES: dict[str, Policy] = {**CANDIDATE_ROUTES}
