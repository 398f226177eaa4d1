"""Evaluation models, one module per sub-domain: post-transfer evaluation runs (runs.py) and review cycles /
talent map (reviews.py, added by its own migration)."""

from tepat.evaluation.models.reviews import *  # noqa: F403
from tepat.evaluation.models.runs import *  # noqa: F403
