"""Reading one sheet row into typed values, collecting a Problem per bad cell instead of stopping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from tepat.exchange.cells import Cell, CellError
from tepat.exchange.columns import Column
from tepat.exchange.reading import Problem

T = TypeVar("T")


class RowReader:
    def __init__(self, number: int, cells: dict[str, Cell], columns: tuple[Column, ...], today: date) -> None:
        self.number = number
        self.cells = cells
        self.columns = {column.key: column for column in columns}
        self.today = today
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, *, severity: str = "error") -> None:
        header = self.columns[key].header if key in self.columns else key
        self.problems.append(Problem(self.number, header, message, severity))

    def get(self, key: str, convert: Callable[..., T], **options: Any) -> T | None:
        cell = self.cells.get(key, Cell())
        if self.columns[key].required and cell.empty and not cell.formula:
            self.problem(key, "wajib diisi")
            return None
        try:
            return convert(cell, **options)
        except CellError as error:
            self.problem(key, str(error))
            return None

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)
