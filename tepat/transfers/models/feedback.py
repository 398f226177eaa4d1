"""The employee's voice after a decision: objections (keberatan) with the BKPP's answer, data correction tickets
(UU 27/2022 Pasal 30), and the pulse survey 90 days after the TMT. Statuses change only in the services."""

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


def _move_scope(scope_user: Viewer, prefix: str) -> Q | None:
    """None: everything (government-wide); else the unit-head subtree (origin or target) and the own record."""
    scope = user_scope(scope_user)
    if scope.government_wide:
        return None
    query = scope.unit_q(f"{prefix}origin_unit__path") | scope.unit_q(
        f"{prefix}target_seat__position__unit__path"
    )
    if scope.has(Role.EMPLOYEE):
        query |= Q(**{f"{prefix}employee__user_id": scope.user_id})
    return query


class ObjectionQuerySet(models.QuerySet["Objection"]):
    def visible_to(self, user: Viewer) -> ObjectionQuerySet:
        """BKPP, PPK, auditor: all; a unit head: moves from or into the subtree (read-only); employee: own."""
        query = _move_scope(user, "move__")
        return self if query is None else self.filter(query)


class Objection(models.Model):
    class Category(models.TextChoices):
        FAMILY_CARE = "merawat_keluarga", "Kesehatan keluarga / merawat orang tua"
        SPOUSE = "mengikuti_pasangan", "Mengikuti suami/istri"
        CHILD_EDUCATION = "pendidikan_anak", "Pendidikan anak"
        OWN_HEALTH = "kesehatan_diri", "Kesehatan diri"
        DISTANCE = "jarak", "Jarak tempat tinggal"
        AUTOMATED = "rekomendasi_otomatis", "Keberatan atas rekomendasi otomatis (UU 27/2022 Pasal 10)"
        OTHER = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        OPEN = "diajukan", "Menunggu jawaban BKPP"
        ACCEPTED = "diterima", "Diterima"
        REJECTED = "ditolak", "Ditolak"

    class FollowUp(models.TextChoices):
        NONE = "", "—"
        REVIEW = "usul_peninjauan", "Usulkan peninjauan kembali kepada PPK"
        CANCEL = "usul_pembatalan", "Usulkan pembatalan mutasi kepada PPK"
        SUPPORT = "dukungan", "Dukungan pelaksanaan (mis. penyesuaian jadwal, pendampingan)"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    move = models.ForeignKey("transfers.Move", on_delete=models.PROTECT, related_name="objections")
    notice = models.ForeignKey(
        "transfers.Notice", on_delete=models.PROTECT, null=True, blank=True, related_name="objections"
    )
    category = models.CharField("alasan keberatan", max_length=30, choices=Category.choices)
    text = models.TextField("uraian keberatan")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField("batas jawaban")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    escalated_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("jawaban BKPP", blank=True)
    follow_up = models.CharField("tindak lanjut", max_length=20, choices=FollowUp.choices, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)  # the employee opened the answer

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = "keberatan"
        verbose_name_plural = "keberatan"
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["move"], condition=Q(status="diajukan"), name="one_open_objection_per_move"
            ),
            models.CheckConstraint(
                condition=Q(status="diajukan", answered_at__isnull=True)
                | (~Q(status="diajukan") & Q(answered_at__isnull=False) & ~Q(answer="")),
                name="objection_answered_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"Keberatan {self.get_category_display()}"

    def get_absolute_url(self) -> str:
        return reverse("transfers:objection_detail", kwargs={"public_id": self.public_id})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class CorrectionQuerySet(models.QuerySet["CorrectionRequest"]):
    def visible_to(self, user: Viewer) -> CorrectionQuerySet:
        """hr_admin and auditor: all; the employee: own tickets; nobody else (not even unit heads)."""
        scope = user_scope(user)
        if scope.has(Role.HR_ADMIN, Role.AUDITOR):
            return self
        if scope.has(Role.EMPLOYEE):
            return self.filter(employee__user_id=scope.user_id)
        return self.none()


class CorrectionRequest(models.Model):
    """A ticket "my data is wrong" (UU 27/2022 Pasal 30): due 72 hours after filing, escalated when late."""

    class Field(models.TextChoices):
        NAME = "nama", "Nama dan gelar"
        BIRTH = "kelahiran", "Tempat / tanggal lahir"
        GENDER = "jenis_kelamin", "Jenis kelamin"
        EDUCATION = "pendidikan", "Pendidikan"
        RANK = "pangkat", "Pangkat / golongan"
        POSITION = "jabatan", "Jabatan / riwayat jabatan"
        UNIT = "unit", "Unit kerja"
        PERFORMANCE = "skp", "Nilai SKP / kinerja"
        COMPETENCY = "kompetensi", "Hasil asesmen kompetensi"
        FAMILY = "keluarga", "Data keluarga"
        CONTACT = "kontak", "Alamat / kontak"
        OTHER = "lainnya", "Lainnya"

    class Status(models.TextChoices):
        OPEN = "terbuka", "Sedang ditangani"
        DONE = "selesai", "Diperbaiki"
        REJECTED = "ditolak", "Ditolak"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.PROTECT, related_name="correction_requests"
    )
    field = models.CharField("data yang salah", max_length=20, choices=Field.choices)
    wrong = models.TextField("yang salah")
    proposed = models.TextField("usulan perbaikan")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filed_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField("batas waktu")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    escalated_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField("hasil / alasan", blank=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = "permintaan perbaikan data"
        verbose_name_plural = "permintaan perbaikan data"
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="terbuka", handled_at__isnull=True)
                | (~Q(status="terbuka") & Q(handled_at__isnull=False) & ~Q(outcome="")),
                name="correction_handled_when_closed",
            )
        ]
        indexes = [models.Index(fields=["status", "due_at"])]

    def __str__(self) -> str:
        return f"Perbaikan {self.get_field_display()}"

    def get_absolute_url(self) -> str:
        return reverse("transfers:correction_detail", kwargs={"public_id": self.public_id})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PulseSurveyQuerySet(models.QuerySet["PulseSurvey"]):
    def visible_to(self, user: Viewer) -> PulseSurveyQuerySet:
        """Single answers belong to the employee only; leaders read aggregates through the selectors."""
        return self.filter(employee__user_id=user_scope(user).user_id or 0)


class PulseSurvey(models.Model):
    """One short survey per applied move, opened by the job `survey_after_days` after the TMT, answered once."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    move = models.OneToOneField("transfers.Move", on_delete=models.PROTECT, related_name="pulse_survey")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="pulse_surveys")
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")  # the new unit
    due_on = models.DateField("dibuka")
    closes_on = models.DateField("ditutup")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    clarity = models.PositiveSmallIntegerField(null=True, blank=True)
    support = models.PositiveSmallIntegerField(null=True, blank=True)
    workload = models.PositiveSmallIntegerField(null=True, blank=True)
    team = models.PositiveSmallIntegerField(null=True, blank=True)
    stay = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField("komentar", blank=True)

    objects = PulseSurveyQuerySet.as_manager()

    class Meta:
        verbose_name = "survei denyut"
        verbose_name_plural = "survei denyut"
        ordering = ["-due_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True)
                | Q(
                    clarity__range=(1, 5),
                    support__range=(1, 5),
                    workload__range=(1, 5),
                    team__range=(1, 5),
                    stay__range=(1, 5),
                ),
                name="survey_answers_on_likert_scale",
            )
        ]
        indexes = [models.Index(fields=["unit", "answered_at"])]

    def __str__(self) -> str:
        return f"Survei {self.due_on:%d-%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("transfers:survey_answer", kwargs={"public_id": self.public_id})
