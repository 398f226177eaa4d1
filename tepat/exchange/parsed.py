"""The table read at preview, kept for the commit so a large workbook is parsed once, not twice.

Stored next to the upload (MEDIA_ROOT, never served) as gzip'd JSON with typed values (no pickle), signed with
an HMAC of the server's secret and bound to the SHA-256 of the uploaded file. The commit uses it only when the
signature is valid and the upload still hashes to the same value; otherwise it reads the file again. Every row
is still validated again inside the commit's transaction: only the parsing is reused, never the checks.
"""

from __future__ import annotations

import gzip
import hashlib
import hmac
import json
from datetime import date, datetime, time
from typing import Any

from django.core.files.base import ContentFile
from django.utils.crypto import salted_hmac

from tepat.exchange.cells import Cell
from tepat.exchange.models import ImportBatch
from tepat.exchange.reading import Table

SALT = "tepat.exchange.parsed-table"
DECODERS = {"d": datetime.fromisoformat, "D": date.fromisoformat, "t": time.fromisoformat}


class Unstorable(ValueError):
    """A cell value this format does not carry; the commit then reads the file again."""


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, datetime):
        return ["d", value.isoformat()]
    if isinstance(value, date):
        return ["D", value.isoformat()]
    if isinstance(value, time):
        return ["t", value.isoformat()]
    raise Unstorable(type(value).__name__)


def _decode(value: Any) -> Any:
    return DECODERS[value[0]](value[1]) if isinstance(value, list) else value


def _name(batch: ImportBatch) -> str:
    return f"{batch.upload.name}.tabel.json.gz"


def _signature(payload: bytes) -> bytes:
    return salted_hmac(SALT, payload, algorithm="sha256").hexdigest().encode()


def parsed_table_store(*, batch: ImportBatch, table: Table) -> None:
    """Keep the preview's table for the commit (skipped when a cell holds a value JSON cannot carry)."""
    try:
        rows = [
            [n, {k: [_encode(c.value), c.formula, c.numeric] for k, c in cells.items()}]
            for n, cells in table.rows
        ]
    except Unstorable:
        return
    body = {"sha256": batch.file_sha256, "unknown": table.unknown_headers, "rows": rows}
    payload = gzip.compress(json.dumps(body, separators=(",", ":")).encode(), compresslevel=1)
    storage = batch.upload.storage
    storage.delete(_name(batch))
    storage.save(_name(batch), ContentFile(_signature(payload) + b"\n" + payload))


def parsed_table_load(*, batch: ImportBatch) -> Table | None:
    """The stored table when it is genuine and belongs to the very file uploaded; None otherwise."""
    storage, name = batch.upload.storage, _name(batch)
    if not storage.exists(name):
        return None
    with storage.open(name, "rb") as handle:
        signature, _, payload = handle.read().partition(b"\n")
    if not hmac.compare_digest(signature, _signature(payload)):
        return None
    body = json.loads(gzip.decompress(payload))
    if body["sha256"] != batch.file_sha256 or _upload_sha256(batch) != batch.file_sha256:
        return None
    rows = [
        (n, {k: Cell(_decode(v), formula, numeric) for k, (v, formula, numeric) in cells.items()})
        for n, cells in body["rows"]
    ]
    return Table(rows=rows, unknown_headers=body["unknown"])


def parsed_table_discard(*, batch: ImportBatch) -> None:
    batch.upload.storage.delete(_name(batch))


def _upload_sha256(batch: ImportBatch) -> str:
    digest = hashlib.sha256()
    with batch.upload.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
