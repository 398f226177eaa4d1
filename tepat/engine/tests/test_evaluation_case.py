"""`python -m tepat.engine` with method "evaluation": a hand-computed case and named input errors."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from tepat.engine.cases import main

COV = {"golongan": 3, "kind": "pelaksana", "age_band": 1, "unit_kind": "kelurahan"}


def case(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "method": "evaluation",
        "first_year": 2021,
        "last_year": 2025,
        "employees": [
            {"id": "M", "skp": {"2022": "Baik", "2023": "Baik", "2024": "Sangat Baik"}, "covariates": COV},
            {"id": "S1", "skp": {str(y): "Baik" for y in range(2021, 2026)}, "covariates": COV},
            {"id": "S2", "skp": {"2022": 80, "2023": 86, "2024": 89, "2025": 89}, "covariates": COV},
            {"id": "X", "skp": {"2022": "Baik", "2023": "Baik"}, "moves": [2023], "covariates": COV},
        ],
        "movers": [{"employee": "M", "tmt": "2024-03-01", "unit": "Kel. Ngesrep", "batch": "Mutasi 2024-I"}],
        "parameters": {"k": 2},
    }
    return base | overrides


def run_cli(payload: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    text = payload if isinstance(payload, str) else json.dumps(payload)
    code = main(["-"], lambda: text, lambda t: print(t, file=out), lambda t: print(t, file=err))
    return code, out.getvalue(), err.getvalue()


def test_hand_computed_case_runs_from_json() -> None:
    code, out, err = run_cli(case())
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["method"] == "evaluation"
    mover = result["movers"][0]
    assert (mover["key"], mover["effect"], mover["comparisons"]) == ("M", 9.0, 2)
    assert result["summary"]["sentence"].startswith("Pegawai yang dimutasi naik rata-rata +9,0 poin SKP")
    assert result["by_batch"][0]["label"] == "Mutasi 2024-I"


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"first_year": "2021"}, "error: first_year: harus tahun"),
        ({"last_year": 2019}, "error: last_year: tidak boleh sebelum first_year"),
        ({"employees": []}, "error: employees: harus berupa daftar yang tidak kosong"),
        ({"movers": [{"employee": "Z", "tmt": "2024-03-01"}]}, "error: movers[0].employee: bukan id pegawai"),
        (
            {"movers": [{"employee": "M", "tmt": "3/1/2024"}]},
            "error: movers[0].tmt: harus tanggal YYYY-MM-DD",
        ),
        (
            {"movers": [{"employee": "M", "tmt": "2024-03-01", "review_score": 101}]},
            "error: movers[0].review_score",
        ),
        ({"parameters": {"k": 0}}, "error: parameters.k: harus bilangan bulat 1 sampai 50"),
        ({"parameters": {"kk": 1}}, "error: parameters.kk: parameter tidak dikenal"),
        ({"parameters": {"interval": "z"}}, "error: parameters.interval: harus salah satu dari"),
        ({"parameters": {"exact_on": ["shoe"]}}, "error: parameters.exact_on: harus daftar dari"),
        ({"parameters": {"event_years": [1, 2]}}, "error: parameters.event_years: harus -10"),
        (
            {"parameters": {"confidence": 1.5}},
            "error: parameters.confidence: harus berupa angka 0.5 sampai 0.999",
        ),
    ],
)
def test_bad_input_names_the_field_and_exits_2(overrides: dict[str, Any], expected: str) -> None:
    code, out, err = run_cli(case(**overrides))
    assert code == 2
    assert out == ""
    assert expected in err


def test_bad_skp_value_is_named() -> None:
    payload = case()
    payload["employees"][0]["skp"]["2022"] = "Luar Biasa"
    payload["employees"][1]["skp"]["2030"] = "Baik"
    code, _, err = run_cli(payload)
    assert code == 2
    assert "error: employees[0].skp.2022: harus predikat SKP atau angka 0 sampai 120" in err
    assert "error: employees[1].skp.2030: tahun harus 2021 sampai 2025" in err


def test_no_movers_is_a_valid_empty_round() -> None:
    code, out, _ = run_cli(case(movers=[]))
    assert code == 0
    assert json.loads(out)["summary"]["effect"] is None
