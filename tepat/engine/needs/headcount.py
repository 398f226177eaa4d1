"""Required headcount per position (exact rounding), job efficiency, bezetting per position and per unit tree."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.needs.model import (
    DEFAULT_EJ_BANDS,
    DEFAULT_RULES,
    Balance,
    EjBand,
    Need,
    NeedSource,
    NeedsRules,
    Occupant,
    Position,
    Rounding,
    Task,
    Unit,
    UnitBalance,
)


def _amount(value: object, path: str, label: str, problems: list[FieldProblem]) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float):
        problems.append(FieldProblem(path, f"{label} harus berupa angka"))
        return Decimal(0)
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite():
        problems.append(FieldProblem(path, f"{label} harus berupa angka hingga"))
    elif amount < 0:
        problems.append(FieldProblem(path, f"{label} tidak boleh negatif"))
    else:
        return amount
    return Decimal(0)


def _task_minutes(task: Task, path: str, problems: list[FieldProblem]) -> Decimal:
    volume = _amount(task.volume, f"{path}.volume", f'volume tugas "{task.name}"', problems)
    if task.norm_minutes is None:
        problems.append(FieldProblem(f"{path}.norm_minutes", f'norma waktu tugas "{task.name}" belum diisi'))
        return Decimal(0)
    return volume * _amount(
        task.norm_minutes, f"{path}.norm_minutes", f'norma waktu tugas "{task.name}"', problems
    )


def round_headcount(task_minutes: Sequence[Decimal], wke_minutes: int, rounding: Rounding) -> int:
    """The `abk_rounding` rule, exact: ceiling per position or per task, or half-up (0.5 -> 1).

    Integer arithmetic on the exact ratio of each Decimal (no float, no Fraction objects: this runs for every
    position of the city on each needs page)."""
    if rounding is Rounding.CEIL_PER_TASK:
        return sum(_ceil_div(*m.as_integer_ratio(), wke_minutes) for m in task_minutes)
    num, den = sum(task_minutes, Decimal(0)).as_integer_ratio()
    if rounding is Rounding.HALF_UP:
        return (2 * num + den * wke_minutes) // (2 * den * wke_minutes)  # floor(x + 1/2)
    return _ceil_div(num, den, wke_minutes)


def _ceil_div(num: int, den: int, wke_minutes: int) -> int:
    """ceil(num / den / wke_minutes) for a non-negative ratio."""
    return -(-num // (den * wke_minutes))


def _need(position: Position, rules: NeedsRules, path: str, problems: list[FieldProblem]) -> Need:
    minutes = [_task_minutes(t, f"{path}tasks[{i}]", problems) for i, t in enumerate(position.tasks)]
    workload = sum(minutes, Decimal(0))
    exact = _quantized(workload / rules.wke_minutes)
    if position.tasks:
        required, source = round_headcount(minutes, rules.wke_minutes, rules.rounding), NeedSource.ABK
    elif position.manual_seats is not None:
        if position.manual_seats < 0:
            problems.append(FieldProblem(f"{path}manual_seats", "formasi manual tidak boleh negatif"))
        required, source = position.manual_seats, NeedSource.FORMASI_MANUAL
    else:
        required, source = None, NeedSource.TANPA_DASAR
    return Need(position.position_id, position.unit_id, source, workload, exact, required)


def required_headcount(position: Position, rules: NeedsRules = DEFAULT_RULES) -> Need:
    """Σ(volume × norm) / WKE, rounded by the rule; no tasks falls back to the hand-set formasi."""
    return needs_for([position], rules, prefix="")[0]


def needs_for(
    positions: Sequence[Position], rules: NeedsRules = DEFAULT_RULES, *, prefix: str = "positions"
) -> tuple[Need, ...]:
    """Every position's need; all bad fields are reported together."""
    problems: list[FieldProblem] = []
    needs = tuple(
        _need(p, rules, f"{prefix}[{i}]." if prefix else "", problems) for i, p in enumerate(positions)
    )
    if problems:
        raise InvalidInput(problems)
    return needs


# --- efficiency and bezetting ---


def job_efficiency(workload_minutes: Decimal, headcount: int, wke_minutes: int) -> Fraction | None:
    """EJ = Σ(volume × norm) / (headcount × WKE); undefined for an empty position."""
    return None if headcount <= 0 else Fraction(workload_minutes) / (headcount * wke_minutes)


def ej_band(ej: Fraction, bands: Sequence[EjBand] = DEFAULT_EJ_BANDS) -> EjBand:
    return _band_of(ej.numerator, ej.denominator, bands)


def _band_of(num: int, den: int, bands: Sequence[EjBand]) -> EjBand:
    """The band of the ratio num/den, compared exactly in integers (a band's lower bound is a Decimal)."""
    for band in bands:
        low_num, low_den = band.lower.as_integer_ratio()
        lhs, rhs = num * low_den, low_num * den
        if lhs > rhs or (band.inclusive and lhs == rhs):
            return band
    return bands[-1]


def _quantized(value: Decimal, places: str = "0.0001") -> Decimal:
    """Half-up to four places. The Decimal quotient carries 28 digits, far more than the distance of any of
    these ratios (denominators below 10^12) from a rounding midpoint, so the result equals exact rounding."""
    return value.quantize(Decimal(places), ROUND_HALF_UP)


def reference_date(today: date) -> date:
    """Bezetting is counted as of 31 December of the previous year."""
    return date(today.year - 1, 12, 31)


def _index_occupants(needs: Sequence[Need], occupants: Sequence[Occupant]) -> dict[str, list[str]]:
    by_position: dict[str, list[str]] = {n.position_id: [] for n in needs}
    problems = []
    for i, occupant in enumerate(occupants):
        if occupant.position_id not in by_position:
            problems.append(FieldProblem(f"occupants[{i}].position_id", "jabatan tidak dikenal"))
        else:
            by_position[occupant.position_id].append(occupant.employee_id)
    if problems:
        raise InvalidInput(problems)
    return by_position


def balances(
    needs: Sequence[Need], occupants: Sequence[Occupant], rules: NeedsRules = DEFAULT_RULES
) -> tuple[Balance, ...]:
    """Bezetting vs kebutuhan per position; `occupants` are those present at the reference date."""
    by_position = _index_occupants(needs, occupants)
    return tuple(_balance(need, tuple(by_position[need.position_id]), None, rules) for need in needs)


def balances_from_counts(
    needs: Sequence[Need], present: Mapping[str, int], rules: NeedsRules = DEFAULT_RULES
) -> tuple[Balance, ...]:
    """`balances` from the number of people per position id (counted by the caller, e.g. the database),
    for pages that name only the rows they show; the balances carry no employee ids."""
    known = {n.position_id for n in needs}
    unknown = sorted(set(present) - known)
    if unknown:
        raise InvalidInput([FieldProblem(f"present.{pk}", "jabatan tidak dikenal") for pk in unknown])
    return tuple(_balance(need, (), present.get(need.position_id, 0), rules) for need in needs)


def _balance(need: Need, people: tuple[str, ...], count: int | None, rules: NeedsRules) -> Balance:
    headcount = len(people) if count is None else count
    if need.source is not NeedSource.ABK or headcount <= 0:
        return Balance(need, people, None, None, count)
    # EJ = workload / (people × WKE), as an exact integer ratio (same value as `job_efficiency`).
    num, den = need.workload_minutes.as_integer_ratio()
    den *= headcount * rules.wke_minutes
    ej = _quantized(Decimal(num) / Decimal(den))
    return Balance(need, people, ej, _band_of(num, den, rules.ej_bands).grade, count)


def _ancestry(units: Sequence[Unit]) -> dict[str, tuple[str, ...]]:
    """Each unit with its ancestors (self first); a cycle or an unknown parent is an input error."""
    parents = {u.unit_id: u.parent_id for u in units}
    chains: dict[str, tuple[str, ...]] = {}
    problems = []
    for i, unit in enumerate(units):
        chain, current = [unit.unit_id], unit.parent_id
        while current is not None and current not in chain and current in parents:
            chain.append(current)
            current = parents[current]
        if current is not None:
            problems.append(FieldProblem(f"units[{i}].parent_id", "induk unit tidak dikenal atau melingkar"))
        chains[unit.unit_id] = tuple(chain)
    if problems:
        raise InvalidInput(problems)
    return chains


def rollup(position_balances: Sequence[Balance], units: Sequence[Unit]) -> dict[str, UnitBalance]:
    """Per unit, totals over its subtree; surpluses and shortages are summed apart, never netted."""
    chains = _ancestry(units)
    totals: dict[str, list[int]] = {u.unit_id: [0, 0, 0, 0, 0] for u in units}
    problems = []
    for i, bal in enumerate(position_balances):
        if bal.need.unit_id not in chains:
            problems.append(FieldProblem(f"balances[{i}].unit_id", "unit tidak dikenal"))
            continue
        gap = bal.selisih
        row = (bal.need.required or 0, bal.present, max(gap or 0, 0), max(-(gap or 0), 0), int(gap is None))
        for unit_id in chains[bal.need.unit_id]:
            totals[unit_id] = [a + b for a, b in zip(totals[unit_id], row, strict=True)]
    if problems:
        raise InvalidInput(problems)
    return {unit_id: UnitBalance(unit_id, *t) for unit_id, t in totals.items()}
