"""Petikan (per-person extract) of an SK: rendered once per (decree, move) from the decree's frozen content.

Rendered in the background after the SK is issued (event `sk.render_petikan`), or on the first download. The
stored file's SHA-256 is checked on every read; each read is an access row (R-18). A correction SK gets its
own petikan; the one of the corrected SK stays readable (R-30).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from tepat.core.audit import audit_record, security_event
from tepat.core.models import AuditEntry
from tepat.engine.errors import ApplicationError
from tepat.transfers.models import Decree, DecreeExtract, Move
from tepat.transfers.services.pdf import render_pdf


def petikan_row(decree: Decree, move: Move) -> dict[str, Any]:
    """The attachment row of this move in the frozen SK content."""
    key = str(move.public_id)
    row = next((r for r in decree.content.get("rows", []) if r.get("move") == key), None)
    if row is None:
        raise ApplicationError("Pegawai ini tidak tercantum dalam lampiran SK tersebut.", field="move")
    return dict(row)


def petikan_render(*, move: Move, decree: Decree | None = None) -> DecreeExtract:
    """The stored petikan of `move` under `decree` (default: the SK that governs the move now)."""
    decree = decree or move.decree
    if decree is None:
        raise ApplicationError("Petikan tersedia setelah SK mutasi terbit.", field="move")
    existing = DecreeExtract.objects.filter(decree=decree, move=move).first()
    if existing is not None:
        return existing
    context = {"sk": decree.content, "row": petikan_row(decree, move), "code": decree.verification_code}
    content = render_pdf("transfers/pdf/petikan.html", context)
    return _store(decree, move, content)


def _store(decree: Decree, move: Move, content: bytes) -> DecreeExtract:
    extract = DecreeExtract(decree=decree, move=move, sha256=hashlib.sha256(content).hexdigest())
    extract.pdf.save(f"{extract.public_id}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            extract.save()
    except IntegrityError:  # a parallel render stored it first: keep that one
        extract.pdf.delete(save=False)
        return DecreeExtract.objects.get(decree=decree, move=move)
    return extract


def petikan_read(*, move: Move, actor: Any) -> bytes:
    extract = petikan_render(move=move)
    with extract.pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != extract.sha256:
        security_event(actor=actor, action="petikan_hash_mismatch", detail={"move": str(move.public_id)})
        raise ApplicationError("Berkas petikan tidak cocok dengan sidik SHA-256-nya; hubungi BKPP.")
    audit_record(
        actor=actor,
        action="petikan_download",
        obj=move,
        kind=AuditEntry.Kind.ACCESS,
        changes={"decree": extract.decree.number_text},
    )
    return bytes(content)
