"""ANJAB/ABK import: documented template, row-level errors with nothing written, preview, all-or-nothing commit."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from conftest import SmallGovernment
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.organization.models import WorkloadTask
from tepat.planning.needs.import_views import SESSION_KEY
from tepat.planning.tests.test_needs_selectors import workload

pytestmark = pytest.mark.django_db

HEADER = ["Kode Unit", "Kode Jabatan", "Uraian Tugas", "Satuan Hasil", "Volume", "Norma Menit", "Sumber"]


def xlsx(rows: list[list[Any]], header: list[str] = HEADER) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("abk.xlsx", buffer.getvalue(), content_type="application/octet-stream")


def good_rows(gov: SmallGovernment) -> list[list[Any]]:
    code = gov.kasi.code
    return [
        ["KEL-NGS", code, "Menyusun laporan pemerintahan", "laporan", 500, 150, "ANJAB 2026"],
        ["KEL-NGS", code, "Membina RT/RW", "kegiatan", "300", "120,5", None],
    ]


def upload(client: Client, file: SimpleUploadedFile) -> Any:
    return client.post(reverse("planning:needs_import"), {"berkas": file})


def test_a_valid_workbook_is_previewed_and_nothing_is_written(gov: SmallGovernment, client_as) -> None:
    workload(gov.kasi, 0.5)
    client = client_as(Role.ANALYST)
    response = upload(client, xlsx(good_rows(gov)))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Kasi Pemerintahan" in text
    assert "2 → 2" in text  # tasks old → new
    assert "1 → <strong>2</strong>" in text  # (500×150 + 300×120.5) / 75,000 = 1.48, ceiling 2
    assert WorkloadTask.objects.filter(position=gov.kasi).count() == 2
    assert not WorkloadTask.objects.filter(name="Membina RT/RW").exists()
    assert SESSION_KEY in client.session


def test_confirming_replaces_the_position_tasks_and_audits(gov: SmallGovernment, client_as) -> None:
    workload(gov.kasi, 0.5)
    client = client_as(Role.HR_ADMIN)
    upload(client, xlsx(good_rows(gov)))
    token = client.session[SESSION_KEY]["token"]
    response = client.post(reverse("planning:needs_import_commit"), {"token": token})
    assert response.status_code == 302
    tasks = list(WorkloadTask.objects.filter(position=gov.kasi).order_by("order"))
    assert [(t.name, t.volume, t.norm_minutes) for t in tasks] == [
        ("Menyusun laporan pemerintahan", Decimal(500), Decimal(150)),
        ("Membina RT/RW", Decimal(300), Decimal("120.5")),
    ]
    assert tasks[0].source == "ANJAB 2026"
    assert tasks[1].source == "impor abk.xlsx"
    assert tasks[0].import_batch is not None
    assert tasks[0].import_batch == tasks[1].import_batch
    replaced = AuditEntry.objects.get(action="workload_replace")
    assert replaced.changes["old"]["tasks"] == 2
    assert replaced.changes["new"]["tasks"] == 2
    assert AuditEntry.objects.get(action="anjab_import").changes["tasks"] == 2
    assert SESSION_KEY not in client.session


BAD_ROWS = [
    (["KEL-NGS", "{kasi}", "Tugas A", "dokumen", -5, 10, ""], "volume", "volume tidak boleh negatif"),
    (["KEL-NGS", "{kasi}", "Tugas A", "dokumen", "banyak", 10, ""], "volume", "volume harus berupa angka"),
    (["KEL-NGS", "{kasi}", "Tugas A", "dokumen", 5, 0, ""], "norma_menit", "harus lebih dari 0"),
    (["KEL-NGS", "{kasi}", "Tugas A", "dokumen", 5, "", ""], "norma_menit", "harus berupa angka"),
    (
        ["KEL-XXX", "{kasi}", "Tugas A", "dokumen", 5, 10, ""],
        "kode_unit",
        "kode unit 'KEL-XXX' tidak dikenal",
    ),
    (["KEL-NGS", "J-NONE", "Tugas A", "dokumen", 5, 10, ""], "kode_jabatan", "tidak dikenal"),
    (["DINKES", "{kasi}", "Tugas A", "dokumen", 5, 10, ""], "kode_jabatan", "bukan jabatan di unit DINKES"),
    (["KEL-NGS", "{kasi}", "", "dokumen", 5, 10, ""], "uraian_tugas", "uraian tugas wajib diisi"),
    (["KEL-NGS", "{kasi}", "Tugas A", "dokumen", "=1+1", 10, ""], "kode_unit", "rumus"),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_a_bad_row_names_its_row_and_column_and_nothing_is_written(
    gov: SmallGovernment, client_as, row: list[Any], column: str, message: str
) -> None:
    client = client_as(Role.ANALYST)
    cells = [gov.kasi.code if v == "{kasi}" else v for v in row]
    response = upload(client, xlsx([good_rows(gov)[0], cells]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Berkas ditolak" in text
    assert f'<td>3</td><td class="nip">{column}</td>' in text
    assert message in text.replace("&#x27;", "'")
    assert not WorkloadTask.objects.exists()
    assert SESSION_KEY not in client.session


def test_a_duplicate_task_points_to_the_first_row(gov: SmallGovernment, client_as) -> None:
    first = good_rows(gov)[0]
    response = upload(client_as(Role.ANALYST), xlsx([first, list(first)]))
    assert "tugas yang sama sudah ada di baris 2" in response.content.decode()


def test_a_missing_column_is_named(gov: SmallGovernment, client_as) -> None:
    response = upload(client_as(Role.ANALYST), xlsx(good_rows(gov), header=HEADER[:5]))
    assert response.status_code == 400
    assert "kolom norma waktu (menit) tidak ada di baris judul" in response.content.decode()


def test_a_file_that_is_not_xlsx_is_refused_before_parsing(gov: SmallGovernment, client_as) -> None:
    fake = SimpleUploadedFile("abk.xlsx", b"kode_unit;kode_jabatan\n", content_type="text/csv")
    response = upload(client_as(Role.ANALYST), fake)
    assert response.status_code == 400
    assert "Berkas: Berkas bukan file Excel .xlsx yang sah." in response.content.decode()
    assert AuditEntry.objects.filter(action="upload_rejected").exists()


def test_a_stale_or_forged_token_writes_nothing(gov: SmallGovernment, client_as) -> None:
    client = client_as(Role.ANALYST)
    upload(client, xlsx(good_rows(gov)))
    response = client.post(reverse("planning:needs_import_commit"), {"token": "palsu"}, follow=True)
    assert "Pratinjau tidak ditemukan" in response.content.decode()
    assert not WorkloadTask.objects.exists()


def test_a_failure_during_commit_leaves_the_old_workload(
    gov: SmallGovernment, client_as, monkeypatch: pytest.MonkeyPatch
) -> None:
    workload(gov.kasi, 0.5)
    client = client_as(Role.ANALYST)
    upload(client, xlsx(good_rows(gov)))

    def boom(**kwargs: Any) -> None:
        raise RuntimeError("disk penuh")

    monkeypatch.setattr("tepat.planning.needs.services.audit_record", boom)
    with pytest.raises(RuntimeError):
        client.post(reverse("planning:needs_import_commit"), {"token": client.session[SESSION_KEY]["token"]})
    assert sorted(WorkloadTask.objects.values_list("name", flat=True)) == ["Tugas 1", "Tugas 2"]


def test_unit_heads_may_not_import(gov: SmallGovernment, client_as) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kecamatan)
    assert upload(client, xlsx(good_rows(gov))).status_code == 403
    assert client.get(reverse("planning:needs_import")).status_code == 403


def test_the_template_documents_the_columns(gov: SmallGovernment, client_as) -> None:
    response = client_as(Role.ANALYST).get(reverse("planning:needs_import_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["ABK"][1]] == [
        "kode_unit", "kode_jabatan", "uraian_tugas", "satuan_hasil", "volume", "norma_menit", "sumber",
    ]  # fmt: skip
    assert book["Petunjuk"].max_row == 8
