"""Post-transfer evaluation (ANCHORS §3 items 2 and 10): did moving raise SKP against similar stayers?

panel (SKP matrix, predikat mapping) → matching (strata + nearest stayers) → did (per-mover difference in
differences, event study) → stats (interval) → classify (verdict, early warnings) → text → report (one dict).
"""

from tepat.engine.evaluation.classify import CLASS_LABELS
from tepat.engine.evaluation.matching import age_band, code_labels, golongan_group
from tepat.engine.evaluation.panel import PREDIKAT_SCORE, Panel, build_panel, skp_value
from tepat.engine.evaluation.params import Mover, Params
from tepat.engine.evaluation.report import ENGINE_VERSION, evaluate

__all__ = [
    "CLASS_LABELS",
    "ENGINE_VERSION",
    "PREDIKAT_SCORE",
    "Mover",
    "Panel",
    "Params",
    "age_band",
    "build_panel",
    "code_labels",
    "evaluate",
    "golongan_group",
    "skp_value",
]
