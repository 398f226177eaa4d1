"""Tepat's own fit model: how well each employee fits each seat, 0–100, with a per-component breakdown.

Five components, each scored 0–1 (DOMAIN.md §4, §5 "rekam jejak", §6):

* kompetensi  — Σ min(capaian, standar) / Σ standar over the required competencies that were assessed: the
  JPM with each term capped at the standard, so a surplus in one competency never hides a gap in another.
  The uncapped JPM and its category are reported beside it. These equal `jpm.jpm_matrix` with cap modes
  `per_competency` ÷ 100 and `none` (a test holds them equal); fit computes them with one matrix product
  instead of one pass per competency because it always scores the whole city at once.
* pendidikan  — 1 for an accepted field of study, `rumpun_credit` for the same rumpun, 0 otherwise
  (an employee's best degree counts).
* pengalaman  — months in past and current posts of the seat's position family ÷ `experience_full_months`, capped at 1.
* kinerja     — mean of the SKP predikat of the recorded years, Sangat Kurang = 0 … Sangat Baik = 1.
* preferensi  — the employee's stated preference for the seat, 0–1.

Incomplete data: a component whose data is missing (no assessment, no SKP, no stated preference) is left
out and the remaining weights are renormalised; it is named in `missing` — never a silent zero, never dropped.
A component that does not apply to a seat (no competency standard, no field requirement, no position
family) is left out the same way but is not "missing". A pair with no usable component scores NaN.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.jpm import PEMETAAN, CategoryScale

Matrix = npt.NDArray[np.float32]
FloatArray = npt.NDArray[np.floating]
IntArray = npt.NDArray[np.integer]
BoolArray = npt.NDArray[np.bool_]


class Component(StrEnum):
    COMPETENCY = "kompetensi"
    EDUCATION = "pendidikan"
    EXPERIENCE = "pengalaman"
    PERFORMANCE = "kinerja"
    PREFERENCE = "preferensi"


COMPONENTS: tuple[Component, ...] = tuple(Component)
BIT: dict[Component, int] = {c: 1 << i for i, c in enumerate(COMPONENTS)}
COMPONENT_LABELS: dict[Component, str] = {
    Component.COMPETENCY: "asesmen kompetensi",
    Component.EDUCATION: "bidang pendidikan",
    Component.EXPERIENCE: "riwayat jabatan",
    Component.PERFORMANCE: "SKP",
    Component.PREFERENCE: "preferensi pegawai",
}


@dataclass(frozen=True)
class FitWeights:
    """Relative weights, normalised to sum 1 before use (a sum other than 1 gives a warning, not an error).

    Defaults: competency first because PP 11/2017 Pasal 190 ayat (4) names the fit of competence to the job
    first; performance next (SKP is a mutation requirement); education field and experience are the
    "rekam jejak" of manajemen talenta; preference last — it informs, it must not decide.
    """

    competency: float = 0.40
    education: float = 0.15
    experience: float = 0.15
    performance: float = 0.20
    preference: float = 0.10

    def normalised(self) -> tuple[dict[Component, float], tuple[str, ...]]:
        raw = dict(zip(COMPONENTS, (getattr(self, f.name) for f in fields(self)), strict=True))
        problems = [
            FieldProblem(f"weights.{f.name}", "harus angka hingga dan tidak negatif")
            for f, value in zip(fields(self), raw.values(), strict=True)
            if not np.isfinite(value) or value < 0
        ]
        total = sum(raw.values())
        if not problems and total <= 0:
            problems.append(FieldProblem("weights", "paling sedikit satu bobot harus lebih dari 0"))
        if problems:
            raise InvalidInput(problems)
        warnings = () if abs(total - 1) < 1e-9 else (f"jumlah bobot {total:g}, dinormalisasi menjadi 1",)
        return {c: w / total for c, w in raw.items()}, warnings


@dataclass(frozen=True)
class FitScales:
    rumpun_credit: float = 0.5  # same rumpun, different field: half of an exact match
    experience_full_months: int = 60  # five years in the family earns the full experience score
    jpm_scale: CategoryScale = PEMETAAN  # category shown beside the JPM (scale A, DOMAIN.md §4.1)


@dataclass(frozen=True)
class FitLabels:
    """Names for the explanation sentence only; scores never read them."""

    field_names: Mapping[int, str] = field(default_factory=dict)
    rumpun_names: Mapping[int, str] = field(default_factory=dict)
    family_names: Mapping[int, str] = field(default_factory=dict)  # e.g. {3: "pemerintahan"}
    skp_years: tuple[int, ...] = ()  # year of each predikat column, most recent first


@dataclass(frozen=True, eq=False)
class FitInputs:
    """E employees, P seats, C competencies, F fields, R rumpun, G position families, Y SKP years.

    Ids are 0-based indexes into the caller's lists; -1 means "none / not recorded".
    """

    achieved: FloatArray  # (E, C) assessed level 1–5, NaN = not assessed
    required: FloatArray  # (P, C) standard level, 0 = not required
    employee_fields: IntArray  # (E,) or (E, K): field of each degree
    employee_rumpun: IntArray  # same shape: rumpun of each degree
    accepted_fields: BoolArray  # (P, F)
    accepted_rumpun: BoolArray  # (P, R)
    experience_months: FloatArray  # (E, G) months served in each family, NaN = history unknown
    position_family: IntArray  # (P,)
    predikat: FloatArray  # (E, Y) PREDIKAT_ORDER value 1–5, NaN = no SKP; column 0 is the most recent year
    preference: FloatArray | None = None  # (E, P) 0–1, NaN = not stated; None = nobody has stated any
    labels: FitLabels = field(default_factory=FitLabels)

    @property
    def shape(self) -> tuple[int, int]:
        return self.achieved.shape[0], self.required.shape[0]

    def select(
        self, employees: Sequence[int] | None = None, positions: Sequence[int] | None = None
    ) -> FitInputs:
        """The same inputs for a subset (e.g. one seat for its ranking page), by index lists."""
        e = np.arange(self.shape[0]) if employees is None else np.asarray(employees, dtype=np.int64)
        p = np.arange(self.shape[1]) if positions is None else np.asarray(positions, dtype=np.int64)
        preference = None if self.preference is None else self.preference[np.ix_(e, p)]
        return FitInputs(
            self.achieved[e], self.required[p], self.employee_fields[e], self.employee_rumpun[e],
            self.accepted_fields[p], self.accepted_rumpun[p], self.experience_months[e],
            self.position_family[p], self.predikat[e], preference, self.labels,
        )  # fmt: skip


@dataclass(frozen=True, eq=False)
class FitMatrix:
    score: Matrix  # (E, P) 0–100; NaN where no component could be scored
    components: dict[Component, Matrix]  # each 0–1, broadcastable to (E, P); NaN = left out
    jpm: Matrix  # (E, P) uncapped JPM %, NaN = no assessment
    missing: npt.NDArray[np.uint8]  # (E, P) bit per component left out for missing data (see BIT)
    partial: npt.NDArray[np.uint8]  # (E, P) bit per component scored on part of its data
    weights: dict[Component, float]  # normalised
    warnings: tuple[str, ...] = ()

    def incomplete(self, employee: int, position: int) -> tuple[Component, ...]:
        return _unpack(int(self.missing[employee, position]))

    def component(self, name: Component) -> Matrix:
        return np.broadcast_to(self.components[name], self.score.shape)


def _unpack(bits: int) -> tuple[Component, ...]:
    return tuple(c for c in COMPONENTS if bits & BIT[c])


def membership(sets: Sequence[Iterable[int]], size: int) -> BoolArray:
    """(len(sets), size) boolean matrix from id sets, e.g. the accepted field ids of each seat."""
    matrix = np.zeros((len(sets), size), dtype=bool)
    for row, ids in enumerate(sets):
        matrix[row, list(ids)] = True
    return matrix


def fit_matrix(
    inputs: FitInputs, weights: FitWeights | None = None, scales: FitScales | None = None
) -> FitMatrix:
    """Score every employee against every seat at once."""
    weights, scales = weights or FitWeights(), scales or FitScales()
    normalised, warnings = weights.normalised()
    _validate(inputs, scales)
    competency, jpm, comp_missing, comp_partial = _competency(inputs)
    perf, perf_missing, perf_partial = _performance(inputs)
    education, edu_missing = _education(inputs, scales)
    experience, exp_missing = _experience(inputs, scales)
    preference, pref_missing = _preference(inputs)
    components = {
        Component.COMPETENCY: competency,
        Component.EDUCATION: education,
        Component.EXPERIENCE: experience,
        Component.PERFORMANCE: perf,
        Component.PREFERENCE: preference,
    }
    shape = inputs.shape
    missing = np.zeros(shape, dtype=np.uint8)
    partial = np.zeros(shape, dtype=np.uint8)
    for comp, mask in ((Component.COMPETENCY, comp_missing), (Component.EDUCATION, edu_missing),
                       (Component.EXPERIENCE, exp_missing), (Component.PERFORMANCE, perf_missing),
                       (Component.PREFERENCE, pref_missing)):  # fmt: skip
        missing |= np.where(mask, np.uint8(BIT[comp]), np.uint8(0))
    partial |= np.where(comp_partial, np.uint8(BIT[Component.COMPETENCY]), np.uint8(0))
    partial |= np.where(perf_partial, np.uint8(BIT[Component.PERFORMANCE]), np.uint8(0))
    score = _combine(components, normalised, shape)
    return FitMatrix(score, components, jpm, missing, partial, normalised, warnings)


def _combine(
    components: dict[Component, Matrix], weights: dict[Component, float], shape: tuple[int, int]
) -> Matrix:
    """Weighted mean over the components present in each cell: the weights renormalise per pair."""
    total = np.zeros(shape, dtype=np.float32)
    used = np.zeros(shape, dtype=np.float32)
    term = np.empty(shape, dtype=np.float32)
    for comp, values in components.items():
        present = ~np.isnan(values)
        np.multiply(values, np.float32(weights[comp]), out=term)
        np.add(total, term, out=total, where=present)
        np.add(used, np.float32(weights[comp]), out=used, where=present)
    np.divide(total, used, out=total, where=used > 0)
    total *= np.float32(100)
    total[used == 0] = np.nan
    return total


def _competency(inputs: FitInputs) -> tuple[Matrix, Matrix, BoolArray, BoolArray]:
    achieved = np.nan_to_num(inputs.achieved.astype(np.float32), nan=0.0)
    assessed = (~np.isnan(inputs.achieved)).astype(np.float32)
    required = inputs.required.astype(np.float32)
    needed = (required > 0).astype(np.float32)
    standard = assessed @ required.T  # Σ standar over the assessed required competencies
    reached = achieved @ needed.T  # Σ capaian over the same
    counted = assessed @ needed.T
    capped = _sum_of_minima(achieved, required)
    n_required = needed.sum(axis=1)[None, :]
    has = standard > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(has, capped / standard, np.float32(np.nan)).astype(np.float32)
        jpm = np.where(has, reached / standard * np.float32(100), np.float32(np.nan)).astype(np.float32)
    missing = (n_required > 0) & ~has
    partial = has & (counted < n_required)
    return score, jpm, missing, partial


MAX_LEVEL_STEPS = 16


def _sum_of_minima(achieved: Matrix, required: Matrix) -> Matrix:
    """(E, P) Σ_c min(a_ec, r_pc); 0 (not assessed / not required) contributes 0.

    With the distinct levels v_1 < … < v_L, min(a, r) = Σ_j (v_j − v_{j−1})·[a ≥ v_j]·[r ≥ v_j], so the
    whole matrix is one matrix product with inner size C·L — exact, and far faster than C passes.
    """
    levels = np.unique(np.concatenate([achieved[achieved > 0], required[required > 0]]))
    total = np.zeros((achieved.shape[0], required.shape[0]), dtype=np.float32)
    if levels.size == 0:
        return total
    if levels.size > MAX_LEVEL_STEPS:  # many distinct fractional levels: plain loop
        for c in range(achieved.shape[1]):
            total += np.minimum(achieved[:, c, None], required[None, :, c])
        return total
    steps = np.diff(levels, prepend=np.float32(0)).astype(np.float32)
    left = np.concatenate([(achieved >= v) * step for v, step in zip(levels, steps, strict=True)], axis=1)
    right = np.concatenate([(required >= v) for v in levels], axis=1).astype(np.float32)
    return (left.astype(np.float32) @ right.T).astype(np.float32)


def _performance(inputs: FitInputs) -> tuple[Matrix, BoolArray, BoolArray]:
    recorded = ~np.isnan(inputs.predikat)
    count = recorded.sum(axis=1)
    total = np.nansum((inputs.predikat - 1) / 4, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.where(count > 0, total / np.maximum(count, 1), np.nan).astype(np.float32)
    return score[:, None], (count == 0)[:, None], ((count > 0) & (count < inputs.predikat.shape[1]))[:, None]


def _match_any(ids: IntArray, accepted: BoolArray) -> BoolArray:
    """(E, P): any of an employee's degrees (ids, -1 = none) is accepted by the seat."""
    ids2 = ids.reshape(ids.shape[0], -1)
    out = np.zeros((ids2.shape[0], accepted.shape[0]), dtype=bool)
    for k in range(ids2.shape[1]):
        valid = ids2[:, k] >= 0
        out[valid] |= accepted[:, ids2[valid, k]].T
    return out


def _education(inputs: FitInputs, scales: FitScales) -> tuple[Matrix, BoolArray]:
    exact = _match_any(inputs.employee_fields, inputs.accepted_fields)
    same_rumpun = _match_any(inputs.employee_rumpun, inputs.accepted_rumpun)
    score = np.where(exact, 1.0, np.where(same_rumpun, scales.rumpun_credit, 0.0)).astype(np.float32)
    applies: BoolArray = np.asarray(inputs.accepted_fields.any(axis=1) | inputs.accepted_rumpun.any(axis=1))
    known: BoolArray = np.asarray((inputs.employee_fields.reshape(inputs.shape[0], -1) >= 0).any(axis=1))
    usable = applies[None, :] & known[:, None]
    score[~usable] = np.nan
    return score, applies[None, :] & ~known[:, None]


def _experience(inputs: FitInputs, scales: FitScales) -> tuple[Matrix, BoolArray]:
    family = inputs.position_family
    applies = family >= 0
    months = inputs.experience_months[:, np.where(applies, family, 0)].astype(np.float32)
    score = np.minimum(months / np.float32(scales.experience_full_months), np.float32(1))
    score[:, ~applies] = np.nan
    return score, np.isnan(months) & applies[None, :]


def _preference(inputs: FitInputs) -> tuple[Matrix, BoolArray]:
    """Stating a preference is optional: an unstated one (NaN) leaves the component out but is not "missing".

    The caller puts 0 where an employee stated preferences for other seats and NaN where they stated none.
    """
    if inputs.preference is None:
        return np.full((inputs.shape[0], 1), np.nan, dtype=np.float32), np.zeros(
            (inputs.shape[0], 1), dtype=bool
        )
    values = inputs.preference.astype(np.float32)
    return values, np.zeros(values.shape, dtype=bool)


def _validate(inputs: FitInputs, scales: FitScales) -> None:
    problems = _shape_problems(inputs) + _range_problems(inputs, scales)
    if problems:
        raise InvalidInput(problems)


def _shape_problems(inputs: FitInputs) -> list[FieldProblem]:
    e, p = inputs.shape
    c = inputs.achieved.shape[1] if inputs.achieved.ndim == 2 else -1
    degrees = (e,) if inputs.employee_fields.ndim == 1 else (e, None)
    expected: dict[str, tuple[int | None, ...]] = {
        "achieved": (e, None),
        "required": (p, c),
        "employee_fields": degrees,
        "employee_rumpun": inputs.employee_fields.shape,
        "accepted_fields": (p, None),
        "accepted_rumpun": (p, None),
        "experience_months": (e, None),
        "position_family": (p,),
        "predikat": (e, None),
    }
    if inputs.preference is not None:
        expected["preference"] = (e, p)
    problems = []
    for name, want in expected.items():
        got = getattr(inputs, name).shape
        if len(got) != len(want) or any(w is not None and w != g for w, g in zip(want, got, strict=False)):
            shown = "×".join("*" if w is None else str(w) for w in want)
            problems.append(FieldProblem(name, f"ukuran {got} tidak sesuai, seharusnya {shown}"))
    return problems


def _range_problems(inputs: FitInputs, scales: FitScales) -> list[FieldProblem]:
    checks = [
        ("achieved", inputs.achieved, 0.0, 5.0),
        ("required", inputs.required, 0.0, 5.0),
        ("predikat", inputs.predikat, 1.0, 5.0),
        ("experience_months", inputs.experience_months, 0.0, np.inf),
    ]
    if inputs.preference is not None:
        checks.append(("preference", inputs.preference, 0.0, 1.0))
    problems = [
        FieldProblem(name, f"nilai harus dari {low:g} sampai {high:g} (NaN untuk data kosong)")
        for name, values, low, high in checks
        if np.any((values < low) | (values > high))
    ]
    if np.isnan(inputs.required).any():
        problems.append(
            FieldProblem("required", "tidak boleh NaN; isi 0 untuk kompetensi yang tidak disyaratkan")
        )
    if not 0 <= scales.rumpun_credit <= 1 or scales.experience_full_months <= 0:
        problems.append(FieldProblem("scales", "rumpun_credit 0–1 dan experience_full_months > 0"))
    return problems
