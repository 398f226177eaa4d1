"""Workloads (beban kerja) per position from the ANJAB/ABK forms, and formasi set by hand (DOMAIN.md §8).

One `WorkloadTask` row per task of a position: Σ(volume × norm) / WKE is the required headcount (the formula
and its rounding live in `tepat.engine.needs`). A position without tasks may carry a `ManualRequirement`
(formasi set by hand, shown as such); with neither, no surplus or shortage can be stated for it.
Imported from `tepat.organization.models`, so Django registers both models with the organization app.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class WorkloadTask(models.Model):
    """One task (uraian tugas) of a position with its yearly volume and time norm (tugas per tugas jabatan)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.ForeignKey(
        "organization.Position",
        on_delete=models.CASCADE,
        related_name="workload_tasks",
        verbose_name="jabatan",
    )
    name = models.CharField("uraian tugas", max_length=300)
    output_unit = models.CharField("satuan hasil", max_length=80)
    volume = models.DecimalField("beban kerja per tahun", max_digits=12, decimal_places=2)
    norm_minutes = models.DecimalField("norma waktu (menit)", max_digits=10, decimal_places=2)
    source = models.CharField("sumber / referensi ANJAB", max_length=200, blank=True)
    import_batch = models.UUIDField("batch impor", null=True, blank=True, db_index=True)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "tugas jabatan (ABK)"
        verbose_name_plural = "tugas jabatan (ABK)"
        ordering = ["position_id", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["position", "name"], name="one_task_name_per_position"),
            models.CheckConstraint(condition=Q(volume__gte=0), name="workload_volume_not_negative"),
            models.CheckConstraint(condition=Q(norm_minutes__gt=0), name="workload_norm_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.volume} {self.output_unit} × {self.norm_minutes} menit)"


class ManualRequirement(models.Model):
    """Formasi set by hand for a position without a workload (e.g. a structural post: one holder)."""

    position = models.OneToOneField(
        "organization.Position",
        on_delete=models.CASCADE,
        related_name="manual_requirement",
        verbose_name="jabatan",
    )
    required = models.PositiveSmallIntegerField("kebutuhan (formasi manual)")
    reason = models.CharField("dasar penetapan", max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "formasi manual"
        verbose_name_plural = "formasi manual"

    def __str__(self) -> str:
        return f"{self.position_id}: {self.required} ({self.reason})"
