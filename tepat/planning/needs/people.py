"""Who is counted where, loaded lean: ids for counting, birth and contract facts only for who can leave,
names only for the rows on screen (so the city overview does not parse 15,000 names, dates and UUIDs).

Each function is one query whatever the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connections
from django.db.models import Count, Q

from tepat.core.types import Viewer
from tepat.engine import needs as engine
from tepat.engine.dates import shift_years
from tepat.engine.reference import EmploymentStatus
from tepat.organization.models import Seat
from tepat.people.models import Employee, PositionHistory
from tepat.planning.needs.loading import COUNTED_STATUSES, STATUSES, PersonRef, Structure, visible_flag

NOT_LOADED = date.min  # birth date placeholder: counting bezetting reads only the ids (engine.balances)
PPPK = EmploymentStatus.PPPK.value
CHUNK = 5_000


def _history_at(structure: Structure, on: date) -> Q:
    return (
        structure.subtree("position__unit__")
        & Q(position__isnull=False)  # imported history may name a post that no longer exists as a record
        & Q(start__lte=on)
        & (Q(end__isnull=True) | Q(end__gte=on))
        & Q(employee__status__in=COUNTED_STATUSES)
    )


def counted_at(*, structure: Structure, on: date) -> tuple[engine.Occupant, ...]:
    """PNS and PPPK holding a position of the subtree on `on`, from the position history."""
    rows = PositionHistory.objects.filter(_history_at(structure, on)).values_list(
        "employee_id", "position_id", "employee__status"
    )
    return tuple(
        engine.Occupant(str(e), str(p), STATUSES[s], NOT_LOADED, None) for e, p, s in rows.iterator()
    )


def leaving_at(
    *, structure: Structure, on: date, horizon: date, youngest_bup: int
) -> tuple[engine.Occupant, ...]:
    """Those `counted_at` counts who can leave by `horizon` (old enough for the lowest BUP, or PPPK with a
    contract end by then or none recorded), with their birth date and contract end: a superset the engine
    then dates exactly, so the projection never reads the birth dates of everyone."""
    cutoff = shift_years(horizon, -youngest_bup)
    may_leave = (
        Q(employee__birth_date__lte=cutoff)
        | Q(employee__status=PPPK, employee__contract_end__lte=horizon)
        | Q(employee__status=PPPK, employee__contract_end__isnull=True)
    )
    rows = PositionHistory.objects.filter(_history_at(structure, on), may_leave).values_list(
        "employee_id", "position_id", "employee__status", "employee__birth_date", "employee__contract_end"
    )
    return tuple(engine.Occupant(str(e), str(p), STATUSES[s], b, c) for e, p, s, b, c in rows.iterator())


def counts_at(*, structure: Structure, on: date) -> dict[str, int]:
    """How many PNS and PPPK hold each position of the subtree on `on`, counted by the database (one query)."""
    rows = (
        PositionHistory.objects.filter(_history_at(structure, on))
        .values("position_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("position_id", "n")
    )
    return {str(position): n for position, n in rows}


def holder_ids_at(*, structure: Structure, on: date, position_ids: list[int]) -> dict[str, tuple[str, ...]]:
    """The employee ids `counts_at` counted, for the given positions only (one query)."""
    rows = PositionHistory.objects.filter(_history_at(structure, on), position_id__in=position_ids)
    ids: dict[str, list[str]] = {str(pk): [] for pk in position_ids}
    for employee, position in rows.order_by("pk").values_list("employee_id", "position_id"):
        ids[str(position)].append(str(employee))
    return {pk: tuple(people) for pk, people in ids.items()}


def seat_holders(*, structure: Structure) -> list[tuple[int, int, int, int | None, str | None]]:
    """(seat, number, position, occupant, occupant status) of every active seat of the subtree."""
    rows = (
        Seat.objects.filter(structure.subtree("position__unit__"), is_active=True)
        .order_by()
        .values_list("pk", "number", "position_id", "occupant__id", "occupant__status")
    )
    # One fetchall (no server-side cursor, no per-row iterator, no sort: the engine orders vacancies itself).
    sql, params = rows.query.sql_with_params()
    with connections[rows.db].cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def may_leave_by(*, structure: Structure, horizon: date, youngest_bup: int) -> tuple[engine.Occupant, ...]:
    """Seat holders who can leave by `horizon`: old enough for the lowest BUP, or PPPK with a contract end
    by then (or none recorded); a superset the engine then dates exactly."""
    cutoff = shift_years(horizon, -youngest_bup)
    rows = (
        Employee.objects.filter(structure.subtree("seat__position__unit__"), seat__is_active=True)
        .filter(Q(birth_date__lte=cutoff) | Q(status=PPPK, contract_end__lte=horizon) | Q(status=PPPK, contract_end__isnull=True))
        .values_list("pk", "seat__position_id", "status", "birth_date", "contract_end")
    )  # fmt: skip
    return tuple(
        engine.Occupant(str(pk), str(pos), STATUSES[s], birth, end) for pk, pos, s, birth, end in rows
    )


def names(*, viewer: Viewer, ids: Iterable[str | int]) -> dict[str, PersonRef]:
    """Name, NIP and link id of the given employees; outside the viewer's scope only a placeholder (R-03).

    One query per 5,000 ids (a page is always one query; whole-city exports take a few)."""
    wanted = sorted({int(i) for i in ids})
    result: dict[str, PersonRef] = {}
    for start in range(0, len(wanted), CHUNK):
        rows = (
            Employee.objects.filter(pk__in=wanted[start : start + CHUNK])
            .annotate(visible=visible_flag(viewer, "unit__path"))
            .values_list("pk", "public_id", "name", "nip", "status", "visible")
        )
        for pk, public_id, name, nip, status, visible in rows:
            shown = name if visible else "Pegawai di luar cakupan Anda"
            result[str(pk)] = PersonRef(pk, public_id, shown, nip if visible else "", status, visible)
    return result
