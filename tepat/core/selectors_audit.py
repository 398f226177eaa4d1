"""Reads of the audit trail for the auditor and hr_admin: the filtered browser, one case's trail, and the
breach-scoping report (UU 27/2022 Pasal 46; SECURITY.md T30).

Sized for a trail of millions of rows: the browser pages by keyset on (created_at, id) — the
`audit_created_id` index — never by OFFSET or COUNT(*); the report reads one account's rows through the
(actor, created_at) index and groups them in the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from tepat.core.models import AuditEntry
from tepat.engine.privacy import Access, BulkExport, SubjectExposure, day_bounds, exposures

PAGE_SIZE = 50
# Object types whose rows are about identifiable employees (directly or through a move on an SK/agenda).
SUBJECT_TYPES = frozenset({"people.employee", "transfers.move", "transfers.decree", "transfers.boardsession"})
CASE_LIMIT = 2000  # a single case with more rows than this is shown truncated (and says so)
TRAIL_FIELDS = (
    "id",
    "created_at",
    "kind",
    "actor_label",
    "role",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "changes",
    "reason",
    "request_id",
    "ip_address",
)


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""  # a username, or a system actor's label ("system:tmt")
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    kind: str = ""
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True)
class AuditPage:
    rows: list[dict[str, Any]]
    next_cursor: str


def _aware(day: date, *, after: bool = False) -> datetime:
    start, end = day_bounds(day, day)
    return timezone.make_aware(end if after else start)


def _filtered(filters: AuditFilters) -> Any:
    entries = AuditEntry.objects.all()
    if filters.actor:
        user_id = get_user_model().objects.filter(username=filters.actor).values_list("pk", flat=True).first()
        entries = entries.filter(actor_id=user_id) if user_id else entries.filter(actor_label=filters.actor)
    if filters.action:
        entries = entries.filter(action=filters.action)
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.object_id:
        entries = entries.filter(object_id=filters.object_id)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.start:
        entries = entries.filter(created_at__gte=_aware(filters.start))
    if filters.end:
        entries = entries.filter(created_at__lt=_aware(filters.end, after=True))
    return entries


def encode_cursor(row: dict[str, Any]) -> str:
    return f"{row['created_at'].isoformat()}~{row['id']}"


def _after_cursor(entries: Any, cursor: str) -> Any:
    """Rows strictly older than the cursor in (created_at, id) order; a broken cursor starts over."""
    stamp, _, raw_id = cursor.partition("~")
    when = parse_datetime(stamp) if stamp else None
    if when is None or not raw_id.isdigit():
        return entries
    # The redundant `created_at <= when` lets the database range-scan the (created_at, id) index.
    return entries.filter(created_at__lte=when).filter(
        Q(created_at__lt=when) | Q(created_at=when, id__lt=int(raw_id))
    )


def audit_page(*, filters: AuditFilters, cursor: str = "", size: int = PAGE_SIZE) -> AuditPage:
    """One page of the trail, newest first, and the cursor of the next page ("" at the end)."""
    entries = _after_cursor(_filtered(filters), cursor) if cursor else _filtered(filters)
    rows = list(entries.order_by("-created_at", "-id").values(*TRAIL_FIELDS)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return AuditPage(rows, encode_cursor(rows[-1]) if more else "")


# --- one case ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseTrail:
    title: str
    rows: list[dict[str, Any]]
    truncated: bool


def case_trail(*, viewer: Any, public_id: str) -> CaseTrail:
    """Every row about a move (or a proposal and all its moves), their SKs included, oldest first.
    Raises Move.DoesNotExist when the id is neither a visible move nor a visible proposal (404)."""
    from tepat.transfers.models import Move

    moves = list(
        Move.objects.visible_to(viewer)
        .filter(Q(public_id=public_id) | Q(proposal__public_id=public_id))
        .values(
            "public_id",
            "proposal__public_id",
            "proposal__title",
            "decree__public_id",
            "employee__name",
            "target_seat__position__name",
        )
        if _is_uuid(public_id)
        else []
    )
    if not moves:
        raise Move.DoesNotExist
    is_proposal = str(moves[0]["proposal__public_id"]) == public_id
    if not is_proposal:
        moves = [m for m in moves if str(m["public_id"]) == public_id]
    keys = Q(object_type="transfers.move", object_id__in=[str(m["public_id"]) for m in moves])
    keys |= Q(object_type="transfers.proposal", object_id=str(moves[0]["proposal__public_id"]))
    decrees = sorted({str(m["decree__public_id"]) for m in moves if m["decree__public_id"]})
    if decrees:
        keys |= Q(object_type="transfers.decree", object_id__in=decrees)
    rows = list(
        AuditEntry.objects.filter(keys).order_by("created_at", "id").values(*TRAIL_FIELDS)[: CASE_LIMIT + 1]
    )
    first = moves[0]
    if is_proposal:
        title = f"Usulan “{first['proposal__title']}” ({len(moves)} pegawai)"
    else:
        title = f"Usulan pindah {first['employee__name']} → {first['target_seat__position__name']}"
    return CaseTrail(title, rows[:CASE_LIMIT], len(rows) > CASE_LIMIT)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# --- breach scoping (Pasal 46) ----------------------------------------------------------------------------


@dataclass(frozen=True)
class NamedExposure:
    exposure: SubjectExposure
    name: str
    nip: str
    unit: str


@dataclass(frozen=True)
class BreachReport:
    account: str
    start: date
    end: date
    subjects: list[NamedExposure]
    bulk: list[BulkExport]
    unresolved: int  # rows whose subject the trail cannot name (deleted objects); counted, not hidden


def breach_report(*, account: Any, start: date, end: date) -> BreachReport:
    """Which data subjects' records `account` read or exported in [start, end] (whole days, office time)."""
    low, high = (timezone.make_aware(t) for t in day_bounds(start, end))
    rows = AuditEntry.objects.filter(
        actor=account, kind=AuditEntry.Kind.ACCESS, created_at__gte=low, created_at__lt=high
    )
    grouped = list(
        rows.exclude(action="export")
        .values("object_type", "object_id", "action")
        .annotate(
            n=Count("id"),
            first=Min("created_at"),
            last=Max("created_at"),
            full_nik=Count("id", filter=Q(changes__full_nik=True)),
        )
    )
    accesses, unresolved = _resolve_subjects(grouped)
    accesses += _ranking_accesses(rows)
    bulk = [
        BulkExport(
            at=timezone.localtime(r["created_at"]),
            subject_type=r["object_type"],
            filename=str(r["changes"].get("filename", "")),
            fmt=str(r["changes"].get("format", "")),
            rows=int(r["changes"].get("rows") or 0),
        )
        for r in rows.filter(action="export")
        .order_by("created_at")
        .values("created_at", "object_type", "changes")
    ]
    return BreachReport(
        account=account.get_username(),
        start=start,
        end=end,
        subjects=_named(exposures(accesses)),
        bulk=bulk,
        unresolved=unresolved,
    )


def _resolve_subjects(grouped: Sequence[Mapping[str, Any]]) -> tuple[list[Access], int]:
    """Map each (object type, id) group to the employees it is about: the employee itself, the move's
    employee, or every employee on an SK or a board session's agenda. One query per object type."""
    from tepat.transfers.models import Move

    ids: dict[str, set[str]] = {}
    for g in grouped:
        ids.setdefault(g["object_type"], set()).add(g["object_id"])
    owners: dict[tuple[str, str], list[str]] = {}
    from tepat.people.models import Employee

    people = [i for i in ids.get("people.employee", ()) if _is_uuid(i)]
    for public_id in Employee.objects.filter(public_id__in=people).values_list("public_id", flat=True):
        owners[("people.employee", str(public_id))] = [str(public_id)]
    lookups = {
        "transfers.move": "public_id__in",
        "transfers.decree": "decree__public_id__in",
        "transfers.boardsession": "board_session__public_id__in",
    }
    keys = {"transfers.move": "public_id", "transfers.decree": "decree__public_id"}
    keys["transfers.boardsession"] = "board_session__public_id"
    for object_type, lookup in lookups.items():
        wanted = [i for i in ids.get(object_type, ()) if _is_uuid(i)]
        if not wanted:
            continue
        for key, employee in Move.objects.filter(**{lookup: wanted}).values_list(
            keys[object_type], "employee__public_id"
        ):
            owners.setdefault((object_type, str(key)), []).append(str(employee))
    accesses, unresolved = [], 0
    for g in grouped:
        if g["object_type"] not in SUBJECT_TYPES:
            continue  # not about one person (an audit page, a seat); rankings are read from `shown`
        subjects = owners.get((g["object_type"], g["object_id"]))
        if not subjects:
            unresolved += g["n"]
            continue
        for subject in subjects:
            accesses.append(
                Access(
                    subject,
                    g["action"],
                    g["n"],
                    timezone.localtime(g["first"]),  # office time: the notice prints these as they are
                    timezone.localtime(g["last"]),
                    full_nik=g["full_nik"] > 0,
                )
            )
    return accesses, unresolved


def _ranking_accesses(rows: Any) -> list[Access]:
    """A candidate ranking page names the employees it showed in `changes["shown"]`."""
    result = []
    for when, changes in rows.filter(action="view_candidate_ranking").values_list("created_at", "changes"):
        for subject in changes.get("shown", []) if isinstance(changes, dict) else []:
            local = timezone.localtime(when)
            result.append(Access(str(subject), "view_candidate_ranking", 1, local, local))
    return result


def _named(found: list[SubjectExposure]) -> list[NamedExposure]:
    from tepat.people.models import Employee

    people = {
        str(p["public_id"]): p
        for p in Employee.objects.filter(
            public_id__in=[e.subject for e in found if _is_uuid(e.subject)]
        ).values("public_id", "name", "nip", "unit__name")
    }
    named = []
    for exposure in found:
        person: Mapping[str, Any] = people.get(exposure.subject, {})
        named.append(
            NamedExposure(
                exposure,
                person.get("name", "(tidak ditemukan)"),
                person.get("nip", ""),
                person.get("unit__name") or "",
            )
        )
    return named
