"""A stored post-transfer evaluation (difference-in-differences of SKP, movers vs matched stayers).

One row per computation: what was asked (round year, scope, parameters), what it read (inputs hash), which engine
computed it, and the result JSON the pages and exports render. Headline figures are copied into columns so the
list page needs no JSON parsing.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

__all__ = ["EvaluationRun", "EvaluationStatus"]


class EvaluationStatus(models.TextChoices):
    QUEUED = "menunggu", "Menunggu"
    RUNNING = "berjalan", "Sedang dihitung"
    DONE = "selesai", "Selesai"
    FAILED = "gagal", "Gagal"


class EvaluationRun(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round_year = models.PositiveSmallIntegerField("tahun putaran mutasi")
    # None = the whole government; otherwise the movers whose new unit lies in this subtree.
    scope_unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="lingkup unit",
    )
    # The unit's path when the run was made: scoping filters on it without a join, and it survives moves.
    scope_path = models.CharField("jalur lingkup", max_length=255, blank=True)
    scope_label = models.CharField("lingkup", max_length=200)
    parameters = models.JSONField("parameter", default=dict)
    result = models.JSONField("hasil", default=dict)
    inputs_hash = models.CharField("hash masukan", max_length=64, blank=True)
    engine_version = models.CharField("versi mesin", max_length=40, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=EvaluationStatus.choices, default=EvaluationStatus.QUEUED
    )
    effect = models.FloatField("efek rata-rata (poin SKP)", null=True, blank=True)
    ci_low = models.FloatField("batas bawah IK", null=True, blank=True)
    ci_high = models.FloatField("batas atas IK", null=True, blank=True)
    movers = models.PositiveIntegerField("pegawai dimutasi yang dinilai", default=0)
    comparisons = models.PositiveIntegerField("pegawai pembanding", default=0)
    unmatched = models.PositiveIntegerField("dimutasi tanpa pembanding", default=0)
    needs_support = models.PositiveIntegerField("perlu dukungan", default=0)
    seconds = models.FloatField("lama hitung (detik)", null=True, blank=True)
    error = models.TextField("pesan kesalahan", blank=True)
    task_id = models.CharField("id tugas latar", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    finished_at = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        verbose_name = "evaluasi pascamutasi"
        verbose_name_plural = "evaluasi pascamutasi"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["round_year", "-created_at"])]

    def __str__(self) -> str:
        return f"Evaluasi mutasi {self.round_year} – {self.scope_label}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:round_detail", kwargs={"public_id": self.public_id})

    @property
    def finished(self) -> bool:
        return self.status in (EvaluationStatus.DONE, EvaluationStatus.FAILED)
