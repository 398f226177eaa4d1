"""The one gate for uploads and the one path for spreadsheet downloads (SECURITY.md R-14, R-15, R-17, R-18; D-2, D-3).

Every app that accepts a file or offers an export uses these functions, never its own copy.

Upload gate::

    from tepat.exchange.safety import UploadRejected, check_upload

    try:
        check_upload(request.FILES["berkas"], kinds=("xlsx", "csv"), actor=request.user)
    except UploadRejected as error:
        ...  # answer 400 with error.message; nothing has been parsed or written

`check_upload` runs before openpyxl (or the csv module) sees a byte. It checks the size (≤ 20 MB), the
extension (one of `kinds`), the magic bytes (`PK\\x03\\x04` for xlsx, no NUL bytes and valid UTF-8/Windows-1252
for csv) and, for xlsx, pre-scans the zip directory: ≤ 200 entries, ≤ 200 MB uncompressed in total, no entry
expanding more than 100× (entries under 64 KiB are too small to matter), no absolute or `..` names, no
`vbaProject.bin` (macros). A refusal raises `UploadRejected` (an `ApplicationError` with an Indonesian message and
`field="berkas"`) and records a security event `upload_rejected` with the reason code. Limits can be tuned per
office in settings: TEPAT_UPLOAD_MAX_BYTES, TEPAT_UPLOAD_MAX_ENTRIES, TEPAT_UPLOAD_MAX_UNCOMPRESSED,
TEPAT_UPLOAD_MAX_RATIO.

Formula injection::

    safe_cell("=HYPERLINK(...)")  # -> "'=HYPERLINK(...)"; non-strings come back unchanged

Downloads (every cell goes through `safe_cell`; no formula cell is ever written; the filename is rebuilt by the
server; `Cache-Control: no-store`; one audit row of kind "access" with who, what and how many rows)::

    return xlsx_response(
        "pegawai.xlsx",
        [Sheet("Pegawai", ["NIP", "Nama"], rows, text_columns=frozenset({"NIP"}))],
        actor=request.user,
        subject="people.employee",
    )
    return csv_response("pegawai.csv", ["NIP", "Nama"], rows, actor=request.user, subject="people.employee")

`Sheet` is a plain tuple `(title, headers, rows, text_columns)`; a 4-tuple works too. `text_columns` names
columns written as text cells (`number_format="@"`, string type): they keep `+62…` or a leading `-` as typed
(R-17 exemption) and still can never become formulas. CSV is never exempt.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from tepat.core.audit import audit_record, security_event
from tepat.core.models import AuditEntry
from tepat.engine.errors import ApplicationError

MB = 1024 * 1024
DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r", "\0")
SMALL_ENTRY = 64 * 1024  # entries below this cannot be a bomb; tiny XML parts compress very well
XLSX_MAGIC = b"PK\x03\x04"
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # illegal in XML; dropped after safe_cell
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadRejected(ApplicationError):
    """A file refused before parsing; `code` names the reason for the security log."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, field="berkas")
        self.code = code


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


# --- upload gate -----------------------------------------------------------------------------------------


def check_upload(uploaded_file: Any, *, kinds: Sequence[str] = ("xlsx", "csv"), actor: Any = None) -> None:
    """Refuse a hostile or malformed upload before any parser opens it (raises UploadRejected)."""
    name = str(getattr(uploaded_file, "name", "") or "")
    try:
        _check(uploaded_file, name, kinds)
    except UploadRejected as error:
        security_event(
            actor=actor,
            action="upload_rejected",
            detail={"reason": error.code, "filename": name[-100:], "size": _size(uploaded_file)},
        )
        raise
    finally:
        uploaded_file.seek(0)


def _size(uploaded_file: Any) -> int:
    size = getattr(uploaded_file, "size", None)
    if size is None:
        uploaded_file.seek(0, io.SEEK_END)
        size = uploaded_file.tell()
    return int(size)


def _check(uploaded_file: Any, name: str, kinds: Sequence[str]) -> None:
    max_bytes = _limit("TEPAT_UPLOAD_MAX_BYTES", 20 * MB)
    if _size(uploaded_file) > max_bytes:
        raise UploadRejected(f"Berkas terlalu besar: paling besar {max_bytes // MB} MB.", code="too_large")
    kind = PurePosixPath(name.lower()).suffix.lstrip(".")
    if kind not in kinds:
        allowed = ", ".join(f".{k}" for k in kinds)
        raise UploadRejected(f"Jenis berkas harus {allowed}.", code="extension")
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    if kind == "xlsx":
        if not head.startswith(XLSX_MAGIC):
            raise UploadRejected("Berkas bukan file Excel .xlsx yang sah.", code="magic")
        uploaded_file.seek(0)
        _scan_zip(uploaded_file)
    else:
        _check_text(head)


def _check_text(head: bytes) -> None:
    if b"\0" in head or head.startswith(XLSX_MAGIC) or head.startswith(b"%PDF"):
        raise UploadRejected("Berkas bukan file teks CSV.", code="magic")


def _scan_zip(uploaded_file: Any) -> None:
    try:
        with zipfile.ZipFile(uploaded_file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UploadRejected("Berkas Excel rusak atau bukan arsip .xlsx.", code="bad_zip") from error
    max_entries = _limit("TEPAT_UPLOAD_MAX_ENTRIES", 200)
    if len(entries) > max_entries:
        raise UploadRejected(
            f"Berkas Excel berisi terlalu banyak bagian ({len(entries)}; paling banyak {max_entries}).",
            code="entries",
        )
    total = 0
    for entry in entries:
        _check_entry(entry)
        total += entry.file_size
    max_total = _limit("TEPAT_UPLOAD_MAX_UNCOMPRESSED", 200 * MB)
    if total > max_total:
        raise UploadRejected(
            f"Isi berkas Excel terlalu besar setelah diekstrak (paling besar {max_total // MB} MB).",
            code="uncompressed",
        )


def _check_entry(entry: zipfile.ZipInfo) -> None:
    name = entry.filename.replace("\\", "/")
    if name.startswith("/") or ".." in PurePosixPath(name).parts or re.match(r"^[A-Za-z]:", name):
        raise UploadRejected("Berkas Excel berisi nama bagian yang tidak sah.", code="path")
    if PurePosixPath(name.lower()).name == "vbaproject.bin":
        raise UploadRejected("Berkas Excel berisi makro; makro tidak diterima.", code="macro")
    ratio = entry.file_size / max(entry.compress_size, 1)
    if entry.file_size > SMALL_ENTRY and ratio > _limit("TEPAT_UPLOAD_MAX_RATIO", 100):
        raise UploadRejected(
            "Berkas Excel mencurigakan: rasio kompresi terlalu tinggi (kemungkinan zip bomb).",
            code="ratio",
        )


# --- formula injection -----------------------------------------------------------------------------------


def safe_cell(value: Any) -> Any:
    """Prefix `'` to a string starting with = + - @ tab CR or NUL (D-2); any other value is returned as is."""
    if isinstance(value, str) and value.startswith(DANGEROUS_FIRST):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    """A value a spreadsheet cell can hold without surprises: text, number, date, bool or None."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, (bool, int, float, Decimal, date)):
        return value
    return str(value)


# --- downloads -------------------------------------------------------------------------------------------


class Sheet(NamedTuple):
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    text_columns: frozenset[str] = frozenset()


def download_filename(filename: str, extension: str) -> str:
    """A safe ASCII file name built by the server: no quotes, CR/LF, slashes or leading dots."""
    stem = PurePosixPath(filename.replace("\\", "/")).name
    stem = stem.removesuffix(f".{extension}")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._")[:100] or "ekspor"
    return f"{stem}.{extension}"


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _audit_export(*, actor: Any, subject: str, filename: str, fmt: str, rows: int) -> None:
    audit_record(
        actor=actor,
        action="export",
        kind=AuditEntry.Kind.ACCESS,
        object_type=subject[:60],
        changes={"format": fmt, "filename": filename, "rows": rows},
    )


def _xlsx_cell(sheet: Any, value: Any, as_text: bool) -> Any:
    from openpyxl.cell import WriteOnlyCell

    value = _plain(value)
    if isinstance(value, str):
        value = CONTROL_CHARS.sub("", value)
        value = value if as_text else safe_cell(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would turn a string starting with "=" into a formula
    if as_text:
        cell.number_format = "@"
    elif isinstance(value, (date, datetime)):
        cell.number_format = "DD-MM-YYYY"
    return cell


def _write_sheet(workbook: Any, sheet: Sheet) -> int:
    title, headers, rows, text_columns = sheet
    worksheet = workbook.create_sheet(title=re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Data")
    worksheet.append([_xlsx_cell(worksheet, header, False) for header in headers])
    text = [header in text_columns for header in headers]
    count = 0
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, v, t) for v, t in zip(row, text, strict=False)])
        count += 1
    return count


def xlsx_bytes(sheets: Sequence[Sheet | tuple[Any, ...]]) -> tuple[bytes, int]:
    """The workbook as bytes and the number of data rows written (no formula cells, ever)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    count = sum(_write_sheet(workbook, Sheet(*sheet)) for sheet in sheets)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def xlsx_response(
    filename: str, sheets: Sequence[Sheet | tuple[Any, ...]], *, actor: Any, subject: str = ""
) -> HttpResponse:
    """An .xlsx download of `sheets`, audited as an export by `actor` of `subject` (e.g. "people.employee")."""
    name = download_filename(filename, "xlsx")
    content, count = xlsx_bytes(sheets)
    _audit_export(actor=actor, subject=subject, filename=name, fmt="xlsx", rows=count)
    return _attachment(content, XLSX_TYPE, name)


def csv_bytes(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> tuple[bytes, int]:
    """RFC 4180 CSV (CRLF, quoted where needed) in UTF-8 with a BOM so Excel reads names correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_csv_value(h) for h in headers])
    count = 0
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
        count += 1
    return ("\ufeff" + buffer.getvalue()).encode("utf-8"), count


def _csv_value(value: Any) -> Any:
    value = _plain(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return safe_cell(CONTROL_CHARS.sub("", value))
    return "" if value is None else value


def csv_response(
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    actor: Any,
    subject: str = "",
) -> HttpResponse:
    """A .csv download, every cell through safe_cell (no exemptions), audited as an export."""
    name = download_filename(filename, "csv")
    content, count = csv_bytes(headers, rows)
    _audit_export(actor=actor, subject=subject, filename=name, fmt="csv", rows=count)
    return _attachment(content, "text/csv; charset=utf-8", name)
