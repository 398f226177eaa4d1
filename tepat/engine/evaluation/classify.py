"""Per-mover verdict and early warnings, from the mover's own SKP and the effect against stayers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tepat.engine.evaluation.panel import predikat_label
from tepat.engine.evaluation.params import Params
from tepat.engine.evaluation.text import points

BERHASIL, STABIL, PERLU_DUKUNGAN, BELUM_DINILAI = "berhasil", "stabil", "perlu_dukungan", "belum_dinilai"
CLASS_LABELS = {
    BERHASIL: "Berhasil",
    STABIL: "Stabil",
    PERLU_DUKUNGAN: "Perlu dukungan",
    BELUM_DINILAI: "Belum bisa dinilai",
}


@dataclass(frozen=True)
class Warning:
    code: str
    text: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "text": self.text}


def early_warnings(
    *,
    post_years: Sequence[tuple[int, float]],
    own_change: float | None,
    review_score: float | None,
    params: Params,
) -> list[Warning]:
    """Below Baik in a year after the move; own SKP fell by ≥ decline_points; a low first review."""
    found: list[Warning] = []
    below = [(year, value) for year, value in post_years if value < params.baik_floor]
    if below:
        listed = ", ".join(f"{predikat_label(value)} pada {year}" for year, value in below)
        found.append(Warning("below_baik", f"SKP setelah pindah di bawah Baik ({listed})"))
    if own_change is not None and own_change <= -params.decline_points:
        found.append(Warning("decline", f"SKP turun {points(-own_change)} poin dibanding sebelum pindah"))
    if review_score is not None and review_score < params.review_low:
        found.append(
            Warning("low_review", f"nilai tinjauan 3 bulan pertama rendah ({points(review_score)} dari 100)")
        )
    return found


def classify(effect: float | None, warnings: Sequence[Warning], params: Params) -> str:
    """Any warning → perlu dukungan (it is actionable even without a comparison); then by the effect."""
    if warnings:
        return PERLU_DUKUNGAN
    if effect is None:
        return BELUM_DINILAI
    if effect >= params.success_points:
        return BERHASIL
    if effect <= params.support_points:
        return PERLU_DUKUNGAN
    return STABIL
