"""Import and export pages end to end: the upload gate answers 400 and writes nothing; preview → commit →
rollback through the pages; exports honour scope and mask NIK; roles outside the matrix get 403."""

from __future__ import annotations

import io
from collections.abc import Callable

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from conftest import SmallGovernment
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.exchange.models import ImportBatch
from tepat.exchange.tests import hostile
from tepat.exchange.tests.test_import_employees import HEADERS, person
from tepat.exchange.tests.workbooks import xlsx
from tepat.organization.tests.factories import SeatFactory
from tepat.people.models import Employee

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "make"),
    [("bom.xlsx", hostile.zip_bomb), ("makro.xlsx", hostile.macro_workbook), ("x.xlsx", hostile.pdf_renamed)],
)
def test_hostile_upload_answers_400_writes_nothing_and_logs(
    name: str, make: Callable[[], bytes], gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    response = client_as(Role.HR_ADMIN).post(
        reverse("exchange:upload"), {"kind": "pegawai", "berkas": hostile.upload(name, make())}
    )
    assert response.status_code == 400
    assert not ImportBatch.objects.exists()
    assert Employee.objects.count() == 3
    assert AuditEntry.objects.filter(kind=AuditEntry.Kind.SECURITY, action="upload_rejected").count() == 1


def test_upload_preview_commit_rollback_through_the_pages(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    SeatFactory.create(position=gov.kasi, number=2)
    client = client_as(Role.HR_ADMIN)
    upload = xlsx(HEADERS, [person(1, gov.kasi.code)])
    response = client.post(reverse("exchange:upload"), {"kind": "pegawai", "berkas": upload})
    batch = ImportBatch.objects.get()
    assert response["Location"] == batch.get_absolute_url()
    page = client.get(batch.get_absolute_url())
    assert b"Siap disimpan" in page.content
    client.post(reverse("exchange:batch_commit", args=[batch.public_id]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.COMMITTED
    assert Employee.objects.count() == 4
    client.post(reverse("exchange:batch_rollback", args=[batch.public_id]))
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.ROLLED_BACK
    assert Employee.objects.count() == 3


def test_imports_are_for_hr_admin_only(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    analyst = client_as(Role.ANALYST)
    assert analyst.get(reverse("exchange:template", args=["pegawai"])).status_code == 403
    response = analyst.post(reverse("exchange:upload"), {"kind": "pegawai"})
    assert response.status_code == 403
    assert client_as(Role.EMPLOYEE).get(reverse("exchange:home")).status_code == 403


def test_template_has_indonesian_headers_and_a_guide(client_as: Callable[..., Client], db: None) -> None:
    response = client_as(Role.HR_ADMIN).get(reverse("exchange:template", args=["pegawai"]))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Data", "Petunjuk"]
    headers = [cell.value for cell in workbook["Data"][1]]
    assert headers[:3] == ["NIP", "Nama", "Gelar Depan"]
    assert response["Content-Disposition"] == "attachment; filename*=UTF-8''templat-pegawai.xlsx"


def _export(client: Client, **params: str) -> list[tuple[object, ...]]:
    response = client.get(reverse("exchange:export_employees"), {"format": "xlsx", **params})
    assert response["Cache-Control"] == "no-store"
    return list(openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_employee_export_honours_scope_and_masks_nik(
    gov: SmallGovernment, client_as: Callable[..., Client]
) -> None:
    camat = _export(client_as(Role.UNIT_HEAD, gov.kecamatan), lengkap="1")
    names = {row[1] for row in camat[1:]}
    assert names == {"Ani Kecamatan", "Budi Kelurahan"}
    nik_column = camat[0].index("NIK")
    assert all("*" in str(row[nik_column]) for row in camat[1:])
    admin = _export(client_as(Role.HR_ADMIN), lengkap="1")
    assert len(admin) == 4
    assert all(str(row[nik_column]).isdigit() for row in admin[1:])
    summary = _export(client_as(Role.ANALYST))
    assert "NIK" not in summary[0]
    assert "Tanggal Lahir" not in summary[0]
    assert AuditEntry.objects.filter(action="export", object_type="people.employee").count() == 3


def test_full_export_imports_back_unchanged(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    client = client_as(Role.HR_ADMIN)
    exported = client.get(reverse("exchange:export_employees"), {"format": "xlsx", "lengkap": "1"})
    upload = hostile.upload("pegawai.xlsx", exported.content)
    client.post(reverse("exchange:upload"), {"kind": "pegawai", "berkas": upload})
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (0, 0, 3)


def test_position_export_csv_round_trips(gov: SmallGovernment, client_as: Callable[..., Client]) -> None:
    client = client_as(Role.HR_ADMIN)
    exported = client.get(reverse("exchange:export_positions"), {"format": "csv"})
    assert exported["Content-Type"].startswith("text/csv")
    upload = hostile.upload("jabatan.csv", exported.content)
    client.post(reverse("exchange:upload"), {"kind": "jabatan", "berkas": upload})
    batch = ImportBatch.objects.get()
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    assert batch.unchanged_count == 3
