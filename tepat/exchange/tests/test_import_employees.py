"""Employee import: preview → commit (all or nothing) → rollback, with a real xlsx; decisions; CSV; updates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.engine.errors import ApplicationError
from tepat.engine.identity import make_nik, make_nip
from tepat.engine.roles import Role
from tepat.exchange.columns import ImportKind
from tepat.exchange.models import ImportBatch
from tepat.exchange.services.batches import import_batch_commit, import_batch_create
from tepat.exchange.services.rollback import import_batch_rollback
from tepat.exchange.tests.workbooks import csv_file, xlsx
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.models import EducationHistory, Employee, PositionHistory, RankHistory

pytestmark = pytest.mark.django_db

HEADERS = ["NIP", "Nama", "Tanggal Lahir", "Jenis Kelamin", "Status Kepegawaian", "TMT CPNS", "NIK"]
HEADERS += ["Golongan", "TMT Golongan", "Kode Jabatan", "TMT Jabatan", "Pendidikan Terakhir", "Tahun Lulus"]


def person(serial: int, position_code: str, *, birth: dt.date | None = None, name: str = "") -> list[object]:
    birth = birth or dt.date(1985, 1, 17)
    tmt = dt.date(2010, 1, 1)
    return [
        make_nip(birth, tmt, "L", serial),
        name or f"Pegawai {serial}",
        birth,
        "L",
        "PNS",
        tmt,
        make_nik("337401", birth, "L", serial),
        "III/b",
        dt.date(2014, 4, 1),
        position_code,
        dt.date(2022, 3, 1),
        "S1",
        2008,
    ]


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.HR_ADMIN)


@pytest.fixture
def staff_position(gov: SmallGovernment) -> str:
    position = PositionFactory.create(unit=gov.kelurahan, code="KEL-NGS-STAF", name="Staf Kelurahan")
    for number in (1, 2, 3):
        SeatFactory.create(position=position, number=number)
    return position.code


def test_preview_commit_and_rollback_round_trip(admin: User, staff_position: str) -> None:
    rows = [person(n, staff_position) for n in (1, 2, 3)]
    batch = import_batch_create(actor=admin, upload=xlsx(HEADERS, rows), kind=ImportKind.EMPLOYEES)
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (3, 0, 0)
    assert Employee.objects.count() == 3  # the preview wrote nothing (3 employees of `gov`)
    batch = import_batch_commit(batch=batch, actor=admin)
    assert batch.status == ImportBatch.Status.COMMITTED
    imported = Employee.objects.filter(seat__position__code=staff_position)
    assert imported.count() == 3
    assert RankHistory.objects.filter(employee__in=imported).count() == 3
    assert PositionHistory.objects.filter(employee__in=imported, end__isnull=True).count() == 3
    assert EducationHistory.objects.filter(employee__in=imported).count() == 3
    assert AuditEntry.objects.filter(action="employee_create").count() == 3
    again = import_batch_create(actor=admin, upload=xlsx(HEADERS, rows), kind=ImportKind.EMPLOYEES)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    import_batch_rollback(batch=batch, actor=admin)
    assert Employee.objects.count() == 3
    assert not RankHistory.objects.filter(employee__nip=rows[0][0]).exists()
    assert AuditEntry.objects.filter(action="import_rollback").count() == 1


def test_one_bad_row_commits_nothing_and_lists_row_column_message(admin: User, staff_position: str) -> None:
    rows = [person(1, staff_position), person(2, "TIDAK-ADA"), person(3, staff_position)]
    rows[2][2] = dt.date(2099, 1, 1)  # a birth date in the future
    batch = import_batch_create(actor=admin, upload=xlsx(HEADERS, rows), kind=ImportKind.EMPLOYEES)
    assert batch.status == ImportBatch.Status.INVALID
    where = {(p["row"], p["column"]) for p in batch.problems}
    assert (3, "Kode Jabatan") in where
    assert (4, "Tanggal Lahir") in where
    with pytest.raises(ApplicationError):
        import_batch_commit(batch=batch, actor=admin)
    assert Employee.objects.count() == 3


def test_duplicate_nip_numeric_nip_and_formula_cells_are_rejected(admin: User, staff_position: str) -> None:
    rows = [person(1, staff_position), person(1, staff_position), person(2, staff_position)]
    rows[2][0] = int(str(rows[2][0]))  # a number cell: Excel would have rounded it
    rows[1][1] = '=HYPERLINK("http://x")'
    batch = import_batch_create(actor=admin, upload=xlsx(HEADERS, rows), kind=ImportKind.EMPLOYEES)
    messages = " | ".join(p["message"] for p in batch.problems)
    assert "lebih dari sekali" in messages
    assert "teks, bukan angka" in messages
    assert "rumus" in messages
    assert Employee.objects.count() == 3


def test_missing_required_column_is_one_file_error(admin: User, gov: SmallGovernment) -> None:
    batch = import_batch_create(actor=admin, upload=xlsx(["NIP", "Nama"], [["1", "A"]]), kind="pegawai")
    assert batch.status == ImportBatch.Status.INVALID
    assert "Kolom wajib tidak ada" in batch.problems[0]["message"]


def test_nip_birth_date_mismatch_needs_a_recorded_decision(admin: User, staff_position: str) -> None:
    row = person(1, staff_position)
    row[2] = dt.date(1985, 1, 18)  # the NIP says 17 January
    row[6] = make_nik("337401", dt.date(1985, 1, 18), "L", 1)
    batch = import_batch_create(actor=admin, upload=xlsx(HEADERS, [row]), kind=ImportKind.EMPLOYEES)
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    assert batch.warning_count == 1
    with pytest.raises(ApplicationError, match="perlu keputusan"):
        import_batch_commit(batch=batch, actor=admin)
    import_batch_commit(batch=batch, actor=admin, reason="Data SIASN memang berbeda; dicek ke berkas fisik.")
    assert Employee.objects.get(nip=row[0]).identity_exception.startswith("Data SIASN")


def test_csv_with_siasn_headers_in_another_order_updates_known_employees(
    admin: User, gov: SmallGovernment
) -> None:
    known = gov.staff_dinas
    headers = ["nama_pns", "nip_baru", "tgl_lahir", "jenis_kelamin", "status_cpns_pns", "kolom_lain"]
    row = ["Citra Baru", known.nip, known.birth_date.strftime("%d-%m-%Y"), known.gender, "P", "x"]
    batch = import_batch_create(actor=admin, upload=csv_file(headers, [row]), kind=ImportKind.EMPLOYEES)
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    assert batch.unknown_columns == ["kolom_lain"]
    assert batch.updated_count == 1
    import_batch_commit(batch=batch, actor=admin)
    known.refresh_from_db()
    assert known.name == "Citra Baru"
    import_batch_rollback(batch=batch, actor=admin)
    known.refresh_from_db()
    assert known.name == "Citra Dinkes"


def test_rollback_is_refused_once_a_newer_import_is_committed(admin: User, staff_position: str) -> None:
    first = import_batch_create(
        actor=admin, upload=xlsx(HEADERS, [person(1, staff_position)]), kind="pegawai"
    )
    import_batch_commit(batch=first, actor=admin)
    second = import_batch_create(
        actor=admin, upload=xlsx(HEADERS, [person(2, staff_position)]), kind="pegawai"
    )
    import_batch_commit(batch=second, actor=admin)
    with pytest.raises(ApplicationError, match="lebih baru"):
        import_batch_rollback(batch=first, actor=admin)
    import_batch_rollback(batch=second, actor=admin)
    import_batch_rollback(batch=first, actor=admin)
    assert Employee.objects.count() == 3
