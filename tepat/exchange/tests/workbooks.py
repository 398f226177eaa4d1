"""Real workbooks for the import tests, written with openpyxl (no files in the repository)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], name: str = "data.xlsx"
) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def csv_file(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], name: str = "data.csv"
) -> SimpleUploadedFile:
    lines = [";".join(headers)] + [";".join("" if v is None else str(v) for v in row) for row in rows]
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), content_type="text/csv")
