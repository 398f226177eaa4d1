"""The employee (pegawai ASN): identity, status, rank, current seat. Histories live in `records.py`."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tepat.core.scoping import user_scope
from tepat.engine.identity import mask_nik
from tepat.engine.reference import RANK_BY_CODE
from tepat.engine.roles import Role
from tepat.organization.models import EDUCATION_LEVEL_CHOICES, RANK_CHOICES

if TYPE_CHECKING:
    from tepat.core.types import Viewer


class Gender(models.TextChoices):
    L = "L", "Laki-laki"
    P = "P", "Perempuan"


class EmploymentStatusChoices(models.TextChoices):
    PNS = "PNS", "PNS"
    CPNS = "CPNS", "CPNS"
    PPPK = "PPPK", "PPPK"


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def visible_to(self, user: Viewer) -> EmployeeQuerySet:
        """Whole government for BKPP roles; a unit head's subtree; an employee only themselves (R-03)."""
        scope = user_scope(user)
        if scope.government_wide:
            return self
        query = scope.unit_q("unit__path")
        if scope.has(Role.EMPLOYEE):
            query |= Q(user_id=scope.user_id)
        return self.filter(query)

    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)


class Employee(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nip = models.CharField("NIP", max_length=18, unique=True)
    nik = models.CharField("NIK", max_length=16, blank=True)
    name = models.CharField("nama", max_length=150)
    front_title = models.CharField("gelar depan", max_length=30, blank=True)
    back_title = models.CharField("gelar belakang", max_length=40, blank=True)
    gender = models.CharField("jenis kelamin", max_length=1, choices=Gender.choices)
    birth_place = models.CharField("tempat lahir", max_length=80, blank=True)
    birth_date = models.DateField("tanggal lahir")
    status = models.CharField("status kepegawaian", max_length=4, choices=EmploymentStatusChoices.choices)
    tmt_cpns = models.DateField("TMT CPNS", null=True, blank=True)
    contract_end = models.DateField("akhir perjanjian kerja (PPPK)", null=True, blank=True)
    rank = models.PositiveSmallIntegerField("golongan", choices=RANK_CHOICES, null=True, blank=True)
    rank_tmt = models.DateField("TMT golongan", null=True, blank=True)
    # Current placement, kept in step with the open PositionHistory row by the people services.
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="employees",
        verbose_name="unit kerja",
    )
    seat = models.OneToOneField(
        "organization.Seat",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="occupant",
        verbose_name="formasi",
    )
    position_since = models.DateField("TMT jabatan sekarang", null=True, blank=True)
    education_level = models.CharField(
        "pendidikan terakhir", max_length=4, choices=EDUCATION_LEVEL_CHOICES, blank=True
    )
    education_field = models.ForeignKey(
        "organization.EducationField",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="jurusan",
    )
    is_active = models.BooleanField("aktif", default=True)
    identity_exception = models.TextField(
        "alasan menerima ketidaksesuaian NIP",
        blank=True,
        help_text="diisi admin bila data nasional memang tidak konsisten",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="employee"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        verbose_name = "pegawai"
        verbose_name_plural = "pegawai"
        ordering = ["name", "nip"]
        indexes = [
            models.Index(fields=["unit", "name"]),
            models.Index(fields=["position_since"]),
            models.Index(fields=["name"]),
            # Headcount per unit (unit tree) read from the index alone: active employees are the common case.
            models.Index(fields=["unit"], condition=Q(is_active=True), name="employee_active_by_unit"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(nip__regex=r"^[0-9]{18}$"), name="nip_18_digits"),
            models.CheckConstraint(condition=Q(nik="") | Q(nik__regex=r"^[0-9]{16}$"), name="nik_16_digits"),
            models.CheckConstraint(
                condition=Q(seat__isnull=True) | Q(unit__isnull=False), name="seated_has_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    def get_absolute_url(self) -> str:
        return reverse("people:employee_detail", kwargs={"public_id": self.public_id})

    @property
    def full_name(self) -> str:
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def nik_masked(self) -> str:
        return mask_nik(self.nik) if self.nik else ""

    @property
    def golongan(self) -> str:
        return RANK_BY_CODE[self.rank].golongan if self.rank else "—"

    @property
    def pangkat(self) -> str:
        return RANK_BY_CODE[self.rank].pangkat if self.rank else "—"
