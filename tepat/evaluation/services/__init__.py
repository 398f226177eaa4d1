"""Writes of the evaluation app: evaluation rounds (rounds.py) and newcomer reviews (reviews.py)."""

from tepat.evaluation.services.rounds import evaluation_compute, evaluation_params, evaluation_run

__all__ = ["evaluation_compute", "evaluation_params", "evaluation_run"]
