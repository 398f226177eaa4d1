"""`own_post_jpm` is the diagonal of `jpm_matrix`, for every cap mode, NaN and absent competencies."""

from __future__ import annotations

import numpy as np
import pytest

from tepat.engine.jpm import CapMode, jpm_matrix
from tepat.engine.needs.staff import own_post_jpm


@pytest.mark.parametrize("cap", list(CapMode))
def test_own_post_jpm_equals_the_diagonal_of_jpm_matrix(cap: CapMode) -> None:
    rng = np.random.default_rng(8)
    achieved = rng.integers(1, 6, size=(300, 12)).astype(float)
    achieved[rng.random(achieved.shape) < 0.3] = np.nan  # not assessed
    required = rng.integers(1, 6, size=(300, 12)).astype(float)
    required[rng.random(required.shape) < 0.4] = 0.0  # not required by that post
    required[rng.random(required.shape) < 0.05] = np.nan  # also "not required"
    required[:5] = 0.0  # posts without a standard: no JPM
    achieved[5:10] = np.nan  # never assessed: no JPM
    diagonal = np.diagonal(jpm_matrix(achieved, required, cap).jpm)
    got = own_post_jpm(achieved, required, cap)
    np.testing.assert_array_equal(got, diagonal)  # NaN where NaN, and the same floats elsewhere
    assert np.isnan(got[:10]).all()
    assert not np.isnan(got[10:]).all()


def test_capping_differs_by_mode() -> None:
    achieved, required = np.array([[5.0, 1.0]]), np.array([[3.0, 3.0]])
    assert own_post_jpm(achieved, required, CapMode.NONE)[0] == pytest.approx(100.0)
    assert own_post_jpm(achieved, required, CapMode.PER_COMPETENCY)[0] == pytest.approx(400 / 6)
    assert own_post_jpm(np.array([[5.0, 5.0]]), required, CapMode.TOTAL_100)[0] == 100.0


def test_empty_input() -> None:
    assert own_post_jpm(np.zeros((0, 3)), np.zeros((0, 3))).shape == (0,)
