"""Fairness check of a plan (issue 5 item 7): who is moved, by group; moved too often; never moved; units drained.

Groups compare the share moved against the pool, so a skew (e.g. women moved twice as often) is visible.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import numpy as np
from django.db.models import Count

from tepat.engine.dates import shift_years
from tepat.engine.reference import RANK_BY_CODE
from tepat.people.models import PositionHistory
from tepat.planning.scenarios.loading import PoolMember
from tepat.planning.scenarios.problem import IntArray, ScenarioProblem

GENDER = {"L": "Laki-laki", "P": "Perempuan"}
AGE_BANDS = ((0, "< 30 tahun"), (30, "30–39 tahun"), (40, "40–49 tahun"), (50, "≥ 50 tahun"))
AGE_ORDER = {label: k for k, (_, label) in enumerate(AGE_BANDS)}
RECENT_YEARS = 4  # moved twice within this many years
STAGNANT_YEARS = 10  # never moved in over this many years
EXPERIENCED_YEARS = 5  # "experienced": at least this long in the current post
SEVERAL = 2  # a unit losing at least this many experienced staff at once is flagged


def _age_band(born: date, on: date) -> str:
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return next(label for low, label in reversed(AGE_BANDS) if age >= low)


def _rank_group(member: PoolMember) -> str:
    if member.rank is None:
        return "Tidak tercatat"
    return f"Golongan {RANK_BY_CODE[member.rank].golongan.split('/')[0]}"


def _table(pool: list[PoolMember], moved: np.ndarray, key: Any, order: Any = None) -> list[dict[str, Any]]:
    total: Counter[str] = Counter()
    moves: Counter[str] = Counter()
    for e, member in enumerate(pool):
        group = key(member)
        total[group] += 1
        moves[group] += int(moved[e])
    return [
        {"group": g, "pool": total[g], "moved": moves[g], "share": round(100.0 * moves[g] / total[g], 1)}
        for g in sorted(total, key=order)
    ]


def _recent_movers(sp: ScenarioProblem, movers: list[int]) -> list[dict[str, Any]]:
    """Movers whose current post began within RECENT_YEARS: this plan would move them a second time."""
    on = sp.data.on
    since = shift_years(on, -RECENT_YEARS)
    ids = [sp.data.pool[e].pk for e in movers]
    counts = dict(
        PositionHistory.objects.filter(employee_id__in=ids, start__gt=since, start__lte=on)
        .values("employee_id")
        .annotate(n=Count("pk"))
        .values_list("employee_id", "n")
    )
    return [
        {
            "name": sp.data.pool[e].name,
            "nip": sp.data.pool[e].nip,
            "since": str(sp.data.pool[e].position_since),
        }
        for e in movers
        if counts.get(sp.data.pool[e].pk, 0) >= 1
    ]


def _stagnant(sp: ScenarioProblem, moved: np.ndarray) -> list[dict[str, Any]]:
    cutoff = shift_years(sp.data.on, -STAGNANT_YEARS)
    return [
        {"name": m.name, "nip": m.nip, "unit": m.unit_name, "since": str(m.position_since)}
        for e, m in enumerate(sp.data.pool)
        if not moved[e] and m.position_since is not None and m.position_since < cutoff
    ]


def _drained_units(sp: ScenarioProblem, seat_of: IntArray) -> list[dict[str, Any]]:
    cutoff = shift_years(sp.data.on, -EXPERIENCED_YEARS)
    losing: dict[str, list[str]] = {}
    for e, member in enumerate(sp.data.pool):
        before, after = int(sp.current_seat[e]), int(seat_of[e])
        if before < 0 or after == before or member.position_since is None or member.position_since > cutoff:
            continue
        if after >= 0 and sp.data.seats[after].unit_id == sp.data.seats[before].unit_id:
            continue
        losing.setdefault(sp.data.seats[before].unit_name, []).append(member.name)
    return [
        {"unit": u, "count": len(names), "names": names}
        for u, names in sorted(losing.items())
        if len(names) >= SEVERAL
    ]


def plan_fairness(*, sp: ScenarioProblem, seat_of: IntArray) -> dict[str, Any]:
    moved = seat_of != sp.current_seat
    pool, on = sp.data.pool, sp.data.on
    movers = np.flatnonzero(moved).tolist()
    return {
        "by_gender": _table(pool, moved, lambda m: GENDER.get(m.gender, m.gender)),
        "by_rank": _table(pool, moved, _rank_group),
        "by_age": _table(pool, moved, lambda m: _age_band(m.birth_date, on), order=AGE_ORDER.get),
        "by_unit": _table(pool, moved, lambda m: m.unit_name or "Tanpa unit"),
        "moved_twice": _recent_movers(sp, movers),
        "never_moved": _stagnant(sp, moved),
        "drained_units": _drained_units(sp, seat_of),
        "thresholds": {"recent": RECENT_YEARS, "stagnant": STAGNANT_YEARS, "experienced": EXPERIENCED_YEARS},
    }
