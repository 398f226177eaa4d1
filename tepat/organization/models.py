"""Units (a tree), positions (jabatan) with their requirements, and seats (formasi, one row per seat)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.urls import reverse

from tepat.engine.reference import (
    JENJANG_KEAHLIAN,
    JENJANG_KETERAMPILAN,
    POSITION_KIND_LABELS,
    RANKS,
    EducationLevel,
    PositionKind,
)

if TYPE_CHECKING:
    from tepat.core.types import Viewer

RANK_CHOICES = [(rank.code, f"{rank.golongan} – {rank.pangkat}") for rank in RANKS]
EDUCATION_LEVEL_CHOICES = [(level.value, level.value) for level in EducationLevel]
JENJANG_CHOICES = [(name, name) for name in (*JENJANG_KEAHLIAN, *JENJANG_KETERAMPILAN)]


class UnitKind(models.TextChoices):
    PEMERINTAH = "pemerintah", "Pemerintah Daerah"
    SETDA = "setda", "Sekretariat Daerah"
    DINAS = "dinas", "Dinas"
    BADAN = "badan", "Badan"
    KECAMATAN = "kecamatan", "Kecamatan"
    BAGIAN = "bagian", "Bagian"
    BIDANG = "bidang", "Bidang"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    SUBBAGIAN = "subbagian", "Subbagian"
    SEKSI = "seksi", "Seksi"
    KELURAHAN = "kelurahan", "Kelurahan"
    UPTD = "uptd", "UPTD"
    PUSKESMAS = "puskesmas", "Puskesmas"


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)

    def visible_to(self, user: Viewer) -> UnitQuerySet:
        # Units are the public structure of the government: every signed-in role may read the tree.
        return self if user.is_authenticated else self.none()


class Unit(models.Model):
    """An organisational unit. `path` is a materialised path ("0001.0004.0012.") so a subtree is one index scan."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("kode unit", max_length=40, unique=True)
    name = models.CharField("nama unit", max_length=200)
    kind = models.CharField("jenis unit", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="unit induk",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "unit organisasi"
        verbose_name_plural = "unit organisasi"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organization:unit_detail", kwargs={"public_id": self.public_id})

    def ancestor_paths(self) -> list[str]:
        """Paths of this unit and every ancestor, nearest last ("0001.", "0001.0004.", …)."""
        parts = self.path.rstrip(".").split(".")
        return [".".join(parts[: i + 1]) + "." for i in range(len(parts))]


class EducationField(models.Model):
    """A field of study (jurusan) grouped into a rumpun, used to match people to position requirements."""

    code = models.CharField("kode", max_length=20, unique=True)
    name = models.CharField("nama jurusan", max_length=120)
    rumpun = models.CharField("rumpun ilmu", max_length=120)

    class Meta:
        verbose_name = "bidang pendidikan"
        verbose_name_plural = "bidang pendidikan"
        ordering = ["rumpun", "name"]

    def __str__(self) -> str:
        return self.name


class Competency(models.Model):
    class Group(models.TextChoices):
        MANAJERIAL = "manajerial", "Manajerial"
        SOSIAL_KULTURAL = "sosial_kultural", "Sosial Kultural"
        TEKNIS = "teknis", "Teknis"

    code = models.CharField("kode", max_length=20, unique=True)
    name = models.CharField("nama kompetensi", max_length=120)
    group = models.CharField("kelompok", max_length=20, choices=Group.choices)
    description = models.TextField("deskripsi", blank=True)

    class Meta:
        verbose_name = "kompetensi"
        verbose_name_plural = "kompetensi"
        ordering = ["group", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class PositionQuerySet(models.QuerySet["Position"]):
    def visible_to(self, user: Viewer) -> PositionQuerySet:
        # Positions and their seats are part of the public structure, like units.
        return self if user.is_authenticated else self.none()


class Position(models.Model):
    """A jabatan in one unit, with its requirements. Seats (formasi) hang below it."""

    KIND_CHOICES = [(kind.value, POSITION_KIND_LABELS[kind]) for kind in PositionKind]

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField("kode jabatan", max_length=40, unique=True)
    name = models.CharField("nama jabatan", max_length=200)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="positions", verbose_name="unit")
    kind = models.CharField("jenis jabatan", max_length=30, choices=KIND_CHOICES)
    jenjang = models.CharField("jenjang", max_length=20, choices=JENJANG_CHOICES, blank=True)
    family = models.CharField(
        "rumpun jabatan",
        max_length=80,
        blank=True,
        help_text="kelompok tugas untuk menghitung pengalaman relevan",
    )
    kelas_jabatan = models.PositiveSmallIntegerField("kelas jabatan", null=True, blank=True)
    is_head = models.BooleanField("kepala unit", default=False)
    min_rank = models.PositiveSmallIntegerField(
        "pangkat minimum", choices=RANK_CHOICES, null=True, blank=True
    )
    max_rank = models.PositiveSmallIntegerField(
        "pangkat maksimum", choices=RANK_CHOICES, null=True, blank=True
    )
    min_education = models.CharField(
        "pendidikan minimum", max_length=4, choices=EDUCATION_LEVEL_CHOICES, blank=True
    )
    education_fields = models.ManyToManyField(
        EducationField, blank=True, related_name="positions", verbose_name="bidang pendidikan yang sesuai"
    )
    requires_pns = models.BooleanField("khusus PNS", default=False)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "jabatan"
        verbose_name_plural = "jabatan"
        ordering = ["unit__path", "-is_head", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_rank__isnull=True)
                | Q(max_rank__isnull=True)
                | Q(min_rank__lte=models.F("max_rank")),
                name="position_rank_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(kelas_jabatan__isnull=True) | Q(kelas_jabatan__gte=1, kelas_jabatan__lte=17),
                name="position_kelas_in_range",
            ),
            models.UniqueConstraint(
                fields=["unit"], condition=Q(is_head=True), name="one_head_position_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.unit.name}"

    def get_absolute_url(self) -> str:
        return reverse("organization:position_detail", kwargs={"public_id": self.public_id})


class PositionCompetency(models.Model):
    """The required level (1–5) of one competency for one position (standar kompetensi jabatan)."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="required_competencies")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("level")

    class Meta:
        verbose_name = "standar kompetensi jabatan"
        verbose_name_plural = "standar kompetensi jabatan"
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="one_level_per_position_competency"
            ),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="required_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id} level {self.level}"


class Seat(models.Model):
    """One seat of a position (formasi). The stable unit that the vacancy map, the planner and the workflow share."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="seats")
    number = models.PositiveSmallIntegerField("nomor")
    is_active = models.BooleanField("aktif", default=True)

    class Meta:
        verbose_name = "formasi"
        verbose_name_plural = "formasi"
        ordering = ["position_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["position", "number"], name="seat_number_unique_in_position")
        ]
        indexes = [  # active seats per position (position list, unit tree) counted from the index alone
            models.Index(fields=["position"], condition=Q(is_active=True), name="seat_active_by_position")
        ]

    def __str__(self) -> str:
        return f"{self.position.name} #{self.number}"


# Workloads (ANJAB/ABK) live in their own module; imported here so Django registers them with this app.
from tepat.organization.workloads import ManualRequirement, WorkloadTask  # noqa: E402, F401
