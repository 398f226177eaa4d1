"""Routes of the development app and the roles allowed on them; merged into tepat.core.policy.ACCESS_POLICY."""

from tepat.core.policy_types import Policy

ROUTES: dict[str, Policy] = {}
