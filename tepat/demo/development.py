"""Demo development data: a training catalogue, the newcomers' development plans with some progress, and JP
earned so far this year by several Banyumanik employees (JOURNEYS.md §5, §6).

Robust to whatever newcomers exist: every move that has taken effect (berlaku/selesai) without a plan gets one
through the same service the workflow handler calls. Idempotent: courses by code, one plan per move, training
records by (employee, title, start), the yearly plan of pegawai.demo only when they have none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from tepat.accounts.models import User
from tepat.core.scoping import today as local_today
from tepat.development.models import DevelopmentPlan, PlanItem, TrainingCourse
from tepat.development.services.items import Completion, ItemData, item_add, item_complete, item_enrol
from tepat.development.services.plans import plan_create, plan_open_for_move
from tepat.engine.workflow import State
from tepat.organization.models import Competency
from tepat.people.models import Employee, TrainingRecord
from tepat.people.services.records import RecordKind, records_bulk_add
from tepat.transfers.models import Move

BKPP = "BKPP Kota Semarang"
BPSDMD = "BPSDMD Provinsi Jawa Tengah"
LAN = "LAN RI"
DUKCAPIL = "Disdukcapil Kota Semarang"
MANAGERIAL = ("M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8")


@dataclass(frozen=True)
class DemoCourse:
    code: str
    name: str
    route: str
    method: str
    jp: int
    competencies: tuple[str, ...]
    provider: str


K, N = "klasikal", "nonklasikal"
COURSES = (
    DemoCourse("BT-ADMINDUK", "Bimtek Administrasi Kependudukan", K, "bimtek", 24, ("T-DUKCAPIL", "T-PELAYANAN"), DUKCAPIL),
    DemoCourse("BT-PEMUM", "Bimtek Penyelenggaraan Pemerintahan Kelurahan", K, "bimtek", 24, ("T-PEM",), BKPP),
    DemoCourse("BT-TRANTIB", "Bimtek Ketenteraman dan Ketertiban Umum", K, "bimtek", 24, ("T-TRANTIB", "T-PERDA"), "Satpol PP Kota Semarang"),
    DemoCourse("BT-MUSRENBANG", "Bimtek Perencanaan Partisipatif dan Musrenbang", K, "bimtek", 16, ("T-RENCANA", "T-EKBANG"), "Bappeda Kota Semarang"),
    DemoCourse("BT-KEUDA", "Bimtek Penatausahaan Keuangan Daerah (SIPD)", K, "bimtek", 32, ("T-KEU",), "BPKAD Kota Semarang"),
    DemoCourse("BT-KESOS", "Bimtek Pemberdayaan Masyarakat dan Data Kesejahteraan Sosial", K, "bimtek", 16, ("T-KESOS",), "Dinas Sosial Kota Semarang"),
    DemoCourse("BT-ARSIP", "Bimtek Tata Naskah Dinas dan Kearsipan", K, "bimtek", 16, ("T-ADMUM",), BKPP),
    DemoCourse("BT-PRODUKHUKUM", "Bimtek Penyusunan Produk Hukum Daerah", K, "bimtek", 24, ("T-HUKUM",), "Bagian Hukum Setda"),
    DemoCourse("PL-PKP", "Pelatihan Kepemimpinan Pengawas (PKP)", K, "pelatihan", 214, ("M4", "M6", "M7", "M8"), BPSDMD),
    DemoCourse("PL-PKA", "Pelatihan Kepemimpinan Administrator (PKA)", K, "pelatihan", 280, ("M6", "M7", "M8"), BPSDMD),
    DemoCourse("PL-PELAYANAN", "Pelatihan Pelayanan Prima", K, "pelatihan", 24, ("M5", "T-PELAYANAN"), BKPP),
    DemoCourse("PL-MSDM", "Pelatihan Manajemen ASN bagi Pengelola Kepegawaian", K, "pelatihan", 40, ("T-SDM",), BKPP),
    DemoCourse("PL-KOMUNIKASI", "Pelatihan Komunikasi Publik dan Kehumasan", K, "pelatihan", 16, ("M3",), "Diskominfo Kota Semarang"),
    DemoCourse("PL-SANITASI", "Pelatihan Inspeksi Kesehatan Lingkungan", K, "pelatihan", 32, ("T-SANITASI", "T-KES"), "Dinas Kesehatan Kota Semarang"),
    DemoCourse("WS-INTEGRITAS", "Workshop Integritas dan Pencegahan Korupsi", K, "workshop", 8, ("M1",), "Inspektorat Kota Semarang"),
    DemoCourse("SEM-PEREKAT", "Seminar Wawasan Kebangsaan (Perekat Bangsa)", K, "seminar", 8, ("SK1",), "Kesbangpol Kota Semarang"),
    DemoCourse("EL-ASN-PELAYANAN", "E-learning ASN Belajar: Pelayanan Publik", N, "e_learning", 10, ("M5",), LAN),
    DemoCourse("EL-ASN-KEBANGSAAN", "E-learning ASN Belajar: Wawasan Kebangsaan", N, "e_learning", 6, ("SK1",), LAN),
    DemoCourse("EL-ASN-PERUBAHAN", "E-learning ASN Belajar: Mengelola Perubahan", N, "e_learning", 8, ("M7",), LAN),
    DemoCourse("EL-SIPD", "E-learning Aplikasi SIPD", N, "e_learning", 4, ("T-KEU", "T-RENCANA"), "Kemendagri"),
    DemoCourse("CO-ATASAN", "Coaching oleh atasan langsung", N, "coaching", 8, ("M2", "M4", "M8"), "Atasan langsung"),
    DemoCourse("MT-SENIOR", "Mentoring oleh pejabat senior", N, "mentoring", 8, ("M1", "M3", "M6"), "Pejabat senior OPD"),
    DemoCourse("MG-KELURAHAN", "Magang di kelurahan percontohan", N, "magang", 16, ("T-PEM", "T-TRANTIB", "T-KESOS"), "Kecamatan Banyumanik"),
    DemoCourse("MG-DUKCAPIL", "Magang pelayanan Adminduk di Disdukcapil", N, "magang", 16, ("T-DUKCAPIL",), DUKCAPIL),
    DemoCourse("BM-SMARTCITY", "Benchmarking layanan kelurahan digital", N, "benchmarking", 12, ("T-TI", "T-PELAYANAN", "M7"), BKPP),
    DemoCourse("KB-KASI", "Komunitas belajar para Kasi kelurahan", N, "komunitas", 4, ("M2", "T-PEM"), "Kecamatan Banyumanik"),
)  # fmt: skip

# JP earned this year by several Banyumanik employees (position code, seat 1): (title, kind, JP, days ago).
EARNED: dict[str, tuple[tuple[str, str, int, int], ...]] = {
    "KEL-BYM-SRONDOLKULON.PENGADM-UMUM": (("E-learning ASN Belajar: Pelayanan Publik", N, 6, 120),),
    "KEC-BYM.CAMAT": (
        ("Workshop Integritas dan Pencegahan Korupsi", K, 8, 200),
        ("Benchmarking layanan kelurahan digital", N, 12, 90),
        ("Seminar Wawasan Kebangsaan (Perekat Bangsa)", K, 8, 40),
    ),
    "KEL-BYM-NGESREP.LURAH": (
        ("Pelatihan Komunikasi Publik dan Kehumasan", K, 16, 150),
        ("E-learning ASN Belajar: Mengelola Perubahan", N, 8, 60),
    ),
    "KEL-BYM-SUMURBOTO.KASI-PEM": (("Bimtek Penyelenggaraan Pemerintahan Kelurahan", K, 24, 100),),
    "KEL-BYM-PEDALANGAN.KASI-PEM": (("Komunitas belajar para Kasi kelurahan", N, 4, 70),),
    "KEC-BYM-UMPEG.PENGADM-UMUM": (
        ("Bimtek Tata Naskah Dinas dan Kearsipan", K, 16, 180),
        ("E-learning Aplikasi SIPD", N, 4, 30),
    ),
}


def demo_courses_ensure() -> int:
    competencies = {c.code: c for c in Competency.objects.all()}
    created = 0
    for spec in COURSES:
        course, made = TrainingCourse.objects.get_or_create(
            code=spec.code,
            defaults={
                "name": spec.name,
                "route": spec.route,
                "method": spec.method,
                "jp": Decimal(spec.jp),
                "provider": spec.provider,
            },
        )
        if made:
            course.competencies.set([competencies[c] for c in spec.competencies if c in competencies])
            created += 1
    return created


def _earned_ensure(day: date, actor: User | None) -> int:
    holders = dict(
        Employee.objects.filter(seat__position__code__in=list(EARNED), seat__number=1).values_list(
            "seat__position__code", "pk"
        )
    )
    rows = []
    for code, trainings in EARNED.items():
        employee_id = holders.get(code)
        if employee_id is None:
            continue
        for title, kind, jp, days_ago in trainings:
            end = max(day - timedelta(days=days_ago), date(day.year, 1, 2))
            start = end - timedelta(days=max(jp // 8 - 1, 0))
            if TrainingRecord.objects.filter(employee_id=employee_id, title=title, start=start).exists():
                continue
            rows.append(
                {
                    "employee_id": employee_id,
                    "title": title,
                    "kind": kind,
                    "jp": Decimal(jp),
                    "start": start,
                    "end": end,
                    "organizer": BKPP,
                }
            )
    if rows:
        records_bulk_add(
            actor=actor, kind=RecordKind.TRAINING, rows=rows, reason="Data demo: JP tahun berjalan"
        )
    return len(rows)


def _progress(plan: DevelopmentPlan, day: date, admin: User) -> None:
    """Some progress on a newcomer's plan: the first nonklasikal item done two weeks after TMT, the next enrolled."""
    items = list(plan.items.select_related("plan__employee", "course").order_by("due", "id"))
    done_on = plan.start + timedelta(days=14)
    nonklasikal = next((i for i in items if i.route == N and i.is_open), None)
    if nonklasikal is not None and done_on < day:
        item_complete(
            actor=admin,
            item=nonklasikal,
            done=Completion(plan.start + timedelta(days=7), done_on, nonklasikal.jp_planned),
        )
    following = next(
        (i for i in items if i.status == PlanItem.Status.PLANNED and i.pk != getattr(nonklasikal, "pk", 0)),
        None,
    )
    if following is not None:
        item_enrol(actor=admin, item=following, enrolled_on=min(day, plan.start + timedelta(days=30)))


def _newcomer_plans(day: date, admin: User | None) -> int:
    moves = Move.objects.filter(
        status__in=[State.BERLAKU, State.SELESAI], development_plan__isnull=True
    ).select_related("employee")
    opened = 0
    for move in moves:
        plan = plan_open_for_move(move=move)
        if plan is None:
            continue
        opened += 1
        if admin is not None:
            _progress(plan, day, admin)
    return opened


def _yearly_plan(day: date, admin: User | None) -> int:
    """pegawai.demo's yearly plan (not tied to a move), so "Rencana Pengembangan Saya" has content."""
    employee = Employee.objects.filter(user__username="pegawai.demo").first()
    if admin is None or employee is None or employee.seat_id is None:
        return 0
    if DevelopmentPlan.objects.filter(employee=employee).exists():
        return 0
    plan = plan_create(
        actor=admin,
        employee=employee,
        start=day - timedelta(days=45),
        reason=f"Rencana pengembangan kompetensi tahun {day.year} (disusun BKPP bersama atasan).",
    )
    if not plan.items.exists():  # no gap against the post: the yearly JP still need a plan
        course = TrainingCourse.objects.get(code="EL-ASN-PELAYANAN")
        data = ItemData(course.name, course.route, day + timedelta(days=30), course.jp, course=course)
        item_add(actor=admin, plan=plan, data=data)
    return 1


def demo_development_ensure(*, today: date | None = None) -> tuple[int, int, int]:
    """Returns (courses created, plans opened, training records added); all zero on a second run."""
    day = today or local_today()
    admin = User.objects.filter(username="admin").first()
    with transaction.atomic():
        courses = demo_courses_ensure()
        records = _earned_ensure(day, admin)
        plans = _newcomer_plans(day, admin) + _yearly_plan(day, admin)
    return courses, plans, records
