"""The audit trail: append-only rows written by services in the same transaction as the change (R-20, R-22)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Jejak audit tidak boleh diubah.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Jejak audit tidak boleh dihapus.")


class AuditEntry(models.Model):
    class Kind(models.TextChoices):
        CHANGE = "change", "Perubahan data"
        ACCESS = "access", "Akses data pribadi"
        SECURITY = "security", "Peristiwa keamanan"

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CHANGE)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)  # "system:tmt" for named system actors
    role = models.CharField(max_length=20, blank=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    request_id = models.CharField(max_length=36, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "jejak audit"
        verbose_name_plural = "jejak audit"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor", "created_at"]),
            # Keyset paging of the trail browser in its (-created_at, -id) order, and its action filter.
            models.Index(fields=["created_at", "id"], name="audit_created_id"),
            models.Index(fields=["action", "created_at"], name="audit_action_created"),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("Jejak audit tidak boleh diubah.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Jejak audit tidak boleh dihapus.")


class RuleParameterRow(models.Model):
    """One version of one rule parameter (DOMAIN.md "rule-data shape"), editable by an admin without code."""

    class Status(models.TextChoices):
        CONFIRMED = "C", "Terkonfirmasi [C]"
        PRACTICE = "P", "Praktik umum [P]"
        UNCONFIRMED = "U", "Belum terverifikasi [U]"

    rule_id = models.CharField("kode aturan", max_length=30)
    parameter = models.CharField("parameter", max_length=60)
    value = models.JSONField("nilai")
    unit = models.CharField("satuan", max_length=30, blank=True)
    legal_basis = models.CharField("dasar hukum", max_length=300)
    status = models.CharField("status sumber", max_length=1, choices=Status.choices)
    instansi = models.CharField("instansi", max_length=40, blank=True, help_text="kosong = berlaku umum")
    effective_from = models.DateField("berlaku mulai")
    effective_to = models.DateField("berlaku sampai", null=True, blank=True)
    notes = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "parameter aturan"
        verbose_name_plural = "parameter aturan"
        ordering = ["rule_id", "parameter", "instansi", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_id", "parameter", "instansi", "effective_from"],
                name="one_rule_version_per_start",
            ),
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True)
                | models.Q(effective_to__gte=models.F("effective_from")),
                name="rule_version_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id}.{self.parameter} = {self.value} (mulai {self.effective_from:%d-%m-%Y})"


class BlackoutWindowRow(models.Model):
    """A pilkada or post-inauguration window (DOMAIN.md §1.5), entered per election cycle."""

    code = models.CharField("kode", max_length=40, unique=True)
    name = models.CharField("nama", max_length=200)
    start = models.DateField("mulai")
    end = models.DateField("sampai", null=True, blank=True)
    covered_kinds = models.JSONField("jenis jabatan tercakup", default=list)
    required_approval = models.CharField("kode persetujuan", max_length=40, default="mendagri")
    approval_label = models.CharField("persetujuan yang diperlukan", max_length=200)
    legal_basis = models.CharField("dasar hukum", max_length=300)
    covers_additional_duty = models.BooleanField("termasuk JF dengan tugas tambahan", default=True)

    class Meta:
        verbose_name = "masa larangan penggantian pejabat"
        verbose_name_plural = "masa larangan penggantian pejabat"
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="blackout_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name
