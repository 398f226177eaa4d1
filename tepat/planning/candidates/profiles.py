"""Ranking profiles: which one applies to a position kind (selector) and how a new version is saved (service).

Built-in defaults (used until an analyst saves a profile; shown as "bawaan", version 0):

* every kind: the engine's fit weights (kompetensi 40, pendidikan 15, pengalaman 15, kinerja 20, preferensi 10);
* managerial posts (JPT Pratama, Administrator, Pengawas): kompetensi 50 and kinerja 10. SKP "Baik" in each of
  the last two years is already a requirement (R7), so above that gate performance only breaks ties; the
  competency fit is what PP 11/2017 Pasal 190 ayat (4) asks of a managerial move.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet

from tepat.core.audit import audit_record
from tepat.engine.errors import FieldProblem, InvalidInput
from tepat.engine.fit import COMPONENT_LABELS, COMPONENTS, Component, FitWeights
from tepat.engine.reference import MANAGERIAL_KINDS, POSITION_KIND_LABELS, PositionKind
from tepat.planning.candidates.scoring import FIT, METHODS, ScoringProfile
from tepat.planning.models import RankingProfile

GENERAL_DEFAULT = FitWeights()
MANAGERIAL_DEFAULT = FitWeights(
    competency=0.5, education=0.15, experience=0.15, performance=0.1, preference=0.1
)
WEIGHT_FIELDS = dict(zip(COMPONENTS, FitWeights.__dataclass_fields__, strict=True))


def weights_from_percent(values: dict[str, Any]) -> FitWeights:
    """{"kompetensi": 40, …} (percent) → FitWeights (fractions)."""
    return FitWeights(**{WEIGHT_FIELDS[c]: float(values.get(c.value, 0)) / 100 for c in COMPONENTS})


def weights_as_percent(weights: FitWeights) -> dict[str, float]:
    return {c.value: round(getattr(weights, WEIGHT_FIELDS[c]) * 100, 1) for c in COMPONENTS}


def _builtin(kind: str) -> ScoringProfile:
    managerial = kind in MANAGERIAL_KINDS
    label = f"bawaan {POSITION_KIND_LABELS[kind]}" if managerial else "bawaan (semua jenis jabatan)"
    return ScoringProfile(label, FIT, MANAGERIAL_DEFAULT if managerial else GENERAL_DEFAULT)


def _from_row(row: RankingProfile) -> ScoringProfile:
    return ScoringProfile(
        label=str(row),
        method=row.method,
        weights=weights_from_percent(row.weights),
        core_weight=row.core_weight,
        profile_id=row.pk,
        version=row.version,
    )


def ranking_profile_for_kind(*, position_kind: str) -> ScoringProfile:
    """The current profile of the kind, else the current general one, else the built-in default (1 query)."""
    rows = RankingProfile.objects.filter(position_kind__in=[position_kind, ""]).order_by("-version")
    current = {row.position_kind: row for row in reversed(list(rows))}  # highest version wins
    row = current.get(position_kind) or current.get("")
    return _from_row(row) if row else _builtin(position_kind)


def ranking_profiles_for_kinds() -> dict[str, ScoringProfile]:
    """The profile in force for every position kind (1 query): the employee view scores many kinds at once."""
    current = {row.position_kind: row for row in RankingProfile.objects.order_by("position_kind", "version")}

    def pick(kind: str) -> ScoringProfile:
        row = current.get(kind) or current.get("")
        return _from_row(row) if row else _builtin(kind)

    return {kind.value: pick(kind.value) for kind in PositionKind}


def ranking_profile_list() -> QuerySet[RankingProfile]:
    return RankingProfile.objects.select_related("created_by").order_by("position_kind", "-version")


@dataclass(frozen=True)
class ProfileInput:
    position_kind: str
    method: str
    weights: dict[str, float]  # percent per component value
    core_weight: float  # 0–1
    note: str


def _problems(data: ProfileInput) -> list[FieldProblem]:
    problems = []
    if data.method not in METHODS:
        problems.append(FieldProblem("method", "metode tidak dikenal"))
    if data.position_kind and data.position_kind not in set(PositionKind):
        problems.append(FieldProblem("position_kind", "jenis jabatan tidak dikenal"))
    for component in COMPONENTS:
        value = data.weights.get(component.value)
        if value is None or not 0 <= value <= 100:
            problems.append(FieldProblem(f"weight_{component.value}", "harus angka 0 sampai 100"))
    total = sum(data.weights.get(c.value) or 0 for c in COMPONENTS)
    if not problems and abs(total - 100) > 1e-6:
        problems.append(FieldProblem("weights", f"jumlah bobot harus 100 (sekarang {total:g})"))
    if not 0 <= data.core_weight <= 1:
        problems.append(FieldProblem("core_weight", "harus 0 sampai 100 persen"))
    if not data.note.strip():
        problems.append(FieldProblem("note", "alasan perubahan wajib diisi"))
    return problems


@transaction.atomic
def ranking_profile_create(*, actor: Any, data: ProfileInput) -> RankingProfile:
    """Save the next version for the kind; earlier versions stay, so past rankings still name theirs."""
    problems = _problems(data)
    if problems:
        raise InvalidInput(problems)
    latest = RankingProfile.objects.filter(position_kind=data.position_kind).aggregate(v=Max("version"))["v"]
    row = RankingProfile(
        position_kind=data.position_kind,
        version=(latest or 0) + 1,
        method=data.method,
        weights={c.value: float(data.weights[c.value]) for c in COMPONENTS},
        core_weight=data.core_weight,
        note=data.note.strip(),
        created_by=actor,
    )
    row.full_clean()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError as exc:  # a colleague saved the same version a moment earlier
        raise InvalidInput(
            [FieldProblem("version", "versi ini baru saja disimpan orang lain; ulangi")]
        ) from exc
    audit_record(
        actor=actor,
        action="ranking_profile_create",
        obj=row,
        changes={"method": row.method, "weights": row.weights, "core_weight": row.core_weight},
        reason=row.note,
    )
    return row


def component_labels() -> list[tuple[str, str]]:
    return [(c.value, COMPONENT_LABELS[Component(c)]) for c in COMPONENTS]
