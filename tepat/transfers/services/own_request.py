"""Mutasi atas permintaan sendiri (DOMAIN.md §1.3–1.4): the employee asks for a seat, with a reason and the
signed letter. It becomes a one-move proposal in `draf` (source "atas permintaan sendiri") that the unit head
or the BKPP analyst forwards (`ajukan`) and the BKPP verifies; the R7 SKP rule is hard for it (the engine
applies that when `own_request=True`). Nothing is saved unless the proposal and the letter both are.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.organization.models import Seat
from tepat.transfers.models import Proposal
from tepat.transfers.services.actors import employee_of
from tepat.transfers.services.documents import check_pdf_upload, document_attach_own_letter
from tepat.transfers.services.proposals import MoveOptions, proposal_create


def own_request_create(*, actor: Any, seat: Seat, reason: str, letter: Any) -> Proposal:
    employee = employee_of(actor)
    if employee is None:
        raise IllegalTransition("Akun Anda tidak terhubung dengan data pegawai; hubungi admin BKPP.")
    if letter is None:
        raise ApplicationError("Surat permohonan (PDF) wajib dilampirkan.", field="berkas")
    check_pdf_upload(letter, actor=actor)  # refuse a bad file before anything is written
    with transaction.atomic():
        proposal = proposal_create(
            actor=actor, employee=employee, seat=seat, reason=reason, options=MoveOptions(own_request=True)
        )
        move = proposal.moves.select_related("employee").get()
        document_attach_own_letter(move=move, actor=actor, uploaded_file=letter)
    return proposal


def hard_failures(proposal: Proposal) -> list[str]:
    """Hard rules the request fails today (for the employee's confirmation message), from the snapshot."""
    move = proposal.moves.get()
    rules = move.proposed_snapshot.get("rules", [])
    return [r["message"] for r in rules if r.get("outcome") == "fail" and r.get("severity") == "hard"]
