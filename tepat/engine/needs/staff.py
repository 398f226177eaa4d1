"""JPM of each seat holder against their *own* position (the staff-fit page of the needs analysis).

`tepat.engine.jpm.jpm_matrix` scores every employee against every position; the staff-fit page needs only
the diagonal (employee i against the standard of the position i holds). Computing that diagonal row by row
costs O(N·K) instead of one (N×N) product or one `jpm_matrix` call per distinct standard.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tepat.engine.jpm import CapMode


def own_post_jpm(
    achieved: npt.ArrayLike, required: npt.ArrayLike, cap_mode: CapMode = CapMode.NONE
) -> npt.NDArray[np.float64]:
    """Row i of `achieved` (N×K, NaN = not assessed) against row i of `required` (N×K, 0 or NaN = not
    required): the same value as `jpm_matrix(achieved[i:i+1], required[i:i+1], cap_mode).jpm[0, 0]`."""
    a = np.asarray(achieved, dtype=float)
    r = np.nan_to_num(np.asarray(required, dtype=float), nan=0.0)
    assessed = ~np.isnan(a)
    a0 = np.where(assessed, a, 0.0)
    required_total = (np.where(assessed, r, 0.0)).sum(axis=1)
    if cap_mode is CapMode.PER_COMPETENCY:
        return _percent(np.minimum(a0, r).sum(axis=1), required_total)
    raw = _percent(np.where(r > 0, a0, 0.0).sum(axis=1), required_total)
    return np.minimum(raw, 100.0) if cap_mode is CapMode.TOTAL_100 else raw


def _percent(
    numerator: npt.NDArray[np.float64], denominator: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator > 0, numerator / denominator * 100.0, np.nan)
