"""An import batch: one uploaded file, its preview, and — once committed — what it changed, so it can be rolled
back while nothing newer depends on it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from tepat.exchange.columns import ImportKind


class ImportBatch(models.Model):
    class Status(models.TextChoices):
        QUEUED = "antre", "Menunggu diproses"
        READING = "membaca", "Sedang dibaca"
        PREVIEW = "pratinjau", "Siap disimpan"
        INVALID = "bermasalah", "Ada kesalahan"
        COMMITTING = "menyimpan", "Sedang disimpan"
        COMMITTED = "tersimpan", "Tersimpan"
        ROLLED_BACK = "dibatalkan", "Dibatalkan (rollback)"
        FAILED = "gagal", "Gagal diproses"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("jenis data", max_length=20, choices=ImportKind.choices)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.QUEUED)
    # Stored under MEDIA_ROOT (outside the web root) by a server-chosen name; never served directly.
    upload = models.FileField("berkas", upload_to="impor/%Y/%m/", max_length=200)
    file_name = models.CharField("nama berkas asli", max_length=200)
    file_sha256 = models.CharField("SHA-256 berkas", max_length=64, db_index=True)
    file_size = models.PositiveIntegerField("ukuran (bita)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="diunggah oleh"
    )
    created_at = models.DateTimeField("diunggah", auto_now_add=True)
    progress = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    rows_total = models.PositiveIntegerField("jumlah baris", default=0)
    created_count = models.PositiveIntegerField("baru", default=0)
    updated_count = models.PositiveIntegerField("diperbarui", default=0)
    unchanged_count = models.PositiveIntegerField("tidak berubah", default=0)
    error_count = models.PositiveIntegerField("kesalahan", default=0)
    warning_count = models.PositiveIntegerField("perlu keputusan", default=0)
    problems = models.JSONField("masalah per baris", default=list, blank=True)
    unknown_columns = models.JSONField("kolom tidak dikenal", default=list, blank=True)
    decision_reason = models.TextField("alasan keputusan", blank=True)
    committed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    committed_at = models.DateTimeField("disimpan", null=True, blank=True)
    rolled_back_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    rolled_back_at = models.DateTimeField("dibatalkan", null=True, blank=True)
    changes = models.JSONField("perubahan (untuk rollback)", default=dict, blank=True)

    class Meta:
        verbose_name = "impor data"
        verbose_name_plural = "impor data"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "committed_at"])]

    def __str__(self) -> str:
        return f"Impor {self.get_kind_display()} {self.created_at:%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("exchange:batch_detail", kwargs={"public_id": self.public_id})

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.READING, self.Status.COMMITTING)
