"""ANJAB/ABK workbook import: read, check every row, preview; nothing is written here (see services).

Template (one row per task, first sheet, header in row 1; column names are matched without case or spaces):

    kode_unit | kode_jabatan | uraian_tugas | satuan_hasil | volume | norma_menit | sumber (optional)

`volume` is the yearly number of outputs (≥ 0), `norma_menit` the minutes per output (> 0). A position that
appears in the file gets exactly the file's tasks (a new ANJAB/ABK version); other positions are untouched.
Every problem is reported with its row and column; one bad row rejects the whole workbook.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from zipfile import BadZipFile

from openpyxl.utils.exceptions import InvalidFileException

from tepat.engine import needs as engine
from tepat.engine.reference import PositionKind
from tepat.organization.models import Position, Unit, WorkloadTask

MAX_ROWS = 20_000
COLUMNS = ("kode_unit", "kode_jabatan", "uraian_tugas", "satuan_hasil", "volume", "norma_menit", "sumber")
REQUIRED = COLUMNS[:6]
LABELS = {
    "kode_unit": "kode unit",
    "kode_jabatan": "kode jabatan",
    "uraian_tugas": "uraian tugas",
    "satuan_hasil": "satuan hasil",
    "volume": "volume",
    "norma_menit": "norma waktu (menit)",
    "sumber": "sumber",
}
LIMITS = {"uraian_tugas": 300, "satuan_hasil": 80, "sumber": 200}


@dataclass(frozen=True)
class RowProblem:
    row: int  # the spreadsheet row number (header = 1)
    column: str
    message: str


@dataclass(frozen=True)
class TaskRow:
    row: int
    position_id: int
    name: str
    output_unit: str
    volume: Decimal
    norm_minutes: Decimal
    source: str


@dataclass
class ParsedWorkbook:
    tasks: list[TaskRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.tasks)


def _key(text: Any) -> str:
    return str(text or "").strip().lower().replace(" ", "_").replace("(", "").replace(")", "")


def _header(cells: tuple[Any, ...], problems: list[RowProblem]) -> dict[str, int]:
    index = {_key(c.value): i for i, c in enumerate(cells) if c.value not in (None, "")}
    aliases = {"norma_waktu": "norma_menit", "norma_waktu_menit": "norma_menit", "satuan": "satuan_hasil"}
    index.update({aliases[k]: v for k, v in index.items() if k in aliases})
    for column in REQUIRED:
        if column not in index:
            problems.append(RowProblem(1, column, f"kolom {LABELS[column]} tidak ada di baris judul"))
    return index


def _number(value: Any, column: str, row: int, problems: list[RowProblem], *, positive: bool) -> Decimal:
    label = LABELS[column]
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if value not in (None, "") else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or isinstance(value, bool):
        problems.append(RowProblem(row, column, f"{label} harus berupa angka"))
    elif number < 0 or (positive and number == 0):
        problems.append(
            RowProblem(
                row, column, f"{label} harus lebih dari 0" if positive else f"{label} tidak boleh negatif"
            )
        )
    elif number.as_tuple().exponent < -2 or abs(number) >= 10**8:  # type: ignore[operator]
        problems.append(
            RowProblem(row, column, f"{label} paling banyak 2 angka desimal dan kurang dari 100 juta")
        )
    else:
        return number
    return Decimal(0)


def _text(values: dict[str, Any], column: str, row: int, problems: list[RowProblem]) -> str:
    text = str(values.get(column) or "").strip()
    if not text and column in REQUIRED:
        problems.append(RowProblem(row, column, f"{LABELS[column]} wajib diisi"))
    if len(text) > LIMITS.get(column, 40):
        problems.append(
            RowProblem(row, column, f"{LABELS[column]} paling panjang {LIMITS.get(column, 40)} karakter")
        )
    return text


def _rows(sheet: Any, problems: list[RowProblem]) -> Iterator[tuple[int, dict[str, Any]]]:
    rows = sheet.iter_rows()
    header = next(rows, None)
    if header is None:
        problems.append(RowProblem(1, "kode_unit", "lembar kerja kosong"))
        return
    index = _header(header, problems)
    if problems:
        return
    for number, cells in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            problems.append(RowProblem(number, "kode_unit", f"paling banyak {MAX_ROWS} baris tugas"))
            return
        formulas = [c for c in cells if getattr(c, "data_type", "") == "f"]
        if formulas:
            problems.append(
                RowProblem(number, "kode_unit", "sel berisi rumus tidak diterima; isi dengan nilai")
            )
            continue
        values = {
            col: cells[i].value if i < len(cells) else None for col, i in index.items() if col in COLUMNS
        }
        if any(v not in (None, "") for v in values.values()):
            yield number, values


def _check_codes(
    values: dict[str, Any], row: int, lookup: dict[str, Any], problems: list[RowProblem]
) -> int | None:
    unit_code, position_code = (
        str(values.get("kode_unit") or "").strip(),
        str(values.get("kode_jabatan") or "").strip(),
    )
    unit_id = lookup["units"].get(unit_code)
    position = lookup["positions"].get(position_code)
    if unit_code and unit_id is None:
        problems.append(RowProblem(row, "kode_unit", f"kode unit {unit_code!r} tidak dikenal"))
    if position_code and position is None:
        problems.append(RowProblem(row, "kode_jabatan", f"kode jabatan {position_code!r} tidak dikenal"))
    elif position is not None and unit_id is not None and position[1] != unit_id:
        problems.append(
            RowProblem(row, "kode_jabatan", f"jabatan {position_code} bukan jabatan di unit {unit_code}")
        )
    return position[0] if position is not None else None


def _lookup() -> dict[str, Any]:
    return {
        "units": dict(Unit.objects.values_list("code", "pk")),
        "positions": {
            code: (pk, unit) for code, pk, unit in Position.objects.values_list("code", "pk", "unit_id")
        },
    }


def _task(
    row: int,
    values: dict[str, Any],
    lookup: dict[str, Any],
    seen: dict[tuple[int | None, str], int],
    problems: list[RowProblem],
) -> TaskRow | None:
    before = len(problems)
    position_id = _check_codes(values, row, lookup, problems)
    name = _text(values, "uraian_tugas", row, problems)
    output = _text(values, "satuan_hasil", row, problems)
    source = _text(values, "sumber", row, problems)
    volume = _number(values.get("volume"), "volume", row, problems, positive=False)
    norm = _number(values.get("norma_menit"), "norma_menit", row, problems, positive=True)
    first = seen.setdefault((position_id, name.lower()), row)
    if position_id is not None and name and first != row:
        problems.append(RowProblem(row, "uraian_tugas", f"tugas yang sama sudah ada di baris {first}"))
    if len(problems) > before or position_id is None:
        return None
    return TaskRow(row, position_id, name, output, volume, norm, source)


def parse_workbook(uploaded_file: Any) -> ParsedWorkbook:
    """Every row checked; call only after `tepat.exchange.safety.check_upload` accepted the file."""
    from openpyxl import load_workbook

    result = ParsedWorkbook()
    try:
        book = load_workbook(uploaded_file, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError):
        result.problems.append(RowProblem(0, "berkas", "berkas tidak dapat dibaca sebagai Excel .xlsx"))
        return result
    lookup: dict[str, Any] = _lookup()
    seen: dict[tuple[int | None, str], int] = {}
    for row, values in _rows(book.worksheets[0], result.problems):
        task = _task(row, values, lookup, seen, result.problems)
        if task is not None:
            result.tasks.append(task)
    book.close()
    if not result.problems and not result.tasks:
        result.problems.append(RowProblem(2, "kode_unit", "tidak ada baris tugas"))
    return result


# --- preview and the session round trip ---


@dataclass(frozen=True)
class PositionPreview:
    code: str
    name: str
    unit_name: str
    tasks: int
    old_tasks: int
    old_required: int | None
    new_minutes: Decimal
    new_required: int | None


def _required(tasks: list[engine.Task], rules: engine.NeedsRules) -> engine.Need:
    """Only the tasks matter for the headcount; the kind is a placeholder."""
    return engine.required_headcount(
        engine.Position("", "", PositionKind.PELAKSANA, tasks=tuple(tasks)), rules
    )


def preview(tasks: list[TaskRow], rules: engine.NeedsRules) -> list[PositionPreview]:
    """Per position in the file: the current and the new required headcount (two queries)."""
    ids = sorted({t.position_id for t in tasks})
    info = {pk: (code, name, unit) for pk, code, name, unit in
            Position.objects.filter(pk__in=ids).values_list("pk", "code", "name", "unit__name")}  # fmt: skip
    old: dict[int, list[engine.Task]] = {pk: [] for pk in ids}
    for pk, volume, norm in WorkloadTask.objects.filter(position_id__in=ids).values_list(
        "position_id", "volume", "norm_minutes"
    ):
        old[pk].append(engine.Task("", "", volume, norm))
    new: dict[int, list[engine.Task]] = {pk: [] for pk in ids}
    for t in tasks:
        new[t.position_id].append(engine.Task(t.name, t.output_unit, t.volume, t.norm_minutes))
    result = []
    for pk in ids:
        after = _required(new[pk], rules)
        before = _required(old[pk], rules).required if old[pk] else None
        result.append(
            PositionPreview(
                *info[pk], len(new[pk]), len(old[pk]), before, after.workload_minutes, after.required
            )
        )
    return result


def to_session(tasks: list[TaskRow]) -> list[list[Any]]:
    return [
        [t.row, t.position_id, t.name, t.output_unit, str(t.volume), str(t.norm_minutes), t.source]
        for t in tasks
    ]


def from_session(rows: list[list[Any]]) -> list[TaskRow]:
    return [TaskRow(r[0], r[1], r[2], r[3], Decimal(r[4]), Decimal(r[5]), r[6]) for r in rows]
