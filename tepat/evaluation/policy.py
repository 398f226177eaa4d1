"""Routes of the evaluation app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY."""

from tepat.core.policy_types import BKPP, GOVERNMENT_READERS, STAFF_READERS, Policy
from tepat.engine.roles import Role

REVIEWERS = frozenset({Role.UNIT_HEAD})  # the head of the newcomer's new unit writes the review

ROUTES: dict[str, Policy] = {
    # Post-transfer evaluation: staff readers within scope (a unit head: own subtree's movers); BKPP computes.
    "evaluation:overview": STAFF_READERS,
    "evaluation:round_create": {"POST": BKPP},
    "evaluation:round_detail": STAFF_READERS,
    "evaluation:round_export": STAFF_READERS,
    "api:evaluation_run_list": GOVERNMENT_READERS,  # whole-scope headlines: not for a unit head
    "evaluation:review_list": STAFF_READERS,
    "evaluation:review_detail": {"GET": STAFF_READERS, "POST": REVIEWERS},
    "evaluation:talent_map": STAFF_READERS,
    "evaluation:talent_list": STAFF_READERS,
    "evaluation:talent_export": STAFF_READERS,
}
