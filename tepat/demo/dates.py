"""Small calendar helpers for generated histories (month arithmetic that never lands on a missing day)."""

from __future__ import annotations

from datetime import date


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, 28))


def years_before(day: date, years: int) -> date:
    return add_months(day, -12 * years)
