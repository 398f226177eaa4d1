"""Supporting documents: PDF only, size-limited, stored under MEDIA_ROOT (outside the web root, R-18).

`tepat.exchange.safety.check_upload` gates spreadsheets only (it refuses a PDF as "not text"), so the PDF
gate lives here: extension, `%PDF-` magic bytes, an `%%EOF` trailer, no NUL-free fake, and a size cap.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from tepat.core.audit import audit_record, security_event
from tepat.core.models import AuditEntry
from tepat.core.scoping import user_scope
from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.transfers.checklists import KIND_LABELS
from tepat.transfers.models import Move, MoveDocument

MB = 1024 * 1024
UPLOADERS = frozenset({Role.ANALYST, Role.UNIT_HEAD, Role.HR_ADMIN})
OPEN_STATES = frozenset({State.DRAF, State.DIKEMBALIKAN, State.DIAJUKAN})


class DocumentRejected(ApplicationError):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message, field="berkas")
        self.code = code


def max_document_bytes() -> int:
    return int(getattr(settings, "TEPAT_DOCUMENT_MAX_BYTES", 5 * MB))


def _read_pdf(uploaded_file: Any) -> bytes:
    name = str(getattr(uploaded_file, "name", "") or "")
    limit = max_document_bytes()
    if (getattr(uploaded_file, "size", 0) or 0) > limit:
        raise DocumentRejected(f"Berkas terlalu besar: paling besar {limit // MB} MB.", code="too_large")
    if PurePosixPath(name.lower()).suffix != ".pdf":
        raise DocumentRejected("Berkas harus berformat PDF (.pdf).", code="extension")
    uploaded_file.seek(0)
    content = uploaded_file.read(limit + 1)
    if len(content) > limit:
        raise DocumentRejected(f"Berkas terlalu besar: paling besar {limit // MB} MB.", code="too_large")
    if not content.startswith(b"%PDF-"):
        raise DocumentRejected("Berkas bukan PDF yang sah.", code="magic")
    if b"%%EOF" not in content[-1024:]:
        raise DocumentRejected("Berkas PDF rusak atau terpotong.", code="truncated")
    return bytes(content)


def check_pdf_upload(uploaded_file: Any, *, actor: Any) -> bytes:
    """The PDF bytes, or DocumentRejected with a security event (R-14/R-21 style)."""
    try:
        return _read_pdf(uploaded_file)
    except DocumentRejected as error:
        security_event(
            actor=actor,
            action="upload_rejected",
            detail={"reason": error.code, "filename": str(getattr(uploaded_file, "name", ""))[-100:]},
        )
        raise


def document_upload(*, move: Move, actor: Any, kind: str, uploaded_file: Any) -> MoveDocument:
    if kind not in KIND_LABELS:
        raise ApplicationError("Jenis dokumen tidak dikenal.", field="kind")
    if not user_scope(actor).roles & UPLOADERS:
        raise IllegalTransition("Peran Anda tidak berwenang mengunggah dokumen usulan.")
    if move.status not in OPEN_STATES:
        raise IllegalTransition(
            "Dokumen hanya dapat ditambahkan sebelum usulan diverifikasi.", field="berkas"
        )
    content = check_pdf_upload(uploaded_file, actor=actor)
    return _store(move, actor, kind, str(uploaded_file.name), content)


def document_attach_own_letter(*, move: Move, actor: Any, uploaded_file: Any) -> MoveDocument:
    """The employee's own signed request letter (checklist item 3) on their own-request move."""
    if not move.own_request or move.employee.user_id != getattr(actor, "pk", None):
        raise IllegalTransition("Hanya pemohon yang dapat melampirkan surat permohonannya sendiri.")
    if move.status not in OPEN_STATES:
        raise IllegalTransition(
            "Dokumen hanya dapat ditambahkan sebelum usulan diverifikasi.", field="berkas"
        )
    content = check_pdf_upload(uploaded_file, actor=actor)
    return _store(move, actor, "permohonan", str(uploaded_file.name), content)


@transaction.atomic
def _store(move: Move, actor: Any, kind: str, name: str, content: bytes) -> MoveDocument:
    digest = hashlib.sha256(content).hexdigest()
    document = MoveDocument(
        move=move, kind=kind, original_name=name[-200:], size=len(content), sha256=digest, uploaded_by=actor
    )
    document.file.save(f"{document.public_id}.pdf", ContentFile(content), save=False)
    try:
        document.save()
        audit_record(
            actor=actor,
            action="document_upload",
            obj=move,
            changes={
                "kind": kind,
                "sha256": digest,
                "size": len(content),
                "document": str(document.public_id),
            },
        )
    except Exception:
        document.file.delete(save=False)  # no orphan file when the row is not written
        raise
    return document


def document_read(*, document: MoveDocument, actor: Any) -> bytes:
    """The stored bytes, checked against the hash taken at upload; every read is an access row (R-18)."""
    with document.file.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != document.sha256:
        security_event(
            actor=actor, action="document_hash_mismatch", detail={"document": str(document.public_id)}
        )
        raise ApplicationError("Berkas tersimpan tidak cocok dengan sidik SHA-256 saat diunggah.")
    audit_record(
        actor=actor,
        action="document_download",
        obj=document.move,
        kind=AuditEntry.Kind.ACCESS,
        changes={"document": str(document.public_id), "kind": document.kind},
    )
    return content
