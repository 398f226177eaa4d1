"""9-box talent map (DOMAIN.md §5): axis cut-offs at their edges, the box layout, missing axes, the rule data
override, recommendations and succession groups, counts, and the vectorised placement against a plain loop."""

import json
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from tepat.engine.cases import METHODS
from tepat.engine.errors import InvalidInput
from tepat.engine.rules.parameters import RuleBook
from tepat.engine.talent import (
    BOX_RECOMMENDATIONS,
    DEFAULT_TALENT_PARAMETERS,
    UNPLACED_NO_PERFORMANCE,
    UNPLACED_NO_POTENTIAL,
    Performance,
    Potential,
    TalentCutoffs,
    box_counts,
    box_info,
    grid_rows,
    place_boxes,
    talent_cutoffs,
)
from tepat.engine.tests.test_cases import run_cli

NAN = float("nan")
DEFAULT = TalentCutoffs()


@pytest.mark.parametrize(
    ("jpm", "predikat", "box"),
    [
        # DOMAIN §5 layout: rows kinerja (di atas / sesuai / di bawah), columns potensial (rendah → tinggi).
        (95.0, "Sangat Baik", 9),
        (80.0, "Sangat Baik", 7),
        (50.0, "Sangat Baik", 4),
        (95.0, "Baik", 8),
        (80.0, "Baik", 5),
        (50.0, "Baik", 2),
        (95.0, "Butuh Perbaikan", 6),
        (80.0, "Kurang", 3),
        (50.0, "Sangat Kurang", 1),
        # Edges: "≥ 90" is tinggi, 89.99 menengah; "≥ 78" menengah, 77.99 rendah; float noise for 90 counts.
        (90.0, "Baik", 8),
        (89.99, "Baik", 5),
        (78.0, "Baik", 5),
        (77.99, "Baik", 2),
        (89.99999999999999, "Baik", 8),
        # Missing axes: potential first, then performance.
        (NAN, "Baik", UNPLACED_NO_POTENTIAL),
        (NAN, None, UNPLACED_NO_POTENTIAL),
        (95.0, None, UNPLACED_NO_PERFORMANCE),
        (95.0, "", UNPLACED_NO_PERFORMANCE),
    ],
)
def test_box_of_one_employee(jpm: float, predikat: str | None, box: int) -> None:
    assert place_boxes(np.array([jpm]), [predikat], DEFAULT).tolist() == [box]


def test_cut_offs_come_from_rule_data_and_an_admin_version_wins() -> None:
    book = RuleBook(DEFAULT_TALENT_PARAMETERS)
    assert talent_cutoffs(book, date(2026, 1, 1)) == DEFAULT
    newer = replace(DEFAULT_TALENT_PARAMETERS[0], value=85, effective_from=date(2026, 7, 1))
    older = replace(DEFAULT_TALENT_PARAMETERS[0], effective_to=date(2026, 6, 30))
    book = RuleBook((older, newer, *DEFAULT_TALENT_PARAMETERS[1:]))
    assert talent_cutoffs(book, date(2026, 6, 30)).potential_high_min == 90
    cutoffs = talent_cutoffs(book, date(2026, 7, 1))
    assert cutoffs.potential_high_min == 85
    assert place_boxes(np.array([86.0]), ["Baik"], cutoffs).tolist() == [8]


def test_performance_levels_follow_the_configured_predikat() -> None:
    lenient = TalentCutoffs(
        performance_above=frozenset({"Sangat Baik", "Baik"}), performance_meets=frozenset()
    )
    assert place_boxes(np.array([95.0, 95.0]), ["Baik", "Butuh Perbaikan"], lenient).tolist() == [9, 6]


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"potential_middle_min": 95.0}, "params.TALENT.potential_middle_min"),
        ({"potential_middle_min": -1.0}, "params.TALENT.potential_middle_min"),
        ({"performance_above": frozenset({"Luar Biasa"})}, "params.TALENT.performance_above"),
        ({"performance_meets": frozenset({"Sangat Baik"})}, "params.TALENT.performance_meets"),
    ],
)
def test_bad_cut_offs_name_the_parameter(kwargs: dict, path: str) -> None:
    with pytest.raises(InvalidInput) as error:
        TalentCutoffs(**kwargs)
    assert error.value.problems[0].path == path


def test_a_malformed_rule_row_is_named() -> None:
    bad = replace(DEFAULT_TALENT_PARAMETERS[2], value=3)
    with pytest.raises(InvalidInput) as error:
        talent_cutoffs(
            RuleBook((*DEFAULT_TALENT_PARAMETERS[:2], bad, DEFAULT_TALENT_PARAMETERS[3])), date(2026, 1, 1)
        )
    assert error.value.problems[0].path == "params.TALENT.performance_above"


def test_recommendations_and_succession_groups_per_box() -> None:
    assert box_info(9).succession == "Kelompok Rencana Suksesi Instansi dan Nasional"
    assert box_info(8).succession == box_info(7).succession == "Kelompok Rencana Suksesi Instansi"
    assert all(box_info(n).succession == "" for n in range(1, 7))
    assert box_info(1).recommendations == ("Diproses sesuai ketentuan peraturan perundang-undangan",)
    assert "Rotasi" in box_info(4).recommendations
    assert (box_info(6).performance, box_info(6).potential) == (Performance.DI_BAWAH, Potential.TINGGI)
    assert box_info(7).title == "Kotak 7: kinerja di atas ekspektasi, potensial menengah"
    assert set(BOX_RECOMMENDATIONS) == set(range(1, 10))
    with pytest.raises(InvalidInput):
        box_info(10)


def test_grid_reads_top_row_first() -> None:
    assert [[b.number for b in row] for row in grid_rows()] == [[4, 7, 9], [2, 5, 8], [1, 3, 6]]


def test_counts_hold_every_box_and_the_unplaced() -> None:
    counts = box_counts(np.array([9, 9, 1, UNPLACED_NO_POTENTIAL, UNPLACED_NO_PERFORMANCE, 5]))
    assert counts[9] == 2
    assert counts[1] == 1
    assert counts[5] == 1
    assert counts[2] == 0
    assert counts[UNPLACED_NO_POTENTIAL] == 1
    assert counts[UNPLACED_NO_PERFORMANCE] == 1
    assert sum(counts.values()) == 6


def _plain_box(jpm: float, predikat: str | None) -> int:
    """An independent reading of DOMAIN §5 for one person."""
    if np.isnan(jpm):
        return UNPLACED_NO_POTENTIAL
    if not predikat:
        return UNPLACED_NO_PERFORMANCE
    col = 2 if jpm >= 90 else 1 if jpm >= 78 else 0
    row = 0 if predikat == "Sangat Baik" else 1 if predikat == "Baik" else 2
    return [[4, 7, 9], [2, 5, 8], [1, 3, 6]][row][col]


def test_vectorised_placement_equals_a_plain_loop_on_15000_rows() -> None:
    rng = np.random.default_rng(7)
    jpm = rng.uniform(50, 110, 15_000).round(1)
    jpm[rng.random(15_000) < 0.1] = np.nan
    options = [None, "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    predikat = [options[i] for i in rng.integers(0, len(options), 15_000)]
    boxes = place_boxes(jpm, predikat, DEFAULT)
    assert boxes.tolist() == [_plain_box(float(a), b) for a, b in zip(jpm, predikat, strict=True)]


def test_sentences_show_the_cut_offs() -> None:
    potential, performance = DEFAULT.sentences()
    assert "JPM ≥ 90 %" in potential
    assert "78 %" in potential
    assert "Sangat Baik" in performance
    assert "Baik" in performance


def test_json_case_places_each_employee() -> None:
    case = {
        "method": "talent",
        "employees": [
            {"id": "E1", "jpm": 92.0, "predikat": "Sangat Baik"},
            {"id": "E2", "jpm": None, "predikat": "Baik"},
            {"id": "E3", "jpm": 85.0, "predikat": "Baik"},
        ],
        "cutoffs": {"potential_high_min": 85},
    }
    code, out, err = run_cli(["-"], json.dumps(case))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert [row["box"] for row in result["employees"]] == [9, None, 8]
    assert result["employees"][0]["succession"] == "Kelompok Rencana Suksesi Instansi dan Nasional"
    assert result["employees"][1]["unplaced"].startswith("Potensial belum diukur")
    assert result["counts"]["9"] == 1
    assert "talent" in METHODS


def test_json_case_names_every_bad_field() -> None:
    case = {
        "method": "talent",
        "employees": [{"id": "E1", "jpm": "tinggi", "predikat": "Luar Biasa"}, {"id": "E1"}],
        "cutoffs": {"potential_middle_min": 95},
    }
    code, _, err = run_cli(["-"], json.dumps(case))
    assert code == 2
    assert "error: employees[0].jpm: harus berupa angka minimal 0" in err
    assert "error: employees[0].predikat: predikat SKP tidak dikenal" in err
    assert "error: employees[1].id:" in err
    code, _, err = run_cli(
        ["-"],
        json.dumps({"method": "talent", "employees": [{"id": "A"}], "cutoffs": {"potential_middle_min": 95}}),
    )
    assert "error: cutoffs.potential_middle_min:" in err
