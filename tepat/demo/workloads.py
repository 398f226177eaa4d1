"""ANJAB/ABK workloads for the demo and the synthetic city, so the needs pages show real surpluses and shortages.

Deterministic (a hash of the position code, not a random stream) and idempotent: only positions with neither
tasks nor a hand-set formasi get rows. Unit heads get a hand-set formasi of one (a structural post has one
holder); every other position gets three or four tasks whose workload is chosen around its number of seats:
most fit, about one in ten needs one more person, about one in twelve with two or more seats needs fewer.
The journey facts (JOURNEYS.md §1) are fixed: the Banyumanik secretariat's Pengadministrasi Umum needs one
(two hold it), Kelurahan Ngesrep's needs two (both seats empty), the Srondol sanitarian's workload is one.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q

from tepat.demo import journeys as j
from tepat.organization.models import ManualRequirement, Position, WorkloadTask
from tepat.planning.needs.services import workloads_bulk_create

WKE_MINUTES = 75_000  # the seed value of ABK.wke_minutes; the pages recompute with the rule data in force
SOURCE = "ANJAB/ABK demo (sintetis)"
HEAD_REASON = "jabatan struktural: satu pemangku sesuai peta jabatan"
FIXED_HEADCOUNT = {
    j.SURPLUS_POSITION: 0.8,
    f"{j.NGESREP}.PENGADM-UMUM": 1.7,
    j.SANITARIAN_SRONDOL: 0.9,
}

Task = tuple[str, str, int]  # (task, output unit, norm in minutes)
GENERIC: tuple[Task, ...] = (
    ("Menyusun rencana kerja dan bahan pelaksanaan tugas", "dokumen", 120),
    ("Melaksanakan kegiatan teknis sesuai bidang tugas", "kegiatan", 60),
    ("Mengolah data dan menyusun laporan kegiatan", "laporan", 90),
    ("Berkoordinasi dengan unit terkait", "koordinasi", 45),
)
CATALOG: dict[str, tuple[Task, ...]] = {
    "umum": (
        ("Mengagendakan surat masuk dan keluar", "surat", 8),
        ("Mengarsipkan dokumen dinas", "berkas", 12),
        ("Menyiapkan bahan dan notulen rapat", "rapat", 90),
        ("Melayani tamu dan permintaan informasi", "layanan", 15),
    ),
    "pelayanan": (
        ("Memverifikasi berkas permohonan layanan", "berkas", 20),
        ("Menerbitkan surat pengantar dan keterangan", "surat", 15),
        ("Memutakhirkan data kependudukan", "data", 10),
        ("Menyusun rekap layanan bulanan", "laporan", 240),
    ),
    "pemerintahan": (
        ("Menyiapkan bahan kebijakan pemerintahan umum", "dokumen", 180),
        ("Membina RT/RW dan lembaga kemasyarakatan", "kegiatan", 120),
        ("Menyusun laporan penyelenggaraan pemerintahan", "laporan", 300),
    ),
    "kesehatan": (
        ("Memberikan pelayanan kepada pasien", "pasien", 20),
        ("Melakukan kunjungan dan penyuluhan lapangan", "kunjungan", 90),
        ("Mencatat dan melaporkan data pelayanan", "laporan", 60),
    ),
    "pendidikan": (
        ("Melaksanakan pembelajaran tatap muka", "jam pelajaran", 45),
        ("Menilai dan mengevaluasi hasil belajar", "peserta didik", 30),
        ("Menyusun perangkat pembelajaran", "dokumen", 240),
    ),
    "keuangan": (
        ("Memverifikasi dokumen pertanggungjawaban", "dokumen", 30),
        ("Membukukan transaksi keuangan", "transaksi", 10),
        ("Menyusun laporan keuangan", "laporan", 480),
    ),
}


def _share(code: str, salt: str) -> float:
    """A number in [0, 1) that depends only on the code (stable across runs and machines)."""
    digest = hashlib.sha256(f"{salt}:{code}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def target_headcount(code: str, seats: int) -> float:
    """The exact workload in persons (before rounding) planted for a position with `seats` seats."""
    if code in FIXED_HEADCOUNT:
        return FIXED_HEADCOUNT[code]
    draw, spread = _share(code, "draw"), _share(code, "spread")
    if draw < 0.10:  # needs more people than it has seats
        return seats + 0.2 + 0.7 * spread
    if draw < 0.18 and seats >= 2:  # needs fewer
        return max(seats - 1 - 0.9 * spread, 0.3)
    return max(seats - 0.1 - 0.5 * spread, 0.3)


def tasks_for(position: Position, seats: int) -> list[WorkloadTask]:
    """Three or four tasks whose Σ(volume × norm) is the target headcount × WKE."""
    catalog = CATALOG.get(position.family, GENERIC)
    minutes = target_headcount(position.code, seats) * WKE_MINUTES
    weights = [0.5 + _share(position.code, name) for name, _, _ in catalog]
    rows = []
    for order, ((name, output, norm), weight) in enumerate(zip(catalog, weights, strict=True), start=1):
        volume = max(round(minutes * weight / sum(weights) / norm), 1)
        rows.append(
            WorkloadTask(
                position=position,
                name=name,
                output_unit=output,
                volume=Decimal(volume),
                norm_minutes=Decimal(norm),
                source=SOURCE,
                order=order,
            )
        )
    return rows


def demo_workloads_ensure(*, actor_label: str) -> tuple[int, int]:
    """Tasks or a hand-set formasi for every position that has neither; returns (tasks, formasi) created."""
    has_tasks = WorkloadTask.objects.filter(position=OuterRef("pk"))
    positions = (
        Position.objects.filter(~Exists(has_tasks), manual_requirement__isnull=True)
        .annotate(seat_count=Count("seats", filter=Q(seats__is_active=True)))
        .order_by("pk")
    )
    tasks: list[WorkloadTask] = []
    manual: list[ManualRequirement] = []
    for position in positions:
        if position.is_head:
            manual.append(ManualRequirement(position=position, required=1, reason=HEAD_REASON))
        else:
            tasks += tasks_for(position, position.seat_count)
    return workloads_bulk_create(actor=None, tasks=tasks, manual=manual, actor_label=actor_label)
