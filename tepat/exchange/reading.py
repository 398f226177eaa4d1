"""Reading an uploaded sheet into rows of `Cell`s: openpyxl in read-only mode (formulas kept as formulas so they
can be refused, never evaluated) or the csv module; 200,000 data rows at most (SECURITY.md R-14, R-16).

The file has passed `safety.check_upload` before it gets here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings

from tepat.engine.errors import ApplicationError
from tepat.exchange.cells import Cell
from tepat.exchange.columns import Column, column_index, normalise


class ImportFileError(ApplicationError):
    """The file as a whole cannot be read (no header, missing required columns, too many rows)."""


def max_rows() -> int:
    return int(getattr(settings, "TEPAT_IMPORT_MAX_ROWS", 200_000))


def _xlsx_rows(stream: IO[bytes]) -> Iterator[list[Cell]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(stream, read_only=True, data_only=False, keep_links=False)
    except Exception as error:
        raise ImportFileError("Berkas Excel tidak dapat dibaca.", field="berkas") from error
    try:
        sheet = workbook.worksheets[0]
        for row in sheet.iter_rows():
            yield [
                Cell(
                    value=cell.value,
                    formula=cell.data_type == "f",
                    numeric=cell.data_type == "n" and cell.value is not None,
                )
                for cell in row
            ]
    finally:
        workbook.close()


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("Berkas CSV harus berkode UTF-8.", field="berkas")


def _csv_rows(stream: IO[bytes]) -> Iterator[list[Cell]]:
    text = _decode(stream.read())
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        # A CSV holds no formulas, but a value starting with "=" would become one when opened in Excel.
        yield [Cell(value=value, formula=value.startswith("=")) for value in row]


@dataclass
class Table:
    """Data rows keyed by column key, each with its 1-based row number in the sheet."""

    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)
    unknown_headers: list[str] = field(default_factory=list)


def _header_map(header: list[Cell], columns: tuple[Column, ...]) -> tuple[dict[int, str], list[str]]:
    index = column_index(columns)
    positions: dict[int, str] = {}
    unknown: list[str] = []
    for position, cell in enumerate(header):
        name = str(cell.value or "").strip()
        key = index.get(normalise(name))
        if key is None:
            if name:
                unknown.append(name)
        elif key in positions.values():
            raise ImportFileError(f"Kolom {name!r} muncul dua kali di baris judul.", field="berkas")
        else:
            positions[position] = key
    missing = [c.header for c in columns if c.required and c.key not in positions.values()]
    if missing:
        raise ImportFileError(f"Kolom wajib tidak ada: {', '.join(missing)}.", field="berkas")
    return positions, unknown


def read_table(stream: IO[bytes], *, extension: str, columns: tuple[Column, ...]) -> Table:
    rows = _xlsx_rows(stream) if extension == "xlsx" else _csv_rows(stream)
    header = next(rows, None)
    if header is None:
        raise ImportFileError("Berkas kosong: baris judul kolom tidak ditemukan.", field="berkas")
    positions, unknown = _header_map(header, columns)
    table = Table(unknown_headers=unknown)
    limit = max_rows()
    for number, cells in enumerate(rows, start=2):
        row = {key: cells[i] for i, key in positions.items() if i < len(cells)}
        if all(cell.empty and not cell.formula for cell in row.values()):
            continue
        if len(table.rows) >= limit:
            raise ImportFileError(f"Berkas berisi lebih dari {limit:,} baris data.".replace(",", "."))
        table.rows.append((number, row))
    return table


@dataclass
class Problem:
    """One problem in one row, named by the column header, as the preview shows it."""

    row: int
    column: str
    message: str
    severity: str = "error"  # "error" blocks; "decision" needs a recorded reason; "note" only informs

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message, "severity": self.severity}
