"""Rule data for the needs analysis: the rule book's ABK, R8 and BUP rows translated into `NeedsRules`.

Rows (tepat/engine/rules/parameters.py, editable by an admin as `RuleParameterRow`):
`ABK.wke_minutes` (75,000), `R8.abk_rounding` (ceil_per_position | ceil_per_task | half_up),
`ABK.ej_bands` (list of {grade, label, lower, inclusive}, highest first), `ABK.projection_years` (5) and
`BUP.<position kind>` or `BUP.<position kind>:<jenjang>` (age in years; a jenjang row wins over its kind).
A malformed value is an `InvalidInput` naming `params.<rule>.<parameter>`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.needs import BupRule, EjBand, NeedsRules, Rounding
from tepat.engine.reference import PositionKind
from tepat.engine.rules.parameters import RuleBook, RuleParameter


def _bad(row: RuleParameter, message: str) -> InvalidInput:
    return InvalidInput([FieldProblem(f"params.{row.rule_id}.{row.parameter}", message)])


def _whole(row: RuleParameter) -> int:
    value = row.value
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise _bad(row, "harus berupa bilangan bulat")
    return int(value)


def _band(row: RuleParameter, item: Any) -> EjBand:
    if not isinstance(item, dict) or not {"grade", "label", "lower"} <= set(item):
        raise _bad(row, "setiap pita harus memuat grade, label dan lower")
    try:
        lower = Decimal(str(item["lower"]))
    except InvalidOperation:
        raise _bad(row, f"batas bawah pita {item['grade']} harus berupa angka") from None
    return EjBand(str(item["grade"]), str(item["label"]), lower, bool(item.get("inclusive", True)))


def _bands(row: RuleParameter) -> tuple[EjBand, ...]:
    if not isinstance(row.value, list) or not row.value:
        raise _bad(row, "harus berupa daftar pita EJ")
    return tuple(_band(row, item) for item in row.value)


def _bup(book: RuleBook, on: date) -> tuple[BupRule, ...]:
    names = list(dict.fromkeys(row.parameter for row in book.parameters if row.rule_id == "BUP"))
    rules = []
    for name in names:
        row = book.resolve("BUP", name, on)
        kind, _, jenjang = name.partition(":")
        if kind not in set(PositionKind):
            raise _bad(row, f"jenis jabatan {kind!r} tidak dikenal")
        rules.append(BupRule(PositionKind(kind), jenjang or None, _whole(row)))
    return tuple(rules)


def needs_rules(book: RuleBook, on: date) -> NeedsRules:
    """The needs analysis parameters in force on `on`."""
    rounding = book.resolve("R8", "abk_rounding", on)
    if rounding.value not in set(Rounding):
        raise _bad(rounding, "harus salah satu dari: " + ", ".join(r.value for r in Rounding))
    return NeedsRules(
        wke_minutes=_whole(book.resolve("ABK", "wke_minutes", on)),
        rounding=Rounding(rounding.value),
        ej_bands=_bands(book.resolve("ABK", "ej_bands", on)),
        bup=_bup(book, on),
        projection_years=_whole(book.resolve("ABK", "projection_years", on)),
    )


ROUNDING_LABELS = {
    Rounding.CEIL_PER_POSITION: "dibulatkan ke atas per jabatan",
    Rounding.CEIL_PER_TASK: "dibulatkan ke atas per tugas",
    Rounding.HALF_UP: "dibulatkan ke terdekat (0,5 ke atas)",
}
