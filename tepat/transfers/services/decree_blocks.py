"""Edit the SK's data blocks (R-19): Menimbang, Mengingat, signer, tembusan. The layout stays a repository
template; these texts enter it only as autoescaped context, and an issued SK keeps the blocks it was issued with
(its content is frozen, R-30)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record, diff
from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.workflow import Action
from tepat.transfers.models import DecreeSettings
from tepat.transfers.services.actors import role_for
from tepat.transfers.services.decree import decree_settings

EDITABLE = (
    "government",
    "head_title",
    "place",
    "signer_name",
    "signer_rank",
    "signer_nip",
    "menimbang",
    "mengingat",
    "tembusan",
)
REQUIRED = {
    "government": "nama pemerintah wajib diisi",
    "head_title": "jabatan penanda tangan wajib diisi",
    "place": "tempat penetapan wajib diisi",
    "signer_name": "nama penanda tangan wajib diisi",
    "menimbang": "paling sedikit satu butir Menimbang",
    "mengingat": "paling sedikit satu butir Mengingat",
    "tembusan": "paling sedikit satu penerima tembusan",
}


def _problems(data: dict[str, str]) -> list[FieldProblem]:
    problems = [FieldProblem(name, message) for name, message in REQUIRED.items() if not data[name].strip()]
    nip = data["signer_nip"]
    if nip and not (nip.isdigit() and len(nip) == 18):
        problems.append(FieldProblem("signer_nip", "NIP terdiri atas 18 angka"))
    return problems


@transaction.atomic
def decree_settings_update(*, actor: Any, data: dict[str, Any]) -> DecreeSettings:
    """Save the edited blocks (all or nothing) with an audit row holding the old and new texts."""
    role_for(actor, Action.TERBITKAN_SK)  # the BKPP admin who issues SKs keeps their texts
    cleaned = {name: str(data.get(name) or "").strip() for name in EDITABLE}
    problems = _problems(cleaned)
    if problems:
        raise InvalidInput(problems)
    row = DecreeSettings.objects.select_for_update().get(pk=decree_settings().pk)
    changes = diff(row, cleaned)
    if not changes:
        return row
    for name, value in cleaned.items():
        setattr(row, name, value)
    row.full_clean()
    row.save(update_fields=[*cleaned, "updated_at"])
    audit_record(actor=actor, action="decree_settings_update", obj=row, changes=changes)
    return row
