"""T18: random rows through the employee row parser — valid ⇔ accepted, inconsistent identity refused or held for a
decision, numeric NIP and formula cells refused, and never an unhandled exception."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tepat.engine.identity import make_nik, make_nip
from tepat.exchange.cells import Cell
from tepat.exchange.columns import EMPLOYEE_COLUMNS
from tepat.exchange.processors.employees import _identity, _pairs, _read
from tepat.exchange.rows import RowReader

TODAY = dt.date(2026, 6, 1)
births = st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2004, 12, 31))
genders = st.sampled_from(["L", "P"])


def _parse(cells: dict[str, Cell]) -> RowReader:
    reader = RowReader(2, cells, EMPLOYEE_COLUMNS, TODAY)
    values = _read(reader)
    _pairs(reader, values, ())
    if reader.ok:
        _identity(reader, values)
    return reader


def _row(birth: dt.date, sex: str, serial: int, **override: Cell) -> dict[str, Cell]:
    cells = {
        "nip": Cell(make_nip(birth, dt.date(2010, 1, 1), sex, serial)),
        "name": Cell("Pegawai Uji"),
        "birth_date": Cell(birth),
        "gender": Cell(sex),
        "status": Cell("PNS"),
        "tmt_cpns": Cell(dt.date(2010, 1, 1)),
        "nik": Cell(make_nik("337401", birth, sex, serial)),
    }
    return cells | override


@settings(max_examples=150, deadline=None)
@given(birth=births, gender=genders, serial=st.integers(1, 999))
def test_consistent_rows_are_accepted(birth: dt.date, gender: str, serial: int) -> None:
    reader = _parse(_row(birth, gender, serial))
    assert reader.problems == []


@settings(max_examples=150, deadline=None)
@given(birth=births, other=births, gender=genders, serial=st.integers(1, 999))
def test_nip_birth_date_mismatch_is_never_silently_accepted(
    birth: dt.date, other: dt.date, gender: str, serial: int
) -> None:
    cells = _row(
        birth, gender, serial, birth_date=Cell(other), nik=Cell(make_nik("337401", other, gender, 1))
    )
    reader = _parse(cells)
    assert (reader.problems == []) == (birth == other)
    assert all(p.severity in ("error", "decision") for p in reader.problems)


@settings(max_examples=100, deadline=None)
@given(birth=births, gender=genders, serial=st.integers(1, 999))
def test_nik_gender_mismatch_is_rejected(birth: dt.date, gender: str, serial: int) -> None:
    wrong = "P" if gender == "L" else "L"
    reader = _parse(_row(birth, gender, serial, nik=Cell(make_nik("337401", birth, wrong, serial))))
    assert not reader.ok


@given(value=st.integers(10**17, 10**18 - 1))
def test_numeric_nip_cells_are_rejected(value: int) -> None:
    reader = _parse(_row(dt.date(1985, 1, 17), "L", 1, nip=Cell(float(value), numeric=True)))
    assert [p.column for p in reader.problems] == ["NIP"]


@pytest.mark.parametrize("key", ["nip", "name", "birth_date", "gender", "nik"])
def test_formula_cells_are_rejected(key: str) -> None:
    reader = _parse(_row(dt.date(1985, 1, 17), "L", 1, **{key: Cell("=1+1", formula=True)}))
    assert not reader.ok


cell_values = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    st.booleans(),
)
cells = st.builds(Cell, value=cell_values, formula=st.booleans(), numeric=st.booleans())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(row=st.dictionaries(st.sampled_from([c.key for c in EMPLOYEE_COLUMNS]), cells))
def test_random_rows_never_raise(row: dict[str, Cell]) -> None:
    reader = _parse(row)
    for problem in reader.problems:
        assert problem.message
        assert problem.column
