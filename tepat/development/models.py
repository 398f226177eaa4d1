"""Training catalogue, individual development plans (IDP) and their items (DOMAIN.md §7).

Completed training is not stored here a second time: completing an item writes a `people.TrainingRecord`
(the employee's official riwayat pelatihan, which the JP accounting reads) and links it.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tepat.core.scoping import user_scope
from tepat.engine.roles import Role

if TYPE_CHECKING:
    from tepat.core.types import Viewer


class Route(models.TextChoices):
    KLASIKAL = "klasikal", "Klasikal"
    NONKLASIKAL = "nonklasikal", "Nonklasikal"


class Method(models.TextChoices):
    """Forms of development per route (Peraturan LAN 10/2018, DOMAIN.md §7)."""

    PELATIHAN = "pelatihan", "Pelatihan"
    BIMTEK = "bimtek", "Bimbingan teknis"
    WORKSHOP = "workshop", "Workshop/lokakarya"
    SEMINAR = "seminar", "Seminar/konferensi"
    KURSUS = "kursus", "Kursus"
    SOSIALISASI = "sosialisasi", "Sosialisasi"
    E_LEARNING = "e_learning", "E-learning"
    COACHING = "coaching", "Coaching"
    MENTORING = "mentoring", "Mentoring"
    MAGANG = "magang", "Magang/praktik kerja"
    BENCHMARKING = "benchmarking", "Benchmarking/studi banding"
    DETASERING = "detasering", "Detasering"
    KOMUNITAS = "komunitas", "Komunitas belajar"
    MANDIRI = "mandiri", "Belajar mandiri"


class TrainingCourse(models.Model):
    code = models.CharField("kode", max_length=30, unique=True)
    name = models.CharField("nama pelatihan", max_length=200)
    route = models.CharField("jalur", max_length=12, choices=Route.choices)
    method = models.CharField("bentuk", max_length=14, choices=Method.choices)
    jp = models.DecimalField("JP", max_digits=5, decimal_places=1)
    competencies = models.ManyToManyField(
        "organization.Competency", related_name="+", blank=True, verbose_name="kompetensi yang dikembangkan"
    )
    provider = models.CharField("penyelenggara", max_length=150, blank=True)
    description = models.TextField("keterangan", blank=True)
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "katalog pelatihan"
        verbose_name_plural = "katalog pelatihan"
        ordering = ["route", "name"]
        constraints = [models.CheckConstraint(condition=Q(jp__gt=0), name="course_jp_positive")]

    def __str__(self) -> str:
        jp = f"{self.jp.normalize():f}".replace(".", ",")  # 16 JP, 24,5 JP (not 16.0): shown in pickers
        return f"{self.name} ({jp} JP)"


class PlanQuerySet(models.QuerySet["DevelopmentPlan"]):
    def visible_to(self, user: Viewer) -> PlanQuerySet:
        """BKPP and read-only government roles: all; a unit head: staff now in the subtree; an employee: own."""
        scope = user_scope(user)
        if scope.government_wide:
            return self
        query = scope.unit_q("employee__unit__path")
        if scope.has(Role.EMPLOYEE):
            query |= Q(employee__user_id=scope.user_id)
        return self.filter(query)


class DevelopmentPlan(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "aktif", "Aktif"
        DONE = "selesai", "Selesai"
        CANCELLED = "batal", "Dibatalkan"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="development_plans"
    )
    # One plan per move at most (the handler is idempotent on it); null for plans not tied to a move.
    move = models.OneToOneField(
        "transfers.Move", on_delete=models.PROTECT, null=True, blank=True, related_name="development_plan"
    )
    position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, related_name="+", verbose_name="jabatan"
    )
    start = models.DateField("mulai (TMT)")
    end = models.DateField("sampai")
    status = models.CharField("status", max_length=8, choices=Status.choices, default=Status.ACTIVE)
    reason = models.TextField("dasar rencana", blank=True)
    field_changed = models.BooleanField("pindah bidang", default=False)
    gaps = models.JSONField("kesenjangan saat disusun", default=list, blank=True)
    missing = models.JSONField("kompetensi belum diases", default=list, blank=True)
    reassessment_due = models.DateField("asesmen ulang paling lambat")
    reassessed_on = models.DateField("tanggal asesmen ulang", null=True, blank=True)
    reassessment_note = models.TextField("catatan asesmen ulang", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "rencana pengembangan"
        verbose_name_plural = "rencana pengembangan"
        ordering = ["-start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="plan_period_ordered"),
            models.CheckConstraint(
                condition=Q(status__in=["aktif", "selesai", "batal"]), name="plan_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "start"]),
            models.Index(fields=["employee", "status"]),
            # The plan list's order: its page is read from the index, not by joining every plan and sorting.
            models.Index(fields=["-start", "-id"], name="plan_list_order"),
        ]

    def __str__(self) -> str:
        return f"Rencana pengembangan {self.employee.full_name} – {self.position.name}"

    def get_absolute_url(self) -> str:
        return reverse("development:plan_detail", kwargs={"public_id": self.public_id})


class PlanItem(models.Model):
    class Status(models.TextChoices):
        PLANNED = "direncanakan", "Direncanakan"
        ENROLLED = "terdaftar", "Terdaftar"
        DONE = "selesai", "Selesai"
        CANCELLED = "batal", "Batal"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    competency = models.ForeignKey(
        "organization.Competency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="kompetensi",
    )
    gap = models.FloatField("kesenjangan", null=True, blank=True)
    route = models.CharField("jalur", max_length=12, choices=Route.choices)
    course = models.ForeignKey(
        TrainingCourse,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_items",
        verbose_name="pelatihan dari katalog",
    )
    activity = models.CharField("kegiatan", max_length=200)
    due = models.DateField("tenggat")
    jp_planned = models.DecimalField("JP direncanakan", max_digits=5, decimal_places=1)
    status = models.CharField("status", max_length=12, choices=Status.choices, default=Status.PLANNED)
    reason = models.TextField("alasan", blank=True)
    enrolled_on = models.DateField("tanggal mendaftar", null=True, blank=True)
    training = models.OneToOneField(
        "people.TrainingRecord",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_item",
        verbose_name="riwayat pelatihan",
    )
    note = models.TextField("catatan", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "kegiatan pengembangan"
        verbose_name_plural = "kegiatan pengembangan"
        ordering = ["plan_id", "due", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(jp_planned__gt=0), name="item_jp_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["direncanakan", "terdaftar", "selesai", "batal"]),
                name="item_status_known",
            ),
            # A completed item always points at the training record that proves it.
            models.CheckConstraint(
                condition=~Q(status="selesai") | Q(training__isnull=False), name="item_done_has_training"
            ),
        ]
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"{self.activity} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ENROLLED)
