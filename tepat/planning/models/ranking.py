"""Ranking profiles: the method and weights an analyst chose per position kind, versioned.

A profile row is never edited: a change is a new row with the next version for the same position kind,
so every stored ranking (`CandidateRanking`) still names the exact profile it was computed with (R-31).
The profile with the highest version for a kind is the current one; a kind without a profile of its own
uses the current general profile (`position_kind = ""`), and without any row the built-in default applies.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from tepat.engine.reference import POSITION_KIND_LABELS, PositionKind

__all__ = ["CandidateRanking", "RankingMethod", "RankingProfile"]


class RankingMethod(models.TextChoices):
    FIT = "model_tepat", "Model kecocokan Tepat (bobot komponen)"
    PROFILE_MATCHING = "profile_matching", "Profile matching (gap kompetensi, faktor inti/pendukung)"
    SAW = "saw", "SAW (simple additive weighting)"


class RankingProfile(models.Model):
    KIND_CHOICES = [("", "Semua jenis jabatan"), *((k.value, POSITION_KIND_LABELS[k]) for k in PositionKind)]

    position_kind = models.CharField("jenis jabatan", max_length=30, choices=KIND_CHOICES, blank=True)
    version = models.PositiveIntegerField("versi")
    method = models.CharField("metode", max_length=30, choices=RankingMethod.choices)
    # Relative weights per fit component (kompetensi, pendidikan, pengalaman, kinerja, preferensi).
    weights = models.JSONField("bobot komponen")
    core_weight = models.FloatField(
        "bobot faktor inti", default=0.6, help_text="profile matching: bagian faktor inti (manajerial), 0–1"
    )
    note = models.TextField("alasan perubahan")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="dibuat oleh"
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "profil pemeringkatan"
        verbose_name_plural = "profil pemeringkatan"
        ordering = ["position_kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["position_kind", "version"], name="ranking_profile_version_unique"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="ranking_profile_version_positive"),
            models.CheckConstraint(
                condition=Q(core_weight__gte=0, core_weight__lte=1), name="ranking_profile_core_weight_0_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_label} v{self.version}"

    @property
    def kind_label(self) -> str:
        return dict(self.KIND_CHOICES).get(self.position_kind, self.position_kind)


class CandidateRanking(models.Model):
    """One recommendation as it was shown: seat, date, profile and rule versions, input hash, top result.

    Written once per distinct input (same seat, day, profile and input hash reuse the row); every view of
    it is an access row in the audit trail. Advisory only: nothing here changes a state (R-31).
    """

    seat = models.ForeignKey("organization.Seat", on_delete=models.PROTECT, related_name="+")
    profile = models.ForeignKey(
        RankingProfile, on_delete=models.PROTECT, null=True, blank=True, related_name="rankings"
    )  # null: the built-in default profile (no row yet)
    profile_label = models.CharField("profil", max_length=120)
    on = models.DateField("tanggal acuan")
    input_hash = models.CharField("hash masukan", max_length=64)
    rule_versions = models.JSONField("versi aturan", default=list)
    result = models.JSONField("hasil teratas", default=list)
    candidate_count = models.PositiveIntegerField("jumlah kandidat", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "rekomendasi kandidat"
        verbose_name_plural = "rekomendasi kandidat"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "on", "profile_label", "input_hash"], name="candidate_ranking_once_per_input"
            )
        ]

    def __str__(self) -> str:
        return f"Kandidat {self.seat_id} {self.on:%Y-%m-%d} ({self.profile_label})"
