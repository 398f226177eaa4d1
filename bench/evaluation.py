"""Post-transfer evaluation of the whole city over five SKP years (issue 8: "evaluation over five years" < 3 s).

* reference: one plain numpy pass over the same panel array (the before/after window means and their
  difference for every employee) — the floor any evaluation of this panel has to pay;
* engine: `evaluate` (strata, nearest stayers, differences in differences, bootstrap, groups, rows) on the
  panel already in memory;
* the target: `evaluation_compute` — the six panel queries, the panel build and the engine, i.e. what the
  service does before it stores the run (storing is one INSERT and one audit row).

The round is the one two years back, so its movers have two SKP years before and two after the TMT, and the
panel spans all five recorded years. Run standalone against a seeded database: `python -m bench.evaluation`.
"""

from __future__ import annotations

from bench.city import Fixtures
from bench.engine import timed
from bench.stats import Result, Target

TARGET = Target("< 3 s", 3.0, "median")


def _result(
    name: str, samples: list[float], peak: float, target: Target | None, ref: Result | None
) -> Result:
    result = Result("features", name, samples, peak, target=target)
    if ref is not None:
        result.reference, result.reference_median = ref.name, ref.median
    return result


def run(fx: Fixtures | None = None, quick: bool = False) -> list[Result]:
    import numpy as np

    from tepat.core.scoping import today
    from tepat.engine.evaluation import Params, evaluate
    from tepat.engine.evaluation.panel import window_mean
    from tepat.evaluation.selectors.panel import evaluation_panel
    from tepat.evaluation.services import evaluation_compute

    runs = 3 if quick else 5
    round_year = today().year - 2
    params = Params()
    data = evaluation_panel(round_year=round_year, params=params)
    scores = data.panel.scores
    pre_lo = data.panel.column(round_year - params.pre_years)
    post_lo = data.panel.column(round_year)

    def numpy_pass() -> None:
        pre, _ = window_mean(scores, pre_lo, post_lo)
        post, _ = window_mean(scores, post_lo, post_lo + params.post_years)
        change = post - pre
        np.nansum(change) / max(int(np.count_nonzero(~np.isnan(change))), 1)

    def engine() -> None:
        evaluate(data.panel, data.covariates, data.movers, params, refs=data.employee_ids)

    def compute() -> None:
        evaluation_compute(round_year=round_year, params=params)

    shape = "{:,} employees × {} years".format(*scores.shape)
    reference = _result(
        f"evaluation: numpy window means {shape} (reference)", *timed(numpy_pass, runs), None, None
    )
    engine_result = _result(
        f"evaluation: engine only, {len(data.movers):,} movers", *timed(engine, runs), None, reference
    )
    full = _result(f"evaluation over five years: round {round_year}, whole city (DB + engine)",
                   *timed(compute, runs), TARGET, reference)  # fmt: skip
    summary = evaluation_compute(round_year=round_year, params=params)[0]["summary"]
    full.note = (
        f"{summary['movers']} movers matched, {summary['comparisons']} comparison stayers, "
        f"{summary['unmatched']} unmatched; effect {summary['effect']} [{summary['ci_low']}, {summary['ci_high']}]"
    )
    return [reference, engine_result, full]


if __name__ == "__main__":  # pragma: no cover - manual use against a seeded database
    import django

    django.setup()
    from bench import report

    for line in run():
        print(report.line(line))
