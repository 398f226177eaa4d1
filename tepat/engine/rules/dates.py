"""Month counting and Indonesian date wording, shared by the scalar rules and the vectorised screen.

Convention for months in post: the number of *whole calendar months* from the TMT to the reference date.
A month is complete when the day of month is reached again: TMT 15 March 2024 gives 1 month on 15 April
and still 0 months on 14 April. When the TMT day does not exist in the reference month (TMT 31 January),
the month completes only on the TMT day of the next month it exists — so 31 January → 28 February is 0 months,
matching `dateutil.relativedelta`. A reference date before the TMT counts as 0 months.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def whole_months_between(start: date, on: date) -> int:
    months = (on.year - start.year) * 12 + (on.month - start.month) - (on.day < start.day)
    return max(months, 0)


def whole_months_between_array(starts: npt.NDArray[np.datetime64], on: date) -> npt.NDArray[np.float64]:
    """Vector form of `whole_months_between`; NaT gives NaN (missing)."""
    days = starts.astype("datetime64[D]")
    month_start = days.astype("datetime64[M]")
    years = month_start.astype("datetime64[Y]").astype(np.int64) + 1970
    month = month_start.astype(np.int64) % 12 + 1
    day = (days - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    months = (on.year - years) * 12 + (on.month - month) - (on.day < day)
    result = np.maximum(months, 0).astype(np.float64)
    result[np.isnat(days)] = np.nan
    return result


def format_date(value: date) -> str:
    return f"{value.day} {MONTHS_ID[value.month - 1]} {value.year}"


def format_months(months: int) -> str:
    """Readable duration: '14 bulan', '6 tahun', '6 tahun 3 bulan'."""
    years, rest = divmod(int(months), 12)
    if years == 0:
        return f"{rest} bulan"
    return f"{years} tahun" + (f" {rest} bulan" if rest else "")
