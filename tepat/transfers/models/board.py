"""Sidang Tim Penilai Kinerja PNS (PP 11/2017 Ps 191): agenda, attendance, conflicts, votes, berita acara."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse

from tepat.core.scoping import user_scope
from tepat.engine.roles import Role

if TYPE_CHECKING:
    from tepat.core.types import Viewer


class BoardSessionQuerySet(models.QuerySet["BoardSession"]):
    def visible_to(self, user: Viewer) -> BoardSessionQuerySet:
        scope = user_scope(user)
        if scope.government_wide or scope.has(Role.BOARD_MEMBER):
            return self
        return self.none()


class BoardSession(models.Model):
    class Status(models.TextChoices):
        OPEN = "terbuka", "Terbuka"
        CLOSED = "ditutup", "Ditutup (berita acara terbit)"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField("nomor berita acara", max_length=80, unique=True)
    held_on = models.DateField("tanggal sidang")
    place = models.CharField("tempat", max_length=150)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    quorum_minimum = models.PositiveSmallIntegerField("kuorum minimal")
    board_size = models.PositiveSmallIntegerField("jumlah anggota Tim")
    quorum_basis = models.CharField("dasar kuorum", max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    minutes_pdf = models.FileField(upload_to="transfers/berita-acara/%Y/", max_length=200, blank=True)
    minutes_sha256 = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BoardSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "sidang Tim Penilai Kinerja"
        verbose_name_plural = "sidang Tim Penilai Kinerja"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Sidang {self.held_on:%d-%m-%Y} ({self.number})"

    def get_absolute_url(self) -> str:
        return reverse("transfers:board_detail", kwargs={"public_id": self.public_id})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Attendance(models.Model):
    session = models.ForeignKey(BoardSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kehadiran"
        verbose_name_plural = "kehadiran"
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attend_once")]

    def __str__(self) -> str:
        return str(self.member)


class ConflictDeclaration(models.Model):
    """A member's declared conflict of interest on one agenda item: they recuse and do not count (R-06)."""

    session = models.ForeignKey(BoardSession, on_delete=models.CASCADE, related_name="conflicts")
    move = models.ForeignKey("transfers.Move", on_delete=models.PROTECT, related_name="conflicts")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("alasan")
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pernyataan konflik kepentingan"
        verbose_name_plural = "pernyataan konflik kepentingan"
        constraints = [models.UniqueConstraint(fields=["move", "member"], name="declare_conflict_once")]

    def __str__(self) -> str:
        return f"{self.member} pada {self.move_id}"


class BoardVote(models.Model):
    """One member's view on one move; the unique pair makes the quorum count distinct members only (R-06)."""

    session = models.ForeignKey(BoardSession, on_delete=models.CASCADE, related_name="votes")
    move = models.ForeignKey("transfers.Move", on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recommends = models.BooleanField("merekomendasikan")
    note = models.TextField("catatan", blank=True)
    voted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pertimbangan anggota"
        verbose_name_plural = "pertimbangan anggota"
        constraints = [
            models.UniqueConstraint(fields=["move", "member"], name="one_vote_per_member_per_move")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'setuju' if self.recommends else 'tidak'}"
