"""Hostile files generated inside the tests (SECURITY.md T16, T17): nothing is stored in the repository."""

from __future__ import annotations

import functools
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def valid_xlsx(rows: list[list[object]] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows or [["NIP", "Nama"], ["199001012015031001", "Ani"]]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method, compresslevel=9) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _with_entries(extra: dict[str, bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(valid_xlsx()))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    return _zip({**entries, **extra})


@functools.cache
def zip_bomb() -> bytes:
    """≈ 500 KB on disk, > 500 MB of sheet XML once expanded (zeros compress ~1000×)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            block = b"\0" * (16 * 1024 * 1024)
            for _ in range(33):
                entry.write(block)
    return buffer.getvalue()


def many_entries(count: int = 10_000) -> bytes:
    return _zip({f"xl/part{i}.xml": b"<a/>" for i in range(count)}, method=zipfile.ZIP_STORED)


def dotdot_entry() -> bytes:
    return _with_entries({"../../etc/cron.d/evil": b"* * * * * root true"})


def macro_workbook() -> bytes:
    return _with_entries({"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 macro"})


def pdf_renamed() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def oversize(limit: int) -> bytes:
    return b"PK\x03\x04" + b"\0" * (limit + 1)


def billion_laughs() -> bytes:
    """An otherwise valid workbook whose sharedStrings.xml carries a DTD with nested entities."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
        + b'uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["A1"] = "teks"
    buffer = io.BytesIO()
    workbook.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    entries = {info.filename: source.read(info) for info in source.infolist()}
    entries["xl/sharedStrings.xml"] = laughs
    entries["xl/_rels/workbook.xml.rels"] = entries["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdSst" Target="sharedStrings.xml" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings"/></Relationships>',
    )
    entries["[Content_Types].xml"] = entries["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    entries["xl/worksheets/sheet1.xml"] = entries["xl/worksheets/sheet1.xml"].replace(
        b'<c r="A1" t="inlineStr"><is><t>teks</t></is></c>', b'<c r="A1" t="s"><v>0</v></c>'
    )
    return _zip(entries)
