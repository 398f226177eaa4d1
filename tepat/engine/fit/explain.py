"""Why one employee fits one seat: the breakdown and a plain Indonesian sentence.

The numbers come from `fit_matrix` on the one pair (so the formulas live in one place); this module
only words them, from the same raw inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from tepat.engine.fit.matrix import (
    BIT,
    COMPONENT_LABELS,
    COMPONENTS,
    Component,
    FitInputs,
    FitMatrix,
    FitScales,
    FitWeights,
    fit_matrix,
)
from tepat.engine.jpm import categorize
from tepat.engine.reference import PREDIKAT_ORDER
from tepat.engine.rules.dates import format_months

PREDIKAT_BY_ORDER = {order: str(predikat) for predikat, order in PREDIKAT_ORDER.items()}
COUNT_WORDS = {1: "satu", 2: "dua", 3: "tiga", 4: "empat", 5: "lima"}


class ComponentStatus(StrEnum):
    SCORED = "dinilai"
    PARTIAL = "sebagian"  # scored on part of its data (some competencies or years missing)
    MISSING = "data_belum_lengkap"  # left out; the weights of the others renormalise
    NOT_APPLICABLE = "tidak_berlaku"  # the seat sets no requirement for it


@dataclass(frozen=True)
class ComponentScore:
    component: Component
    value: float | None  # 0–1, None when left out
    weight: float  # share of this pair's score after renormalisation; 0 when left out
    points: float  # contribution to the 0–100 score
    status: ComponentStatus
    text: str


@dataclass(frozen=True)
class FitExplanation:
    score: float | None  # 0–100; None when nothing could be scored
    jpm: float | None  # uncapped JPM %
    jpm_category: str | None
    components: tuple[ComponentScore, ...]
    incomplete: tuple[Component, ...]
    sentence: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Pair:
    inputs: FitInputs  # the full inputs
    e: int
    p: int
    scales: FitScales
    jpm: float | None
    status: ComponentStatus


def explain_fit(
    inputs: FitInputs,
    employee: int,
    position: int,
    weights: FitWeights | None = None,
    scales: FitScales | None = None,
) -> FitExplanation:
    scales = scales or FitScales()
    result = fit_matrix(inputs.select([employee], [position]), weights, scales)
    jpm = _finite(result.jpm[0, 0])
    parts = []
    for component in COMPONENTS:
        status = _status(result, component)
        pair = _Pair(inputs, employee, position, scales, jpm, status)
        parts.append(_component_score(result, component, status, TEXTS[component](pair)))
    incomplete = result.incomplete(0, 0)
    score = _finite(result.score[0, 0])
    category = None if jpm is None else jpm_category(jpm, scales)
    sentence = _sentence(parts, incomplete, score)
    return FitExplanation(score, jpm, category, tuple(parts), incomplete, sentence, result.warnings)


def jpm_category(jpm: float, scales: FitScales) -> str:
    return str(categorize(np.array([jpm]), scales.jpm_scale)[0])


def _finite(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def _status(result: FitMatrix, component: Component) -> ComponentStatus:
    if result.missing[0, 0] & BIT[component]:
        return ComponentStatus.MISSING
    if np.isnan(result.component(component)[0, 0]):
        return ComponentStatus.NOT_APPLICABLE
    return ComponentStatus.PARTIAL if result.partial[0, 0] & BIT[component] else ComponentStatus.SCORED


def _component_score(
    result: FitMatrix, component: Component, status: ComponentStatus, text: str
) -> ComponentScore:
    value = _finite(result.component(component)[0, 0])
    if value is None:
        return ComponentScore(component, None, 0.0, 0.0, status, text)
    used = sum(
        result.weights[c] for c in COMPONENTS if not np.isnan(result.component(c)[0, 0])
    )  # the renormalised share of this component for this pair
    weight = result.weights[component] / used
    return ComponentScore(component, value, weight, value * weight * 100, status, text)


def _sentence(parts: list[ComponentScore], incomplete: tuple[Component, ...], score: float | None) -> str:
    scored = [part.text for part in parts if part.value is not None]
    lacking = ", ".join(COMPONENT_LABELS[c] for c in incomplete)
    if score is None:
        return f"belum dapat dinilai; data belum lengkap: {lacking}" if lacking else "belum dapat dinilai"
    sentence = ", ".join(scored)
    return f"{sentence}; data belum lengkap: {lacking}" if lacking else sentence


def _competency_text(pair: _Pair) -> str:
    if pair.status is ComponentStatus.NOT_APPLICABLE:
        return "jabatan ini belum memiliki standar kompetensi"
    if pair.status is ComponentStatus.MISSING or pair.jpm is None:
        return "belum ada hasil asesmen kompetensi"
    required, achieved = pair.inputs.required[pair.p], pair.inputs.achieved[pair.e]
    needed = required > 0
    assessed = needed & ~np.isnan(achieved)
    text = f"JPM {pair.jpm:.0f}% ({jpm_category(pair.jpm, pair.scales)})"
    gaps = int(np.sum(achieved[assessed] < required[assessed]))
    if gaps:
        text += f", {gaps} kompetensi di bawah standar"
    if pair.status is ComponentStatus.PARTIAL:
        text += f" ({int(assessed.sum())} dari {int(needed.sum())} kompetensi dinilai)"
    return text


def _education_text(pair: _Pair) -> str:
    if pair.status is ComponentStatus.NOT_APPLICABLE:
        return "jabatan tanpa syarat bidang pendidikan"
    if pair.status is ComponentStatus.MISSING:
        return "bidang pendidikan belum tercatat"
    inputs, names = pair.inputs, pair.inputs.labels
    fields_ = inputs.employee_fields[pair.e].reshape(-1)
    rumpun = inputs.employee_rumpun[pair.e].reshape(-1)
    for f in fields_:
        if f >= 0 and inputs.accepted_fields[pair.p, f]:
            return f"latar pendidikan {names.field_names.get(int(f), f'bidang {f}')} sesuai"
    for k, r in enumerate(rumpun):
        if r >= 0 and inputs.accepted_rumpun[pair.p, r]:
            field_name = names.field_names.get(int(fields_[k]), f"bidang {fields_[k]}")
            return f"latar pendidikan {field_name} serumpun ({names.rumpun_names.get(int(r), f'rumpun {r}')})"
    known = [names.field_names.get(int(f), f"bidang {f}") for f in fields_ if f >= 0]
    return f"latar pendidikan {', '.join(known)} tidak sesuai"


def _experience_text(pair: _Pair) -> str:
    if pair.status is ComponentStatus.NOT_APPLICABLE:
        return "jabatan tanpa rumpun jabatan"
    if pair.status is ComponentStatus.MISSING:
        return "riwayat jabatan belum tercatat"
    family = int(pair.inputs.position_family[pair.p])
    name = pair.inputs.labels.family_names.get(family, f"rumpun jabatan {family}")
    months = int(pair.inputs.experience_months[pair.e, family])
    return (
        f"{format_months(months)} pengalaman di bidang {name}"
        if months
        else f"belum berpengalaman di bidang {name}"
    )


def _performance_text(pair: _Pair) -> str:
    if pair.status is ComponentStatus.MISSING:
        return "SKP belum tercatat"
    values = pair.inputs.predikat[pair.e]
    years = pair.inputs.labels.skp_years
    year = [str(years[k]) if k < len(years) else f"{k + 1} tahun lalu" for k in range(values.size)]
    labels = [None if np.isnan(v) else PREDIKAT_BY_ORDER.get(round(v), "?") for v in values]
    if None not in labels and len(set(labels)) == 1:
        count = len(labels)
        return f"SKP {labels[0]} " + (
            "tahun terakhir" if count == 1 else f"{COUNT_WORDS.get(count, count)} tahun terakhir"
        )
    shown = ", ".join(f"{label} ({year[k]})" for k, label in enumerate(labels) if label is not None)
    absent = ", ".join(year[k] for k, label in enumerate(labels) if label is None)
    return f"SKP {shown}" + (f"; SKP {absent} belum tercatat" if absent else "")


def _preference_text(pair: _Pair) -> str:
    preference = pair.inputs.preference
    if preference is None or np.isnan(preference[pair.e, pair.p]):
        return "pegawai belum menyatakan preferensi"
    value = float(preference[pair.e, pair.p])
    if value >= 1:
        return "sesuai pilihan utama pegawai"
    return "termasuk pilihan pegawai" if value > 0 else "bukan pilihan pegawai"


TEXTS: dict[Component, Callable[[_Pair], str]] = {
    Component.COMPETENCY: _competency_text,
    Component.EDUCATION: _education_text,
    Component.EXPERIENCE: _experience_text,
    Component.PERFORMANCE: _performance_text,
    Component.PREFERENCE: _preference_text,
}
