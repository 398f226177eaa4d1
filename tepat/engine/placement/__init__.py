"""Batch placement: the best plan for a whole rotation round, its vacancy chains, and the greedy baseline.

`build_problem` turns records into index arrays, `solve` returns the optimal plan (with a certified
bound when budgets apply) and `greedy` the one-by-one baseline; `run_case` serves the JSON runner.
"""

from tepat.engine.placement.case import plan_to_dict, run_case
from tepat.engine.placement.model import Employee, PlacementProblem, Seat, build_problem
from tepat.engine.placement.plan import Placement, PlacementPlan
from tepat.engine.placement.solve import greedy, solve

__all__ = [
    "Employee",
    "Placement",
    "PlacementPlan",
    "PlacementProblem",
    "Seat",
    "build_problem",
    "greedy",
    "plan_to_dict",
    "run_case",
    "solve",
]
