"""Last year's mutation round of the demo and its evaluation (JOURNEYS.md §6, ANCHORS §3 items 2 and 10).

The generated demo has nobody who changed unit last year (every post is held 25 months or more), so there is
no round to evaluate. This module writes one: "Mutasi Rotasi <last year>-I", TMT 1 March, 26 staff moved into
Kecamatan Banyumanik (14) and Dinas Kesehatan (12) from the same kind of post in another unit. Their SKP for
last year is set so the round shows a clear, honest positive effect: half went from Baik to Sangat Baik, two fell
to Butuh Perbaikan (the moves that need support), the rest stayed Baik; the stayers they are compared with keep
their generated SKP. Then it computes the round once (whole government), as the analyst would.

Who is chosen: staff below the unit heads (kasi and staff; no Kasi Pemerintahan) with Baik in both years before the round, in post under five years (so the
five-year rotation pool of the scenario journey is untouched), not in Kelurahan Ngesrep (journeys 1–3 and 6),
not a named journey person or a reviews newcomer, without stated preferences. Their history is rewritten as the
BKPP imported it: the post before the TMT in another unit, then the current seat from the TMT (as
tepat/demo/reviews.py does for its newcomers). Idempotent: nothing is written when the round's SK rows exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef

from tepat.accounts.models import User
from tepat.core.scoping import today as local_today
from tepat.demo import journeys as j
from tepat.demo.reviews import NEWCOMERS
from tepat.engine.workflow import State
from tepat.evaluation.models import EvaluationRun
from tepat.evaluation.services import evaluation_run
from tepat.organization.models import Position, Unit
from tepat.people.models import Employee, EmployeePreference, PerformanceRecord, PositionHistory
from tepat.transfers.models import Move, Proposal

SCOPES = (("KEC-BYM", 14), ("DINKES", 12))  # unit code, movers into its subtree
SK_PREFIX = "800.1.3.3/MUT-DEMO"
STRUCTURAL = ("jpt", "administrator")  # heads of units stay; kasi (pengawas) rotate
KASI_PEM = ".KASI-PEM"  # the Kasi Pemerintahan seats and their candidates are journeys 1–3
SUPPORT_AT = (3, 9)  # movers (by order) whose SKP fell to Butuh Perbaikan
ANALYST, ADMIN = "analis", "admin"


@dataclass(frozen=True)
class DemoRound:
    year: int
    movers: int
    run: EvaluationRun | None


def demo_evaluation_ensure(*, today: date | None = None) -> DemoRound | None:
    """Write last year's round and compute its evaluation; None when it is there already."""
    day = today or local_today()
    year = day.year - 1
    if PositionHistory.objects.filter(sk_number__startswith=f"{SK_PREFIX}/{year}").exists():
        return None
    tmt = date(year, 3, 1)
    with transaction.atomic():
        chosen = [e for code, count in SCOPES for e in _choose(code, count, year, day)]
        origins = _origins(chosen)
        proposal = _proposal(year)
        for index, employee in enumerate(chosen):
            _move(employee, origins[employee.pk], tmt, index, proposal)
            after = "Butuh Perbaikan" if index in SUPPORT_AT else "Sangat Baik" if index % 2 == 0 else "Baik"
            PerformanceRecord.objects.update_or_create(
                employee=employee, year=year, defaults={"predikat": after, "score": None}
            )
    analyst = User.objects.filter(username=ANALYST).first()
    run = evaluation_run(actor=analyst, round_year=year) if chosen else None
    return DemoRound(year, len(chosen), run)


def _excluded_codes() -> set[str]:
    named = {code for code, _ in j.journey_people(local_today())}
    return named | {n.seat for n in NEWCOMERS} | {n.origin for n in NEWCOMERS}


def _choose(unit_code: str, count: int, year: int, day: date) -> list[Employee]:
    baik_before = [
        Exists(PerformanceRecord.objects.filter(employee=OuterRef("pk"), year=y, predikat="Baik"))
        for y in (year - 2, year - 1)
    ]
    candidates = (
        Employee.objects.filter(
            seat__position__unit__path__startswith=_path(unit_code),
            position_since__gt=date(day.year - 5, day.month, 1),
            position_since__lt=date(year - 1, 1, 1),
            is_active=True,
        )
        .exclude(seat__position__kind__in=STRUCTURAL)
        .exclude(seat__position__unit__code__startswith=j.NGESREP)
        .exclude(seat__position__code__in=_excluded_codes())
        .exclude(seat__position__code__endswith=KASI_PEM)
        .exclude(Exists(EmployeePreference.objects.filter(employee=OuterRef("pk"))))
        .filter(*baik_before)
        .select_related("seat__position__unit")
        .order_by("nip")
    )
    return list(candidates[:count])


def _path(unit_code: str) -> str:
    return Unit.objects.get(code=unit_code).path


def _origins(chosen: list[Employee]) -> dict[int, Position]:
    """For each mover a post of the same kind and family in another unit (first by code, rotating)."""
    posts = list(Position.objects.select_related("unit").order_by("code"))
    origins: dict[int, Position] = {}
    for index, employee in enumerate(chosen):
        here = employee.seat.position  # type: ignore[union-attr]
        alike = [
            p for p in posts if p.kind == here.kind and p.family == here.family and p.unit_id != here.unit_id
        ]
        pool = alike or [p for p in posts if p.unit_id != here.unit_id]
        origins[employee.pk] = pool[index % len(pool)]
    return origins


def _proposal(year: int) -> Proposal | None:
    author = User.objects.filter(username=ADMIN).first()
    if author is None:
        return None  # demo without accounts: the history says who moved; no proposal to link
    return Proposal.objects.create(
        title=f"Mutasi Rotasi {year}-I", source=Proposal.Source.MANUAL, source_ref=f"demo:evaluasi-{year}",
        created_by=author,
    )  # fmt: skip


def _move(employee: Employee, origin: Position, tmt: date, index: int, proposal: Proposal | None) -> None:
    current = PositionHistory.objects.get(employee=employee, end__isnull=True)
    sk = f"{SK_PREFIX}/{tmt.year}/{index + 1:02d}"
    PositionHistory.objects.create(
        employee=employee, position=origin, unit=origin.unit, position_name=origin.name,
        unit_name=origin.unit.name, family=origin.family, start=current.start, end=tmt - timedelta(days=1),
    )  # fmt: skip
    PositionHistory.objects.filter(pk=current.pk).update(start=tmt, sk_number=sk)
    Employee.objects.filter(pk=employee.pk).update(position_since=tmt)
    if proposal is not None and employee.seat is not None:
        Move.objects.create(
            proposal=proposal, employee=employee, origin_unit=origin.unit, target_seat=employee.seat,
            status=State.SELESAI, tmt=tmt, decided_on=tmt - timedelta(days=20),
            reason=f"Rotasi dari {origin.name} {origin.unit.name} (SK diimpor dari riwayat kepegawaian).",
        )  # fmt: skip
