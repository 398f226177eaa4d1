"""Routes of the planning app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY."""

from tepat.core.policy_types import BKPP, GOVERNMENT_READERS, STAFF_READERS, Policy
from tepat.engine.roles import Role

# Needs analysis (issue 3): every staff reader within their scope; imports are BKPP's.
NEEDS_ROUTES: dict[str, Policy] = {
    "planning:needs_overview": STAFF_READERS,
    "planning:needs_unit": STAFF_READERS,
    "planning:needs_projection": STAFF_READERS,
    "planning:needs_mismatch": STAFF_READERS,
    "planning:vacancy_map": STAFF_READERS,
    "planning:needs_export_xlsx": STAFF_READERS,
    "planning:needs_export_pdf": STAFF_READERS,
    "planning:vacancy_export_xlsx": STAFF_READERS,
    "planning:needs_import": {"GET": BKPP, "POST": BKPP},
    "planning:needs_import_commit": {"POST": BKPP},
    "planning:needs_import_template": BKPP,
}

# Candidate ranking (issue 4): advisory reads; a unit head ranks seats in their subtree only (selector);
# an employee sees their own best-fit positions; ranking profiles are BKPP's to change.
CANDIDATE_ROUTES: dict[str, Policy] = {
    "planning:candidate_ranking": STAFF_READERS,
    "planning:candidate_compare": STAFF_READERS,
    "planning:employee_fit": STAFF_READERS | {Role.EMPLOYEE},
    "planning:ranking_profile_list": GOVERNMENT_READERS,
    "planning:ranking_profile_create": {"GET": BKPP, "POST": BKPP},
}

# Placement scenarios (issue 5): BKPP plans; approver and auditor may read the plans (advisory, R-31);
# an employee states their own preferences.
SCENARIO_ROUTES: dict[str, Policy] = {
    "planning:scenario_list": GOVERNMENT_READERS,
    "planning:scenario_create": {"GET": BKPP, "POST": BKPP},
    "planning:scenario_detail": GOVERNMENT_READERS,
    "planning:scenario_edit": {"GET": BKPP, "POST": BKPP},
    "planning:scenario_run_start": {"POST": BKPP},
    "planning:scenario_pair": {"POST": BKPP},
    "planning:scenario_compare": GOVERNMENT_READERS,
    "planning:scenario_run": GOVERNMENT_READERS,
    "planning:scenario_run_progress": GOVERNMENT_READERS,
    "planning:scenario_run_export": BKPP,
    "planning:scenario_run_send": {"POST": frozenset({Role.ANALYST})},  # proposals are the analyst's
    "planning:my_preferences": {"GET": frozenset({Role.EMPLOYEE}), "POST": frozenset({Role.EMPLOYEE})},
}

ROUTES: dict[str, Policy] = {**NEEDS_ROUTES, **CANDIDATE_ROUTES, **SCENARIO_ROUTES}
