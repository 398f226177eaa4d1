"""Employee histories and records: rank, position, education, competency, SKP, training, family, discipline."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from tepat.engine.reference import Predikat
from tepat.organization.models import EDUCATION_LEVEL_CHOICES, RANK_CHOICES


class RankHistory(models.Model):
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="rank_history")
    rank = models.PositiveSmallIntegerField("golongan", choices=RANK_CHOICES)
    tmt = models.DateField("TMT")
    sk_number = models.CharField("nomor SK", max_length=80, blank=True)

    class Meta:
        verbose_name = "riwayat pangkat"
        verbose_name_plural = "riwayat pangkat"
        ordering = ["employee_id", "-tmt"]
        constraints = [models.UniqueConstraint(fields=["employee", "tmt"], name="one_rank_per_tmt")]

    def __str__(self) -> str:
        return f"{self.get_rank_display()} TMT {self.tmt:%d-%m-%Y}"


class PositionHistory(models.Model):
    """Riwayat jabatan, effective-dated. Exactly one open row (end is null) per serving employee."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="position_history")
    position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, null=True, blank=True, related_name="history"
    )
    seat = models.ForeignKey(
        "organization.Seat", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Names as they were at the time: positions and units get renamed or abolished.
    position_name = models.CharField("jabatan", max_length=200)
    unit_name = models.CharField("unit kerja", max_length=200)
    family = models.CharField("rumpun jabatan", max_length=80, blank=True)
    start = models.DateField("TMT")
    end = models.DateField("sampai", null=True, blank=True)
    sk_number = models.CharField("nomor SK", max_length=80, blank=True)

    class Meta:
        verbose_name = "riwayat jabatan"
        verbose_name_plural = "riwayat jabatan"
        ordering = ["employee_id", "-start"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee"], condition=Q(end__isnull=True), name="one_current_position"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="position_period_ordered"
            ),
        ]
        indexes = [models.Index(fields=["position", "start"])]

    def __str__(self) -> str:
        return f"{self.position_name} – {self.unit_name} ({self.start:%d-%m-%Y})"


class EducationHistory(models.Model):
    employee = models.ForeignKey(
        "people.Employee", on_delete=models.CASCADE, related_name="education_history"
    )
    level = models.CharField("jenjang", max_length=4, choices=EDUCATION_LEVEL_CHOICES)
    field = models.ForeignKey(
        "organization.EducationField",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="jurusan",
    )
    major = models.CharField("program studi", max_length=150, blank=True)
    institution = models.CharField("institusi", max_length=150, blank=True)
    year = models.PositiveSmallIntegerField("tahun lulus")

    class Meta:
        verbose_name = "riwayat pendidikan"
        verbose_name_plural = "riwayat pendidikan"
        ordering = ["employee_id", "-year"]

    def __str__(self) -> str:
        return f"{self.level} {self.major or self.field or ''} ({self.year})".strip()


class CompetencyAssessment(models.Model):
    """One assessed level per competency per assessment (assessment centre, uji kompetensi, SJT)."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="assessments")
    competency = models.ForeignKey("organization.Competency", on_delete=models.PROTECT, related_name="+")
    level = models.FloatField("level capaian")
    assessed_on = models.DateField("tanggal asesmen")
    assessor = models.CharField("asesor / lembaga", max_length=150, blank=True)
    method = models.CharField("metode", max_length=80, blank=True)

    class Meta:
        verbose_name = "hasil asesmen kompetensi"
        verbose_name_plural = "hasil asesmen kompetensi"
        ordering = ["employee_id", "-assessed_on"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=0, level__lte=5), name="assessed_level_0_to_5"),
            models.UniqueConstraint(
                fields=["employee", "competency", "assessed_on"], name="one_result_per_assessment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency_id}: {self.level} ({self.assessed_on:%d-%m-%Y})"


class PerformanceRecord(models.Model):
    """SKP: the yearly predikat kinerja (PermenPANRB 6/2022)."""

    PREDIKAT_CHOICES = [(p.value, p.value) for p in Predikat]

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="performance")
    year = models.PositiveSmallIntegerField("tahun")
    predikat = models.CharField("predikat", max_length=20, choices=PREDIKAT_CHOICES)
    score = models.FloatField("nilai", null=True, blank=True)

    class Meta:
        verbose_name = "SKP"
        verbose_name_plural = "SKP"
        ordering = ["employee_id", "-year"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="one_skp_per_year")]

    def __str__(self) -> str:
        return f"SKP {self.year}: {self.predikat}"


class TrainingRecord(models.Model):
    class Kind(models.TextChoices):
        KLASIKAL = "klasikal", "Klasikal"
        NONKLASIKAL = "nonklasikal", "Nonklasikal"

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="trainings")
    title = models.CharField("nama pelatihan", max_length=200)
    kind = models.CharField("jenis", max_length=12, choices=Kind.choices)
    jp = models.DecimalField("JP", max_digits=5, decimal_places=1)
    start = models.DateField("mulai")
    end = models.DateField("selesai")
    organizer = models.CharField("penyelenggara", max_length=150, blank=True)

    class Meta:
        verbose_name = "riwayat pelatihan"
        verbose_name_plural = "riwayat pelatihan"
        ordering = ["employee_id", "-start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="training_period_ordered"),
            models.CheckConstraint(condition=Q(jp__gt=0), name="training_jp_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.jp} JP)"


class FamilyRelation(models.Model):
    """A declared relative who also works in the government (conflict of interest, PP 11/2017 Ps 190(5))."""

    class Kind(models.TextChoices):
        SPOUSE = "pasangan", "Suami/Istri"
        PARENT = "orang_tua", "Orang tua"
        CHILD = "anak", "Anak"
        SIBLING = "saudara", "Saudara kandung"
        IN_LAW = "mertua_ipar", "Mertua/Ipar"

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="relations")
    relative = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("hubungan", max_length=12, choices=Kind.choices)
    declared_on = models.DateField("tanggal pernyataan")

    class Meta:
        verbose_name = "hubungan keluarga"
        verbose_name_plural = "hubungan keluarga"
        constraints = [
            models.UniqueConstraint(fields=["employee", "relative"], name="one_relation_per_pair"),
            models.CheckConstraint(condition=~Q(employee=models.F("relative")), name="relation_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.relative_id}"


class DisciplinaryRecord(models.Model):
    class Level(models.TextChoices):
        RINGAN = "ringan", "Ringan"
        SEDANG = "sedang", "Sedang"
        BERAT = "berat", "Berat"

    class Stage(models.TextChoices):
        PROCESS = "proses", "Dalam proses pemeriksaan"
        SANCTION = "sanksi", "Menjalani hukuman disiplin"

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="disciplinary")
    level = models.CharField("tingkat", max_length=8, choices=Level.choices)
    stage = models.CharField("tahap", max_length=8, choices=Stage.choices)
    start = models.DateField("mulai")
    end = models.DateField("sampai", null=True, blank=True)
    description = models.TextField("uraian", blank=True)

    class Meta:
        verbose_name = "catatan disiplin"
        verbose_name_plural = "catatan disiplin"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="discipline_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Disiplin {self.get_level_display()} ({self.get_stage_display()})"


class StudyLeave(models.Model):
    class Kind(models.TextChoices):
        TUGAS_BELAJAR = "tugas_belajar", "Tugas belajar"
        IZIN_BELAJAR = "izin_belajar", "Izin belajar"

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="study_leaves")
    kind = models.CharField("jenis", max_length=14, choices=Kind.choices)
    start = models.DateField("mulai")
    end = models.DateField("sampai")
    bond_until = models.DateField("ikatan dinas sampai", null=True, blank=True)
    institution = models.CharField("institusi", max_length=150, blank=True)

    class Meta:
        verbose_name = "tugas/izin belajar"
        verbose_name_plural = "tugas/izin belajar"
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="study_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start:%Y}–{self.end:%Y}"
