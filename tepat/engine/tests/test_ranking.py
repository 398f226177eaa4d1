"""Competition ranks, weight normalisation and the shared input readers."""

import numpy as np
import pytest

from tepat.engine.ranking import Problems, Scored, normalise_weights, rank, read_ids, read_number


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        pytest.param({"a": 3.0, "b": 2.0, "c": 1.0}, [("a", 1), ("b", 2), ("c", 3)], id="distinct"),
        pytest.param(
            {"c": 1.0, "b": 1.0, "a": 0.5}, [("b", 1), ("c", 1), ("a", 3)], id="tie-1-1-3-listed-by-id"
        ),
        pytest.param(
            {"x": 2.0, "b": 5.0, "a": 5.0, "c": 5.0}, [("a", 1), ("b", 1), ("c", 1), ("x", 4)], id="three-way"
        ),
        pytest.param({"b": 1.0, "a": 1.0 + 5e-10}, [("a", 1), ("b", 1)], id="within-1e-9-is-a-tie"),
        pytest.param({"a": 1.0, "b": 1.0 + 1e-8}, [("b", 1), ("a", 2)], id="beyond-1e-9-is-not"),
        pytest.param(
            {"z": 0.1, "a": None, "m": None}, [("z", 1), ("a", 2), ("m", 2)], id="unscored-last-never-dropped"
        ),
        pytest.param({}, [], id="empty"),
    ],
)
def test_competition_ranks(scores: dict[str, float | None], expected: list[tuple[str, int]]) -> None:
    ranking = rank(Scored(key, value, {"k": key}) for key, value in scores.items())
    assert [(item["id"], item["rank"]) for item in ranking] == expected
    assert all(item["details"] == {"k": item["id"]} for item in ranking)
    assert all(set(item) == {"id", "rank", "score", "details"} for item in ranking)


def test_rank_does_not_depend_on_input_order() -> None:
    items = [Scored(str(i), float(i % 3)) for i in range(12)]
    assert rank(items) == rank(reversed(items))


@pytest.mark.parametrize(
    ("weights", "expected", "warned"),
    [
        ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5], False),
        ([0.1 + 0.2, 0.7], [0.3, 0.7], False),  # float noise is not a user mistake
        ([35, 33, 32], [0.35, 0.33, 0.32], True),  # percentages
        ([3, 5, 4, 4], [3 / 16, 5 / 16, 4 / 16, 4 / 16], True),  # raw points
    ],
)
def test_weights_that_do_not_sum_to_one_are_normalised_with_a_warning(
    weights: list[float], expected: list[float], warned: bool
) -> None:
    warnings: list[str] = []
    out = normalise_weights(np.array(weights, dtype=float), "criteria", warnings)
    assert out == pytest.approx(expected)
    assert bool(warnings) is warned
    if warned:
        assert warnings[0].startswith("criteria: bobot berjumlah")


@pytest.mark.parametrize(
    ("value", "low", "high", "expected", "message"),
    [
        (3, 1, 5, 3.0, None),
        (True, None, None, None, "harus berupa angka"),
        (float("nan"), None, None, None, "harus berupa angka"),
        ("3", 1, 5, None, "harus berupa angka 1 sampai 5"),
        (6, 1, 5, None, "harus berupa angka 1 sampai 5"),
        (-1, 0, None, None, "harus berupa angka minimal 0"),
    ],
)
def test_read_number(
    value: object, low: float | None, high: float | None, expected: float | None, message: str | None
) -> None:
    problems = Problems()
    assert read_number(value, "p", problems, low=low, high=high) == expected
    assert [p.message for p in problems.items] == ([message] if message else [])


def test_read_ids_reports_blank_and_duplicate_ids() -> None:
    problems = Problems()
    read_ids(["a", "", "a", 7], ["i[0]", "i[1]", "i[2]", "i[3]"], problems)
    assert [p.path for p in problems.items] == ["i[1]", "i[2]", "i[3]"]
    assert "ganda" in problems.items[1].message
