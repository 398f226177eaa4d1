"""Planning models, one module per sub-domain: ranking profiles (candidate ranking) and placement scenarios."""

from tepat.planning.models.ranking import *  # noqa: F403
from tepat.planning.models.scenarios import *  # noqa: F403
