"""Score candidates for seats with a ranking profile (method + weights). Pure numpy: no Django import.

Methods (an analyst picks one per position kind, `RankingProfile`):

* `model_tepat` — the engine's fit model (`tepat.engine.fit.fit_matrix`) with the profile's weights.
* `profile_matching` — the competency component is the profile-matching value of the assessed
  competencies against the standard (gap table, DOMAIN.md §4.2): manajerial and sosial-kultural competencies
  are the core factors, teknis the secondary ones, split `core_weight` / 1 − `core_weight`; the value
  (1–5) is divided by 5. The other components are the fit model's, combined with the same weights.
* `saw` — simple additive weighting over the five components, each divided by the best value among the
  candidates scored together (benefit criteria, DOMAIN.md §4.3).

A missing component is left out of a pair's weighted mean and the weights of the rest renormalise, as in
the fit model; the fit matrix names it (`missing`) so the page can flag "data belum lengkap".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from tepat.engine.fit import COMPONENTS, Component, FitInputs, FitMatrix, FitWeights, fit_matrix
from tepat.engine.profile_matching import Aspect, Criterion, Factor, score_profiles

FIT, PROFILE_MATCHING, SAW = "model_tepat", "profile_matching", "saw"
METHODS = (FIT, PROFILE_MATCHING, SAW)
METHOD_LABELS = {FIT: "model kecocokan Tepat", PROFILE_MATCHING: "profile matching", SAW: "SAW"}
PM_MAX = 5.0  # the gap table's best weight

Scores = npt.NDArray[np.float32]


@dataclass(frozen=True)
class ScoringProfile:
    label: str  # shown on every ranking, e.g. "Pengawas v2" or "bawaan (semua jenis jabatan)"
    method: str
    weights: FitWeights
    core_weight: float = 0.6
    profile_id: int | None = None  # None: the built-in default (no row)
    version: int = 0

    @property
    def method_label(self) -> str:
        return METHOD_LABELS.get(self.method, self.method)


@dataclass(frozen=True, eq=False)
class CandidateScores:
    score: Scores  # (E, P) 0–100, NaN = nothing could be scored
    fit: FitMatrix  # components, JPM and the missing / partial bits


def score_candidates(
    inputs: FitInputs, profile: ScoringProfile, core_competencies: npt.NDArray[np.bool_]
) -> CandidateScores:
    """Score every employee against every seat of `inputs`; `core_competencies` is (C,) for profile matching."""
    fit = fit_matrix(inputs, profile.weights)
    if profile.method == FIT:
        return CandidateScores(fit.score, fit)
    components = {c: fit.component(c) for c in COMPONENTS}
    if profile.method == PROFILE_MATCHING:
        components[Component.COMPETENCY] = _profile_matching(inputs, profile.core_weight, core_competencies)
    elif profile.method == SAW:
        components = {c: _relative_to_best(values) for c, values in components.items()}
    else:
        raise ValueError(f"metode tidak dikenal: {profile.method}")
    return CandidateScores(_weighted_present(components, fit.weights), fit)


def _profile_matching(inputs: FitInputs, core_weight: float, core: npt.NDArray[np.bool_]) -> Scores:
    """(E, P) profile-matching value ÷ 5 on the competencies each seat requires; NaN where none assessed."""
    employees, positions = inputs.shape
    out = np.full((employees, positions), np.nan, dtype=np.float32)
    for p in range(positions):
        needed = np.flatnonzero(inputs.required[p] > 0)
        if needed.size == 0:
            continue
        criteria = [
            Criterion(str(k), str(k), "kompetensi", float(inputs.required[p, k]), _factor(core[k]))
            for k in needed
        ]
        aspects = [Aspect("kompetensi", 1.0, core_weight if core[needed].any() else 0.0)]
        values = np.clip(inputs.achieved[:, needed], 1, 5)  # NaN (not assessed) stays NaN
        out[:, p] = score_profiles(criteria, aspects, values).total / PM_MAX
    return out


def _factor(is_core: bool) -> Factor:
    return Factor.CORE if is_core else Factor.SECONDARY


def _relative_to_best(values: Scores) -> Scores:
    """SAW benefit normalisation x / max per seat (column); a column whose best is 0 stays 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        best = np.nanmax(np.where(np.isnan(values), -np.inf, values), axis=0, keepdims=True)
        return np.where(best > 0, values / best, np.where(np.isnan(values), np.nan, 0.0)).astype(np.float32)


def _weighted_present(components: dict[Component, Scores], weights: dict[Component, float]) -> Scores:
    shape = np.broadcast_shapes(*(v.shape for v in components.values()))
    total = np.zeros(shape, dtype=np.float32)
    used = np.zeros(shape, dtype=np.float32)
    for component, values in components.items():
        full = np.broadcast_to(values, shape)
        present = ~np.isnan(full)
        total += np.where(present, full * np.float32(weights[component]), np.float32(0))
        used += np.where(present, np.float32(weights[component]), np.float32(0))
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(used > 0, total / used * np.float32(100), np.nan).astype(np.float32)


def incomplete_bits(fit: FitMatrix) -> npt.NDArray[np.uint8]:
    """(E, P) bits of components missing or scored on part of their data (preference never counts)."""
    return fit.missing | fit.partial
