"""The berita acara of a closed board session: rendered once from the recorded facts, stored with its SHA-256."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import Q

from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.engine.errors import ApplicationError
from tepat.engine.rules.dates import format_date
from tepat.transfers.models import BoardSession, Move
from tepat.transfers.services.pdf import render_pdf


def _outcome(move: Move, session: BoardSession) -> str:
    if move.board_session_id != session.pk or move.board_recommends is None:
        return "Kuorum tidak tercapai; diagendakan ulang"
    return "Direkomendasikan" if move.board_recommends else "Tidak direkomendasikan"


def _rows(session: BoardSession) -> list[dict[str, Any]]:
    moves = (
        Move.objects.filter(
            Q(board_session=session) | Q(votes__session=session) | Q(conflicts__session=session)
        )
        .distinct()
        .select_related("employee", "target_seat__position__unit")
        .prefetch_related("votes", "conflicts__member")
        .order_by("pk")
    )
    rows = []
    for move in moves:
        votes = [v for v in move.votes.all() if v.session_id == session.pk]
        rows.append(
            {
                "name": move.employee.full_name,
                "nip": move.employee.nip,
                "target": f"{move.target_seat.position.name} – {move.target_seat.position.unit.name}",
                "counted": len(votes),
                "outcome": _outcome(move, session),
                "note": move.board_note,
                "conflicts": [
                    f"{c.member.get_full_name() or c.member.username} menyatakan konflik kepentingan: {c.reason}"
                    for c in move.conflicts.all()
                    if c.session_id == session.pk
                ],
            }
        )
    return rows


def minutes_context(session: BoardSession) -> dict[str, Any]:
    present = session.attendance.select_related("member").order_by("member__username")
    closer = session.closed_by
    return {
        "number": session.number,
        "held_on": format_date(session.held_on),
        "place": session.place,
        "present": [a.member.get_full_name() or a.member.username for a in present],
        "board_size": session.board_size,
        "quorum": session.quorum_minimum,
        "quorum_basis": session.quorum_basis,
        "rows": _rows(session),
        "closed_by": (closer.get_full_name() or closer.username) if closer else "",
    }


def minutes_render(*, session: BoardSession) -> BoardSession:
    """Once per closed session; later calls return the stored file."""
    if session.minutes_sha256 or session.is_open:
        return session
    content = render_pdf("transfers/pdf/berita_acara.html", {"s": minutes_context(session)})
    digest = hashlib.sha256(content).hexdigest()
    storage = session.minutes_pdf.storage
    name = storage.save(f"transfers/berita-acara/{session.public_id}.pdf", ContentFile(content))
    written = BoardSession.objects.filter(pk=session.pk, minutes_sha256="").update(
        minutes_pdf=name, minutes_sha256=digest
    )
    if written != 1:
        storage.delete(name)
    return BoardSession.objects.get(pk=session.pk)


def minutes_read(*, session: BoardSession, actor: Any) -> bytes:
    session = minutes_render(session=session)
    if not session.minutes_sha256:
        raise ApplicationError("Berita acara terbit setelah sidang ditutup.")
    with session.minutes_pdf.open("rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != session.minutes_sha256:
        raise ApplicationError("Berkas berita acara tidak cocok dengan sidik SHA-256-nya; hubungi BKPP.")
    audit_record(actor=actor, action="minutes_download", obj=session, kind=AuditEntry.Kind.ACCESS)
    return content
