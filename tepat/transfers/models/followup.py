"""After a decision: recorded events and their handling, employee notices, the closing checklist, Plt./Plh."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class MoveEvent(models.Model):
    """A step after a state change (engine EVENTS_ON_ENTER), recorded in the transition's transaction and
    handled after commit by the explicit registry in `services.events` (no signals)."""

    move = models.ForeignKey("transfers.Move", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40)
    state = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = "peristiwa proses"
        verbose_name_plural = "peristiwa proses"
        ordering = ["id"]
        indexes = [models.Index(fields=["handled_at", "id"])]

    def __str__(self) -> str:
        return f"{self.kind} ({self.state})"


class Notice(models.Model):
    """The employee's notice: the new post, the TMT, why, and what it brings (JOURNEYS.md §5)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    move = models.ForeignKey("transfers.Move", on_delete=models.PROTECT, related_name="notices")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="transfer_notices")
    kind = models.CharField(max_length=20)  # the state that produced it: sk_terbit, berlaku, selesai
    title = models.CharField(max_length=200)
    body = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "pemberitahuan mutasi"
        verbose_name_plural = "pemberitahuan mutasi"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["move", "kind"], name="one_notice_per_move_state")]

    def __str__(self) -> str:
        return self.title


class ClosingItem(models.Model):
    """One step of the closing checklist after TMT (DESIGN.md: pelantikan, SPMT, serah terima, SKPP)."""

    class Kind(models.TextChoices):
        PELANTIKAN = "pelantikan", "Pelantikan / pengambilan sumpah jabatan"
        SPMT = "spmt", "SPMT (surat pernyataan melaksanakan tugas)"
        SERAH_TERIMA = "serah_terima", "Serah terima jabatan"
        SKPP = "skpp", "SKPP (pindah bendahara gaji)"

    move = models.ForeignKey("transfers.Move", on_delete=models.CASCADE, related_name="closing_items")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reference = models.CharField("nomor / keterangan", max_length=200, blank=True)

    class Meta:
        verbose_name = "langkah penutup"
        verbose_name_plural = "langkah penutup"
        ordering = ["move_id", "id"]
        constraints = [models.UniqueConstraint(fields=["move", "kind"], name="one_closing_item_per_kind")]

    def __str__(self) -> str:
        return self.get_kind_display()


class ActingAppointment(models.Model):
    """Plt./Plh. for a seat that a decision leaves open; the acting official's powers come from a role grant."""

    class Kind(models.TextChoices):
        PLT = "plt", "Pelaksana Tugas (Plt.)"
        PLH = "plh", "Pelaksana Harian (Plh.)"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seat = models.ForeignKey("organization.Seat", on_delete=models.PROTECT, related_name="acting")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="acting_posts")
    kind = models.CharField(max_length=3, choices=Kind.choices)
    valid_from = models.DateField("berlaku mulai")
    valid_to = models.DateField("berlaku sampai", null=True, blank=True)
    basis = models.CharField("dasar penunjukan", max_length=200)
    move = models.ForeignKey(
        "transfers.Move", on_delete=models.PROTECT, null=True, blank=True, related_name="acting_for"
    )
    grant = models.ForeignKey(
        "accounts.RoleGrant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Plt./Plh."
        verbose_name_plural = "Plt./Plh."
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="acting_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.seat}"
