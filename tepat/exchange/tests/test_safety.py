"""Upload gate, formula escaping and download headers (SECURITY.md T16, T17, T19, T20)."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable

import openpyxl
import pytest
from defusedxml import DefusedXmlException
from django.http import HttpResponse

from tepat.core.models import AuditEntry
from tepat.exchange.checks import defusedxml_in_use
from tepat.exchange.safety import (
    UploadRejected,
    check_upload,
    csv_response,
    download_filename,
    safe_cell,
    xlsx_response,
)
from tepat.exchange.tests import hostile

pytestmark = pytest.mark.django_db

HOSTILE: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "zip bomb": ("bom.xlsx", hostile.zip_bomb, "ratio"),
    "10 000 entries": ("banyak.xlsx", hostile.many_entries, "entries"),
    "../ entry": ("slip.xlsx", hostile.dotdot_entry, "path"),
    "macro inside .xlsx": ("makro.xlsx", hostile.macro_workbook, "macro"),
    ".xlsm extension": ("makro.xlsm", hostile.macro_workbook, "extension"),
    "PDF renamed .xlsx": ("surat.xlsx", hostile.pdf_renamed, "magic"),
    "over the size cap": ("besar.xlsx", lambda: hostile.oversize(20 * 1024 * 1024), "too_large"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_hostile_upload_is_refused_quickly_with_a_security_event(case: str) -> None:
    name, make, code = HOSTILE[case]
    content = make()
    started = time.perf_counter()
    with pytest.raises(UploadRejected) as refused:
        check_upload(hostile.upload(name, content), kinds=("xlsx",))
    assert time.perf_counter() - started < 2
    assert refused.value.code == code
    assert refused.value.field == "berkas"
    event = AuditEntry.objects.get(kind=AuditEntry.Kind.SECURITY, action="upload_rejected")
    assert event.changes["reason"] == code


def test_zip_bomb_is_small_on_disk_and_huge_expanded() -> None:
    import zipfile

    content = hostile.zip_bomb()
    assert len(content) < 1024 * 1024
    expanded = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(content)).infolist())
    assert expanded > 500 * 1024 * 1024


def test_a_plain_workbook_and_a_csv_pass_the_gate() -> None:
    check_upload(hostile.upload("pegawai.xlsx", hostile.valid_xlsx()))
    check_upload(hostile.upload("pegawai.csv", b"NIP;Nama\n1;Ani\n"))
    assert not AuditEntry.objects.filter(kind=AuditEntry.Kind.SECURITY).exists()


def test_a_binary_file_renamed_csv_is_refused() -> None:
    with pytest.raises(UploadRejected):
        check_upload(hostile.upload("data.csv", hostile.valid_xlsx()))


def test_billion_laughs_in_shared_strings_is_refused_by_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True
    check_upload(hostile.upload("tawa.xlsx", hostile.billion_laughs()))  # passes the zip scan ...
    with pytest.raises(ValueError, match="invalid XML") as refused:  # ... and defusedxml stops the parse
        openpyxl.load_workbook(io.BytesIO(hostile.billion_laughs()), read_only=True)
    assert isinstance(refused.value.__cause__, DefusedXmlException)


def test_system_check_fails_without_defusedxml(monkeypatch: pytest.MonkeyPatch) -> None:
    assert defusedxml_in_use() == []
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    assert [message.id for message in defusedxml_in_use()] == ["exchange.E001"]


DANGEROUS = ['=HYPERLINK("http://x","klik")', "+62812345", "-1", "@SUM(1)", "\t=1", "\r=1", "\0=1"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_safe_cell_prefixes_dangerous_first_characters(value: str) -> None:
    assert safe_cell(value).startswith("'")


@pytest.mark.parametrize("value", ["Ani", "3374", 5, -1, None, "a=b"])
def test_safe_cell_leaves_harmless_values_alone(value: object) -> None:
    assert safe_cell(value) == value


def _user(make_user: Callable[..., object]) -> object:
    return make_user("hr_admin")


def test_xlsx_export_never_holds_a_formula_cell(make_user: Callable[..., object]) -> None:
    rows = [[value, "=1+1", value] for value in DANGEROUS]
    response = xlsx_response(
        "uji.xlsx",
        [("Data", ["Nama", "Catatan", "Telepon"], rows, frozenset({"Telepon"}))],
        actor=_user(make_user),
        subject="uji",
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Data"]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    assert cells
    assert all(cell.data_type != "f" for cell in cells)
    for row in sheet.iter_rows(min_row=2, max_col=2, values_only=True):
        assert all(str(value).startswith("'") for value in row)
    phones = [row[0] for row in sheet.iter_rows(min_row=2, min_col=3, values_only=True)]
    assert "+62812345" in phones  # documented text column keeps the value as typed
    assert sheet.cell(row=3, column=3).number_format == "@"


def test_csv_export_prefixes_every_dangerous_cell_and_is_rfc4180(make_user: Callable[..., object]) -> None:
    rows = [[value, 'kutip " dan, koma'] for value in DANGEROUS]
    response = csv_response("uji.csv", ["Nama", "Catatan"], rows, actor=_user(make_user), subject="uji")
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    parsed = list(csv.reader(io.StringIO(text, newline="")))
    assert parsed[0] == ["Nama", "Catatan"]
    assert all(row[0].startswith("'") for row in parsed[1:])
    assert parsed[1][1] == 'kutip " dan, koma'


@pytest.mark.parametrize("make", ["xlsx", "csv"])
def test_downloads_carry_a_server_built_name_no_store_and_an_audit_row(
    make: str, make_user: Callable[..., object]
) -> None:
    user = _user(make_user)
    evil = 'a"b\r\nSet-Cookie: x=1/../../rahasia'
    response: HttpResponse
    if make == "xlsx":
        response = xlsx_response(evil, [("D", ["A"], [[1], [2]], frozenset())], actor=user, subject="uji")
    else:
        response = csv_response(evil, ["A"], [[1], [2]], actor=user, subject="uji")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=UTF-8''")
    assert "\r" not in disposition
    assert "\n" not in disposition
    assert '"' not in disposition
    assert ".." not in disposition
    assert "/" not in disposition
    assert response["Cache-Control"] == "no-store"
    entry = AuditEntry.objects.get(action="export")
    assert entry.kind == AuditEntry.Kind.ACCESS
    assert entry.changes["rows"] == 2
    assert entry.actor == user


def test_download_filename_keeps_the_extension_once() -> None:
    assert download_filename("pegawai.xlsx", "xlsx") == "pegawai.xlsx"
    assert download_filename("../..", "csv") == "ekspor.csv"
