"""Issue the Keputusan (SK): a gap-free number from a locked counter row in the issuing transaction (R-09),
frozen content (R-30), a random verification code, then a one-time PDF whose SHA-256 every download checks.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from tepat.core.audit import audit_record, security_event
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.engine.workflow import STATE_LABELS, Action, State
from tepat.transfers.models import Decree, DecreeCounter, DecreeSettings, Move
from tepat.transfers.services.actors import role_for
from tepat.transfers.services.decree_content import build_content
from tepat.transfers.services.pdf import render_pdf
from tepat.transfers.services.workflow import integrity_as_conflict, move_transition, refusals_logged

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CORRECTABLE = frozenset({State.SK_TERBIT, State.DITAHAN})


def verification_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def decree_settings() -> DecreeSettings:
    from tepat.transfers.services.decree_content import DEFAULT_BLOCKS

    row = DecreeSettings.objects.order_by("pk").first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return DecreeSettings.objects.create(**DEFAULT_BLOCKS)
    except IntegrityError:  # created by a parallel first issue
        return DecreeSettings.objects.order_by("pk").get()


def decree_issue(
    *,
    actor: Any,
    moves: Sequence[Move],
    tmt: date,
    issued_on: date | None = None,
    corrects: Decree | None = None,
    correction_reason: str = "",
) -> Decree:
    """One Keputusan for approved moves (or a correction of an issued one); all or nothing."""
    with refusals_logged(actor=actor, action=Action.TERBITKAN_SK, move=moves[0] if moves else None):
        role = role_for(actor, Action.TERBITKAN_SK)
        day = issued_on or today()
        _check_request(moves, tmt, day, corrects, correction_reason)
        decree = integrity_as_conflict(
            lambda: _issue(actor, role, [m.pk for m in moves], tmt, day, corrects, correction_reason)
        )
    transaction.on_commit(lambda: _render_soon(decree))
    return decree


def _check_request(
    moves: Sequence[Move], tmt: date, day: date, corrects: Decree | None, correction_reason: str
) -> None:
    if not moves:
        raise ApplicationError("Pilih paling sedikit satu usulan yang disetujui.", field="moves")
    decided = [m.decided_on for m in moves if m.decided_on is not None]
    if decided and tmt < max(decided):
        raise ApplicationError("TMT tidak boleh sebelum tanggal keputusan PPK.", field="tmt")
    if corrects is not None and not correction_reason.strip():
        raise ApplicationError("Uraian kekeliruan yang diperbaiki wajib diisi.", field="correction_reason")
    if day.year < 2000:
        raise ApplicationError("Tanggal penetapan tidak sah.", field="issued_on")


@transaction.atomic
def _issue(
    actor: Any,
    role: str,
    ids: list[int],
    tmt: date,
    day: date,
    corrects: Decree | None,
    correction_reason: str,
) -> Decree:
    # Lock order: moves first, then the counter row.
    locked = list(Move.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    _check_states(locked, corrects)
    blocks = decree_settings()
    counter = _locked_counter(day.year, blocks.series)
    number = counter.last_number + 1
    number_text = f"{blocks.series}/{number:03d}/{day.year}"
    moves = list(
        Move.objects.filter(pk__in=ids)
        .order_by("pk")
        .select_related("employee__seat__position__unit", "target_seat__position__unit", "board_session")
    )
    decree = Decree.objects.create(
        year=day.year,
        series=blocks.series,
        number=number,
        number_text=number_text,
        kind=Decree.Kind.PERBAIKAN if corrects else Decree.Kind.MUTASI,
        corrects=corrects,
        issued_on=day,
        issued_by=actor,
        tmt=tmt,
        content=build_content(blocks, moves, number_text, tmt, day, corrects, correction_reason),
        verification_code=verification_code(),
    )
    DecreeCounter.objects.filter(pk=counter.pk).update(last_number=number)
    for move in moves:
        _attach(move, decree, actor, role, tmt, corrects)
    audit_record(
        actor=actor,
        action="decree_issue",
        obj=decree,
        changes={
            "number": decree.number_text,
            "moves": len(moves),
            "corrects": corrects.number_text if corrects else None,
        },
    )
    return decree


def _check_states(moves: list[Move], corrects: Decree | None) -> None:
    allowed = CORRECTABLE if corrects else frozenset({State.DISETUJUI})
    for move in moves:
        if move.status not in allowed or (corrects and move.decree_id != corrects.pk):
            label = STATE_LABELS[State(move.status)]
            raise IllegalTransition(
                f"SK hanya dapat diterbitkan untuk usulan yang disetujui PPK (status sekarang: {label}).",
                field="moves",
            )


def _attach(move: Move, decree: Decree, actor: Any, role: str, tmt: date, corrects: Decree | None) -> None:
    if corrects is None:
        move_transition(
            move=move,
            action=Action.TERBITKAN_SK,
            actor=actor,
            role=role,
            reason=f"SK {decree.number_text}",
            fields={"decree": decree, "tmt": tmt},
        )
        return
    # A correction changes which decree governs the move (and maybe its TMT), never its state.
    Move.objects.filter(pk=move.pk).update(decree=decree, tmt=tmt, updated_at=timezone.now())
    audit_record(
        actor=actor,
        action="decree_correct",
        obj=move,
        changes={"decree": {"old": corrects.number_text, "new": decree.number_text}, "tmt": tmt.isoformat()},
    )


def _locked_counter(year: int, series: str) -> DecreeCounter:
    try:
        with transaction.atomic():
            DecreeCounter.objects.get_or_create(year=year, series=series)
    except IntegrityError:
        pass  # another transaction created it first; the lock below waits for it
    return DecreeCounter.objects.select_for_update().get(year=year, series=series)


def _render_soon(decree: Decree) -> None:
    """Render the PDF in the background and schedule the TMT job for the decree's TMT (where the backend can)."""
    from django_tasks import default_task_backend

    from tepat.transfers.tasks import apply_due_tmt_task, render_decree_task

    render_decree_task.enqueue(decree_id=decree.pk)
    if default_task_backend.supports_defer:
        start = timezone.make_aware(datetime.combine(decree.tmt, time(0, 5)))
        apply_due_tmt_task.using(run_after=max(start, timezone.now())).enqueue()


def decree_render_pdf(*, decree: Decree) -> Decree:
    """Render the frozen content once and store its SHA-256; later calls return the stored one."""
    if decree.sha256:
        return decree
    content = render_pdf(
        "transfers/pdf/keputusan.html", {"sk": decree.content, "code": decree.verification_code}
    )
    digest = hashlib.sha256(content).hexdigest()
    name = decree.pdf.storage.save(f"transfers/sk/{decree.year}/{decree.public_id}.pdf", ContentFile(content))
    written = Decree.objects.filter(pk=decree.pk, sha256="").update(
        pdf=name, sha256=digest, rendered_at=timezone.now()
    )
    if written != 1:
        decree.pdf.storage.delete(name)  # a parallel render won; keep the first
    return Decree.objects.get(pk=decree.pk)


def decree_read(*, decree: Decree, actor: Any) -> bytes:
    """The stored PDF, checked against the SHA-256 kept at issue (R-30); each download is an access row."""
    if not decree.sha256:
        decree = decree_render_pdf(decree=decree)
    with decree.pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != decree.sha256:
        security_event(actor=actor, action="decree_hash_mismatch", detail={"decree": decree.number_text})
        raise ApplicationError("Berkas SK tidak cocok dengan sidik SHA-256 saat terbit; hubungi BKPP.")
    audit_record(actor=actor, action="decree_download", obj=decree, kind=AuditEntry.Kind.ACCESS)
    return content


def decree_by_code(*, code: str) -> Decree | None:
    cleaned = code.strip().upper().replace(" ", "")
    if len(cleaned) > 20:
        return None
    return Decree.objects.filter(verification_code=cleaned).first()
