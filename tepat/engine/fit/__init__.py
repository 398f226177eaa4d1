"""Tepat's own fit model (employee × seat, 0–100 with a breakdown). See `matrix` for the formulas."""

from tepat.engine.fit.explain import (
    ComponentScore,
    ComponentStatus,
    FitExplanation,
    explain_fit,
    jpm_category,
)
from tepat.engine.fit.matrix import (
    BIT,
    COMPONENT_LABELS,
    COMPONENTS,
    Component,
    FitInputs,
    FitLabels,
    FitMatrix,
    FitScales,
    FitWeights,
    fit_matrix,
    membership,
)

__all__ = [
    "BIT",
    "COMPONENTS",
    "COMPONENT_LABELS",
    "Component",
    "ComponentScore",
    "ComponentStatus",
    "FitExplanation",
    "FitInputs",
    "FitLabels",
    "FitMatrix",
    "FitScales",
    "FitWeights",
    "explain_fit",
    "fit_matrix",
    "jpm_category",
    "membership",
]
