"""History imports of known employees (SKP, assessments, trainings, education, position history) and positions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import override_settings

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.engine.roles import Role
from tepat.exchange.models import ImportBatch
from tepat.exchange.services.batches import import_batch_commit, import_batch_create
from tepat.exchange.services.rollback import import_batch_rollback
from tepat.exchange.tests.workbooks import csv_file, xlsx
from tepat.organization.models import Competency, Position
from tepat.people.models import CompetencyAssessment, PerformanceRecord, PositionHistory, TrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.HR_ADMIN)


def _import(admin: User, kind: str, headers: list[str], rows: list[list[object]]) -> ImportBatch:
    return import_batch_create(actor=admin, upload=xlsx(headers, rows), kind=kind)


def test_skp_rows_create_then_update_then_roll_back(admin: User, gov: SmallGovernment) -> None:
    nip = gov.staff_kelurahan.nip
    headers = ["NIP", "Tahun", "Predikat", "Nilai"]
    first = _import(admin, "skp", headers, [[nip, 2023, "Baik", 80], [nip, 2024, "sangat baik", 92]])
    assert (first.created_count, first.status) == (2, ImportBatch.Status.PREVIEW), first.problems
    import_batch_commit(batch=first, actor=admin)
    second = _import(admin, "skp", headers, [[nip, 2023, "Baik", 80], [nip, 2024, "Baik", 85]])
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 1, 1)
    import_batch_commit(batch=second, actor=admin)
    assert PerformanceRecord.objects.get(employee__nip=nip, year=2024).predikat == "Baik"
    import_batch_rollback(batch=second, actor=admin)
    assert PerformanceRecord.objects.get(employee__nip=nip, year=2024).predikat == "Sangat Baik"
    import_batch_rollback(batch=first, actor=admin)
    assert not PerformanceRecord.objects.filter(employee__nip=nip).exists()


def test_unknown_nip_and_unknown_competency_are_row_errors(admin: User, gov: SmallGovernment) -> None:
    Competency.objects.create(code="M1", name="Integritas", group="manajerial")
    headers = ["NIP", "Kode Kompetensi", "Level", "Tanggal Asesmen"]
    rows = [
        [gov.staff_dinas.nip, "M1", 3.5, dt.date(2024, 5, 2)],
        ["199901012020011001", "M1", 3, dt.date(2024, 5, 2)],
        [gov.staff_dinas.nip, "ZZ9", 3, dt.date(2024, 5, 2)],
        [gov.staff_dinas.nip, "M1", 7, dt.date(2024, 5, 3)],
    ]
    batch = _import(admin, "asesmen", headers, rows)
    assert {(p["row"], p["column"]) for p in batch.problems} == {
        (3, "NIP"),
        (4, "Kode Kompetensi"),
        (5, "Level"),
    }
    assert not CompetencyAssessment.objects.exists()


def test_trainings_from_csv_with_variant_headers(admin: User, gov: SmallGovernment) -> None:
    nip = gov.staff_kecamatan.nip
    headers = ["nip_baru", "nama_diklat", "jenis_diklat", "jumlah_jam", "tanggal_mulai", "tanggal_selesai"]
    rows = [[nip, "Pelatihan Kepemimpinan Pengawas", "klasikal", "41", "01-03-2023", "30-06-2023"]]
    batch = import_batch_create(actor=admin, upload=csv_file(headers, rows), kind="pelatihan")
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    import_batch_commit(batch=batch, actor=admin)
    assert TrainingRecord.objects.get(employee__nip=nip).jp == 41


def test_position_history_refuses_overlapping_periods(admin: User, gov: SmallGovernment) -> None:
    nip = gov.staff_kelurahan.nip  # current post since 1 March 2024
    headers = ["NIP", "Nama Jabatan", "Unit Kerja", "TMT Mulai", "TMT Selesai"]
    rows = [
        [nip, "Staf Kecamatan", "Kecamatan Banyumanik", dt.date(2018, 1, 1), dt.date(2024, 2, 29)],
        [nip, "Staf Lama", "Dinas Lain", dt.date(2023, 1, 1), dt.date(2024, 5, 1)],
    ]
    batch = _import(admin, "riwayat_jabatan", headers, rows)
    assert [p["row"] for p in batch.problems] == [3]
    batch = _import(admin, "riwayat_jabatan", headers, rows[:1])
    import_batch_commit(batch=batch, actor=admin)
    assert PositionHistory.objects.filter(employee__nip=nip).count() == 2


def test_positions_with_requirements_are_created_with_seats(admin: User, gov: SmallGovernment) -> None:
    Competency.objects.create(code="M1", name="Integritas", group="manajerial")
    headers = [
        "Kode Jabatan",
        "Nama Jabatan",
        "Kode Unit",
        "Jenis Jabatan",
        "Standar Kompetensi",
        "Jumlah Formasi",
    ]
    rows = [["DINKES-ANALIS", "Analis Kesehatan", "DINKES", "pelaksana", "M1=3", 2]]
    batch = _import(admin, "jabatan", headers, rows)
    assert batch.created_count == 1, batch.problems
    import_batch_commit(batch=batch, actor=admin)
    position = Position.objects.get(code="DINKES-ANALIS")
    assert position.seats.count() == 2
    assert position.required_competencies.get().level == 3
    import_batch_rollback(batch=batch, actor=admin)
    assert not Position.objects.filter(code="DINKES-ANALIS").exists()


@override_settings(TEPAT_IMPORT_INLINE_BYTES=0)
def test_large_files_go_through_the_task_worker(admin: User, gov: SmallGovernment) -> None:
    headers = ["NIP", "Tahun", "Predikat"]
    batch = _import(admin, "skp", headers, [[gov.staff_dinas.nip, 2024, "Baik"]])
    batch.refresh_from_db()  # the immediate backend of the tests ran the task already
    assert (batch.status, batch.progress) == (ImportBatch.Status.PREVIEW, 100)
    from tepat.exchange.services.batches import import_batch_request_commit

    import_batch_request_commit(batch=batch, actor=admin)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
