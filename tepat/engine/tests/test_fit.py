"""The fit model: component formulas, weight renormalisation, incomplete data, matrix vs per-pair agreement."""

import math
from dataclasses import replace
from typing import Any

import numpy as np
import pytest

from tepat.engine.errors import InvalidInput
from tepat.engine.fit import (
    Component,
    ComponentStatus,
    FitInputs,
    FitLabels,
    FitScales,
    FitWeights,
    explain_fit,
    fit_matrix,
    membership,
)
from tepat.engine.fit.matrix import MAX_LEVEL_STEPS, _sum_of_minima
from tepat.engine.jpm import CapMode, jpm_matrix

NAN = math.nan
LABELS = FitLabels(
    field_names={0: "Ilmu Pemerintahan", 1: "Ilmu Hukum", 2: "Teknik Sipil"},
    rumpun_names={0: "Ilmu Sosial dan Politik", 1: "Teknik"},
    family_names={0: "pemerintahan", 1: "keuangan"},
    skp_years=(2025, 2024),
)


def one_pair(**changes: Any) -> FitInputs:
    """One employee, one seat: the worked example of the tests below."""
    base = FitInputs(
        achieved=np.array([[4.0, 1.0, NAN]]),
        required=np.array([[3.0, 2.0, 0.0]]),
        employee_fields=np.array([0]),
        employee_rumpun=np.array([0]),
        accepted_fields=membership([{0}], 3),
        accepted_rumpun=membership([{0}], 2),
        experience_months=np.array([[30.0, 0.0]]),
        position_family=np.array([0]),
        predikat=np.array([[5.0, 4.0]]),  # Sangat Baik 2025, Baik 2024
        preference=np.array([[1.0]]),
        labels=LABELS,
    )
    return replace(base, **changes)


def test_the_worked_example_by_hand() -> None:
    result = fit_matrix(one_pair())
    # kompetensi = (min(4,3) + min(1,2)) / (3+2) = 0.8; JPM uncapped = (4+1)/5 = 100 %
    # pendidikan 1; pengalaman 30/60 = 0.5; kinerja ((5-1)/4 + (4-1)/4)/2 = 0.875; preferensi 1
    expected = {
        Component.COMPETENCY: 0.8,
        Component.EDUCATION: 1.0,
        Component.EXPERIENCE: 0.5,
        Component.PERFORMANCE: 0.875,
        Component.PREFERENCE: 1.0,
    }
    for component, value in expected.items():
        assert result.component(component)[0, 0] == pytest.approx(value)
    assert result.jpm[0, 0] == pytest.approx(100.0)
    assert result.score[0, 0] == pytest.approx(100 * (0.4 * 0.8 + 0.15 + 0.15 * 0.5 + 0.2 * 0.875 + 0.1))
    assert result.incomplete(0, 0) == ()


def test_missing_components_are_left_out_and_the_rest_renormalised() -> None:
    inputs = one_pair(achieved=np.full((1, 3), NAN), predikat=np.full((1, 2), NAN))
    result = fit_matrix(inputs)
    assert result.score[0, 0] == pytest.approx(100 * (0.15 * 1 + 0.15 * 0.5 + 0.1 * 1) / (0.15 + 0.15 + 0.1))
    assert result.incomplete(0, 0) == (Component.COMPETENCY, Component.PERFORMANCE)
    assert np.isnan(result.component(Component.COMPETENCY)[0, 0])  # left out, not zero
    explanation = explain_fit(inputs, 0, 0)
    assert explanation.incomplete == (Component.COMPETENCY, Component.PERFORMANCE)
    assert explanation.sentence.endswith("; data belum lengkap: asesmen kompetensi, SKP")
    shares = [part.weight for part in explanation.components]
    assert shares == pytest.approx([0, 0.15 / 0.4, 0.15 / 0.4, 0, 0.1 / 0.4])
    assert sum(part.points for part in explanation.components) == pytest.approx(explanation.score)


def test_a_pair_with_nothing_to_score_is_nan_and_says_so() -> None:
    inputs = one_pair(
        achieved=np.full((1, 3), NAN),
        employee_fields=np.array([-1]),
        employee_rumpun=np.array([-1]),
        experience_months=np.array([[NAN, NAN]]),
        predikat=np.full((1, 2), NAN),
        preference=None,
    )
    assert np.isnan(fit_matrix(inputs).score[0, 0])
    explanation = explain_fit(inputs, 0, 0)
    assert explanation.score is None
    assert explanation.sentence == (
        "belum dapat dinilai; data belum lengkap: asesmen kompetensi, bidang pendidikan, riwayat jabatan, SKP"
    )


@pytest.mark.parametrize(
    ("changes", "component"),
    [
        ({"required": np.zeros((1, 3))}, Component.COMPETENCY),
        (
            {"accepted_fields": membership([set()], 3), "accepted_rumpun": membership([set()], 2)},
            Component.EDUCATION,
        ),
        ({"position_family": np.array([-1])}, Component.EXPERIENCE),
    ],
)
def test_a_component_the_seat_does_not_require_is_not_applicable_not_missing(
    changes: dict[str, Any], component: Component
) -> None:
    inputs = one_pair(**changes)
    assert fit_matrix(inputs).incomplete(0, 0) == ()
    part = next(p for p in explain_fit(inputs, 0, 0).components if p.component is component)
    assert (part.status, part.value, part.weight) == (ComponentStatus.NOT_APPLICABLE, None, 0.0)


@pytest.mark.parametrize(
    ("fields", "rumpun", "value", "text"),
    [
        ([0], [0], 1.0, "latar pendidikan Ilmu Pemerintahan sesuai"),
        ([1], [0], 0.5, "latar pendidikan Ilmu Hukum serumpun (Ilmu Sosial dan Politik)"),
        ([2], [1], 0.0, "latar pendidikan Teknik Sipil tidak sesuai"),
        ([[2, 0]], [[1, 0]], 1.0, "latar pendidikan Ilmu Pemerintahan sesuai"),  # the best degree counts
        ([[2, -1]], [[1, -1]], 0.0, "Teknik Sipil tidak sesuai"),
    ],
)
def test_education_field_exact_same_rumpun_or_mismatch(
    fields: list[Any], rumpun: list[Any], value: float, text: str
) -> None:
    inputs = one_pair(employee_fields=np.array(fields), employee_rumpun=np.array(rumpun))
    assert fit_matrix(inputs).component(Component.EDUCATION)[0, 0] == pytest.approx(value)
    part = explain_fit(inputs, 0, 0).components[1]
    assert text in part.text


def test_rumpun_credit_is_a_scale_parameter() -> None:
    inputs = one_pair(employee_fields=np.array([1]))
    result = fit_matrix(inputs, scales=FitScales(rumpun_credit=0.8))
    assert result.component(Component.EDUCATION)[0, 0] == pytest.approx(0.8)


@pytest.mark.parametrize(
    ("months", "value", "text"),
    [
        (0.0, 0.0, "belum berpengalaman di bidang pemerintahan"),
        (30.0, 0.5, "2 tahun 6 bulan pengalaman di bidang pemerintahan"),
        (72.0, 1.0, "6 tahun pengalaman di bidang pemerintahan"),  # capped at the full-credit 60 months
        (8.0, 8 / 60, "8 bulan pengalaman"),
    ],
)
def test_experience_saturates_at_full_credit(months: float, value: float, text: str) -> None:
    inputs = one_pair(experience_months=np.array([[months, 0.0]]))
    assert fit_matrix(inputs).component(Component.EXPERIENCE)[0, 0] == pytest.approx(value)
    assert text in explain_fit(inputs, 0, 0).components[2].text


@pytest.mark.parametrize(
    ("predikat", "value", "status", "text"),
    [
        ([4.0, 4.0], 0.75, ComponentStatus.SCORED, "SKP Baik dua tahun terakhir"),
        ([5.0, 4.0], 0.875, ComponentStatus.SCORED, "SKP Sangat Baik (2025), Baik (2024)"),
        ([4.0, NAN], 0.75, ComponentStatus.PARTIAL, "SKP Baik (2025); SKP 2024 belum tercatat"),
        ([NAN, NAN], None, ComponentStatus.MISSING, "SKP belum tercatat"),
        ([1.0, 3.0], 0.25, ComponentStatus.SCORED, "SKP Sangat Kurang (2025), Butuh Perbaikan (2024)"),
    ],
)
def test_performance_from_recent_predikat(
    predikat: list[float], value: float | None, status: ComponentStatus, text: str
) -> None:
    part = explain_fit(one_pair(predikat=np.array([predikat])), 0, 0).components[3]
    assert (part.value is None, part.status, part.text) == (value is None, status, text)
    if value is not None:
        assert part.value == pytest.approx(value)


def test_partial_assessment_is_scored_on_what_was_assessed_and_flagged() -> None:
    inputs = one_pair(achieved=np.array([[4.0, NAN, NAN]]))
    result = fit_matrix(inputs)
    assert result.component(Component.COMPETENCY)[0, 0] == pytest.approx(1.0)  # min(4,3)/3
    part = explain_fit(inputs, 0, 0).components[0]
    assert part.status is ComponentStatus.PARTIAL
    assert part.text == "JPM 133% (Optimal) (1 dari 2 kompetensi dinilai)"


def test_the_camat_sentence() -> None:
    inputs = one_pair(
        achieved=np.array([[4.0, 4.0, 4.0, 4.0, 4.0, 3.0]]),
        required=np.array([[4.0, 4.0, 4.0, 4.0, 4.0, 5.0]]),  # 23 of 25 = 92 %
        experience_months=np.array([[72.0, 0.0]]),
        predikat=np.array([[4.0, 4.0]]),
    )
    explanation = explain_fit(inputs, 0, 0)
    assert explanation.sentence == (
        "JPM 92% (Optimal), 1 kompetensi di bawah standar, latar pendidikan Ilmu Pemerintahan sesuai, "
        "6 tahun pengalaman di bidang pemerintahan, SKP Baik dua tahun terakhir, sesuai pilihan utama pegawai"
    )
    assert (explanation.jpm, explanation.jpm_category) == (pytest.approx(92.0), "Optimal")


@pytest.mark.parametrize(
    ("jpm_inputs", "category"),
    [
        (([[9.0]], [[10.0]]), "Optimal"),
        (([[7.8]], [[10.0]]), "Cukup Optimal"),
        (([[7.7]], [[10.0]]), "Kurang Optimal"),
    ],
)
def test_jpm_category_bands_are_inclusive_at_the_lower_bound(jpm_inputs: Any, category: str) -> None:
    achieved, required = (np.array(x) / 2 for x in jpm_inputs)  # keep levels inside 0–5
    inputs = one_pair(achieved=achieved, required=required)
    assert explain_fit(inputs, 0, 0).jpm_category == category


@pytest.mark.parametrize(
    ("weights", "warned"),
    [
        (FitWeights(), False),
        (FitWeights(1, 1, 1, 1, 1), True),
        (FitWeights(2, 0, 0, 0, 0), True),
    ],
)
def test_weights_are_normalised_with_a_warning(weights: FitWeights, warned: bool) -> None:
    normalised, warnings = weights.normalised()
    assert sum(normalised.values()) == pytest.approx(1.0)
    assert bool(warnings) is warned
    assert fit_matrix(one_pair(), weights).warnings == warnings


def test_competency_only_weights_give_the_competency_score() -> None:
    result = fit_matrix(one_pair(), FitWeights(2, 0, 0, 0, 0))
    assert result.score[0, 0] == pytest.approx(80.0)


@pytest.mark.parametrize(
    ("weights", "path"),
    [(FitWeights(competency=-0.1), "weights.competency"), (FitWeights(0, 0, 0, 0, 0), "weights")],
)
def test_bad_weights_are_rejected(weights: FitWeights, path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        fit_matrix(one_pair(), weights)
    assert caught.value.problems[0].path == path


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"required": np.array([[3.0, 2.0]])}, "required"),
        ({"predikat": np.array([[6.0, 4.0]])}, "predikat"),
        ({"achieved": np.array([[4.0, 7.0, NAN]])}, "achieved"),
        ({"preference": np.array([[1.5]])}, "preference"),
        ({"preference": np.array([[1.0, 0.0]])}, "preference"),
        ({"position_family": np.array([0, 1])}, "position_family"),
        ({"required": np.array([[3.0, NAN, 0.0]])}, "required"),
    ],
)
def test_bad_inputs_name_the_field(changes: dict[str, Any], path: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        fit_matrix(one_pair(**changes))
    assert path in [p.path for p in caught.value.problems]


def random_inputs(seed: int, employees: int = 40, seats: int = 12, fractional: bool = False) -> FitInputs:
    rng = np.random.default_rng(seed)
    comps, fields, rumpun, families = 6, 5, 3, 4
    achieved = rng.integers(1, 6, (employees, comps)).astype(float)
    if fractional:
        achieved = rng.uniform(0.5, 5, (employees, comps)).round(2)
    achieved[rng.random((employees, comps)) < 0.3] = NAN
    achieved[: employees // 8] = NAN  # some never assessed
    required = rng.integers(0, 5, (seats, comps)).astype(float)
    required[0] = 0  # a seat with no competency standard
    emp_fields = rng.integers(-1, fields, (employees, 2))
    predikat = rng.integers(1, 6, (employees, 2)).astype(float)
    predikat[rng.random((employees, 2)) < 0.25] = NAN
    preference = rng.choice([0.0, 0.5, 1.0, NAN], (employees, seats))
    return FitInputs(
        achieved=achieved,
        required=required,
        employee_fields=emp_fields,
        employee_rumpun=np.where(emp_fields >= 0, emp_fields % rumpun, -1),
        accepted_fields=rng.random((seats, fields)) < 0.3,
        accepted_rumpun=rng.random((seats, rumpun)) < 0.3,
        experience_months=np.where(
            rng.random((employees, families)) < 0.05, NAN, rng.integers(0, 100, (employees, families))
        ),
        position_family=rng.integers(-1, families, seats),
        predikat=predikat,
        preference=preference,
    )


def reference_score(inputs: FitInputs, e: int, p: int) -> float:
    """A plain-Python restatement of the module docstring, independent of the vectorised code."""
    parts: dict[str, float] = {}
    req, ach = inputs.required[p], inputs.achieved[e]
    pairs = [(a, r) for a, r in zip(ach, req, strict=True) if r > 0 and not math.isnan(a)]
    if pairs:
        parts["competency"] = sum(min(a, r) for a, r in pairs) / sum(r for _, r in pairs)
    if inputs.accepted_fields[p].any() or inputs.accepted_rumpun[p].any():
        degrees = [
            (f, r)
            for f, r in zip(inputs.employee_fields[e], inputs.employee_rumpun[e], strict=True)
            if f >= 0
        ]
        if degrees:
            exact = any(inputs.accepted_fields[p, f] for f, _ in degrees)
            same = any(inputs.accepted_rumpun[p, r] for _, r in degrees)
            parts["education"] = 1.0 if exact else 0.5 if same else 0.0
    family = inputs.position_family[p]
    if family >= 0 and not math.isnan(inputs.experience_months[e, family]):
        parts["experience"] = min(inputs.experience_months[e, family] / 60, 1.0)
    years = [v for v in inputs.predikat[e] if not math.isnan(v)]
    if years:
        parts["performance"] = sum((v - 1) / 4 for v in years) / len(years)
    if inputs.preference is not None and not math.isnan(inputs.preference[e, p]):
        parts["preference"] = inputs.preference[e, p]
    weights = {
        "competency": 0.4,
        "education": 0.15,
        "experience": 0.15,
        "performance": 0.2,
        "preference": 0.1,
    }
    used = sum(weights[k] for k in parts)
    return 100 * sum(weights[k] * v for k, v in parts.items()) / used if used else NAN


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matrix_agrees_with_the_per_pair_explanation_and_a_plain_restatement(seed: int) -> None:
    inputs = random_inputs(seed)
    result = fit_matrix(inputs)
    employees, seats = inputs.shape
    for e in range(employees):
        for p in range(seats):
            expected = reference_score(inputs, e, p)
            explanation = explain_fit(inputs, e, p)
            if math.isnan(expected):
                assert np.isnan(result.score[e, p])
                assert explanation.score is None
                continue
            assert result.score[e, p] == pytest.approx(expected, abs=1e-3), (e, p)
            assert explanation.score == pytest.approx(expected, abs=1e-3), (e, p)
            assert explanation.incomplete == result.incomplete(e, p)


def test_select_scores_a_subset_exactly_as_the_full_matrix() -> None:
    inputs = random_inputs(5)
    full = fit_matrix(inputs)
    part = fit_matrix(inputs.select([3, 0, 7], [5]))
    np.testing.assert_allclose(part.score[:, 0], full.score[[3, 0, 7], 5], equal_nan=True)
    np.testing.assert_array_equal(part.missing[:, 0], full.missing[[3, 0, 7], 5])


@pytest.mark.parametrize("seed", [11, 12])
def test_sum_of_minima_fast_path_and_loop_agree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    achieved = rng.integers(0, 6, (30, 7)).astype(np.float32)
    required = rng.integers(0, 6, (9, 7)).astype(np.float32)
    naive = np.minimum(achieved[:, None, :], required[None, :, :]).sum(axis=2)
    np.testing.assert_allclose(_sum_of_minima(achieved, required), naive, rtol=1e-6)
    fractional = rng.uniform(0, 5, (30, 7)).astype(
        np.float32
    )  # more distinct levels than the fast path takes
    assert np.unique(fractional).size > MAX_LEVEL_STEPS
    naive = np.minimum(fractional[:, None, :], required[None, :, :]).sum(axis=2)
    np.testing.assert_allclose(_sum_of_minima(fractional, required), naive, rtol=1e-5)


def test_fractional_levels_score_like_the_restatement() -> None:
    inputs = random_inputs(8, fractional=True)
    result = fit_matrix(inputs)
    for e, p in [(10, 3), (20, 7), (39, 11)]:
        expected = reference_score(inputs, e, p)
        assert result.score[e, p] == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(("seed", "fractional"), [(21, False), (22, True)])
def test_the_competency_component_is_the_per_competency_capped_jpm(seed: int, fractional: bool) -> None:
    inputs = random_inputs(seed, fractional=fractional)
    result = fit_matrix(inputs)
    capped = jpm_matrix(inputs.achieved, inputs.required, CapMode.PER_COMPETENCY).jpm / 100
    raw = jpm_matrix(inputs.achieved, inputs.required, CapMode.NONE).jpm
    np.testing.assert_allclose(result.component(Component.COMPETENCY), capped, atol=1e-5, equal_nan=True)
    np.testing.assert_allclose(result.jpm, raw, atol=1e-3, equal_nan=True)


@pytest.mark.parametrize("preference", [None, np.array([[NAN]])])
def test_an_unstated_preference_is_left_out_without_flagging_missing_data(preference) -> None:
    inputs = one_pair(preference=preference)
    result = fit_matrix(inputs)
    assert Component.PREFERENCE not in result.incomplete(0, 0)
    assert np.isnan(result.component(Component.PREFERENCE)[0, 0])
    assert "pegawai belum menyatakan preferensi" not in explain_fit(inputs, 0, 0).sentence
