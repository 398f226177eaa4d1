"""Cell values from an import sheet turned into typed values, or a message naming what is wrong (R-16).

A `Cell` carries what the reader saw: the value and whether the cell held a formula or a number. NIP and NIK must
be text cells: Excel keeps only 15 significant digits of a number, so an 18-digit NIP typed as a number is
already corrupted. Formula cells are refused everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from tepat.engine.reference import RANK_BY_CODE, RANK_BY_GOLONGAN


class CellError(ValueError):
    """A bad value; the message is Indonesian and names no column (the caller adds it)."""


@dataclass(frozen=True)
class Cell:
    value: Any = None
    formula: bool = False
    numeric: bool = False

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


DATE_FORMATS = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")
GENDERS = {"l": "L", "laki-laki": "L", "laki laki": "L", "pria": "L", "m": "L", "1": "L"}
GENDERS |= {"p": "P", "perempuan": "P", "wanita": "P", "f": "P", "2": "P"}
STATUSES = {"pns": "PNS", "p": "PNS", "cpns": "CPNS", "c": "CPNS", "pppk": "PPPK"}
YES = {"ya", "y", "yes", "1", "true", "benar"}
NO = {"tidak", "t", "no", "n", "0", "false", "salah", ""}


def text(cell: Cell, *, max_length: int = 200) -> str:
    if cell.formula:
        raise CellError("berisi rumus; isi dengan nilai biasa")
    if cell.empty:
        return ""
    value = cell.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    if len(result) > max_length:
        raise CellError(f"paling panjang {max_length} karakter")
    return result


def digits_id(cell: Cell, *, length: int, label: str) -> str:
    """NIP (18) or NIK (16) digits from a text cell; a number cell is refused (Excel rounds it)."""
    if cell.numeric:
        raise CellError(f"{label} harus diisi sebagai teks, bukan angka (Excel membulatkan angka panjang)")
    value = text(cell, max_length=40).replace(" ", "").lstrip("'")
    if value and (len(value) != length or not value.isdigit()):
        raise CellError(f"{label} harus {length} digit angka")
    return value


def day(cell: Cell, *, today: date | None = None) -> date | None:
    if cell.formula:
        raise CellError("berisi rumus; isi dengan tanggal")
    if cell.empty:
        return None
    value = cell.value
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    else:
        result = _parse_date(str(value).strip())
    if today is not None and result > today:
        raise CellError(f"tanggal {result:%d-%m-%Y} ada di masa depan")
    if result.year < 1900:
        raise CellError("tanggal sebelum tahun 1900")
    return result


def _parse_date(raw: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(raw, fmt).date()  # noqa: DTZ007 (a calendar date, no time zone)
        except ValueError:
            continue
    raise CellError(f"{raw!r} bukan tanggal (pakai format HH-BB-TTTT, mis. 17-08-1985)")


def number(cell: Cell) -> Decimal | None:
    raw = text(cell, max_length=30).replace(",", ".")
    if not raw:
        return None
    try:
        result = Decimal(raw)
    except InvalidOperation as error:
        raise CellError(f"{raw!r} bukan angka") from error
    if not result.is_finite():
        raise CellError(f"{raw!r} bukan angka")
    return result


def whole(cell: Cell) -> int | None:
    value = number(cell)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellError(f"{value} harus bilangan bulat")
    return int(value)


def choice(cell: Cell, mapping: dict[str, str], label: str) -> str:
    raw = text(cell, max_length=40)
    if not raw:
        return ""
    try:
        return mapping[raw.lower()]
    except KeyError:
        raise CellError(f"{label} {raw!r} tidak dikenal") from None


def gender(cell: Cell) -> str:
    return choice(cell, GENDERS, "jenis kelamin")


def status(cell: Cell) -> str:
    return choice(cell, STATUSES, "status kepegawaian")


def flag(cell: Cell) -> bool:
    raw = text(cell, max_length=10).lower()
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise CellError(f"{raw!r}: isi Ya atau Tidak")


def rank(cell: Cell) -> int | None:
    """Golongan as "III/a" (any case, with or without spaces) or its two-digit code (31)."""
    raw = re.sub(r"\s+", "", text(cell, max_length=10))
    if not raw:
        return None
    if raw.isdigit() and int(raw) in RANK_BY_CODE:
        return int(raw)
    roman, _, letter = raw.partition("/")
    found = RANK_BY_GOLONGAN.get(f"{roman.upper()}/{letter.lower()}")
    if found is None:
        raise CellError(f"golongan {raw!r} tidak dikenal (contoh: III/a)")
    return found.code


EDUCATION_ALIASES = {"SLTA": "SMA", "SMK": "SMA", "SMA/SMK": "SMA", "SLTP": "SMP", "DI": "D1", "DII": "D2"}
EDUCATION_ALIASES |= {"DIII": "D3", "DIV": "D4", "SARJANA": "S1", "MAGISTER": "S2", "DOKTOR": "S3"}


def education_level(cell: Cell) -> str:
    from tepat.engine.reference import EDUCATION_ORDER

    raw = text(cell, max_length=20).upper().replace("-", "").replace(" ", "")
    if not raw:
        return ""
    level = EDUCATION_ALIASES.get(raw, raw)
    if level not in EDUCATION_ORDER:
        raise CellError(f"jenjang pendidikan {raw!r} tidak dikenal (SD, SMP, SMA, D1–D4, S1–S3)")
    return level
