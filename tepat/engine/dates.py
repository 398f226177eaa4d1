"""Calendar helpers that never fail on 29 February."""

from datetime import date


def shift_years(day: date, years: int) -> date:
    """The same calendar day `years` later (negative: earlier); 29 Feb falls back to 28 Feb."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
