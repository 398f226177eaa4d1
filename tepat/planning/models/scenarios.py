"""Placement scenarios (Skenario Mutasi): pool, seats, constraints, locked/forbidden pairs, and versioned runs.

A scenario is the analyst's question; a `ScenarioRun` is one answer to it, frozen with the settings it was
computed from, the hash of its inputs, the rule and engine versions, the plan and its figures. Runs are
advisory (R-31): nothing in them changes a seat, an employee or a workflow state.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

__all__ = ["RunStatus", "Scenario", "ScenarioPair", "ScenarioRun", "SeatSource"]


class SeatSource(models.TextChoices):
    VACANT_NOW = "kosong", "Formasi kosong saat ini"
    VACANCY_MAP = "peta_lowongan", "Peta lowongan (kosong sekarang atau dalam horizon)"


class Scenario(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("nama skenario", max_length=150)
    note = models.TextField("catatan", blank=True)
    on = models.DateField("tanggal acuan", help_text="tanggal untuk memeriksa syarat (mis. rencana TMT)")
    scope_units = models.ManyToManyField(
        "organization.Unit",
        related_name="+",
        verbose_name="unit cakupan",
        help_text="beserta unit di bawahnya",
    )
    # Pool (who may move)
    pool_min_years = models.PositiveSmallIntegerField(
        "masa jabatan minimal (tahun)",
        null=True,
        blank=True,
        default=5,
        help_text="pegawai yang sudah lebih lama dari ini di jabatannya masuk pool; kosongkan bila tidak dipakai",
    )
    pool_volunteers = models.BooleanField("sertakan pegawai yang menyatakan preferensi pindah", default=True)
    pool_unplaced = models.BooleanField(
        "sertakan pegawai tanpa formasi (kembali tugas belajar, kelebihan pegawai)", default=True
    )
    pool_extra = models.ManyToManyField(
        "people.Employee", blank=True, related_name="+", verbose_name="pegawai tambahan"
    )
    # Seats (where they may go); the pool's own seats always count
    seat_source = models.CharField(
        "sumber formasi", max_length=20, choices=SeatSource.choices, default=SeatSource.VACANT_NOW
    )
    seat_horizon_months = models.PositiveSmallIntegerField("horizon (bulan)", null=True, blank=True)
    # Constraints
    max_moves = models.PositiveIntegerField("jumlah mutasi maksimal", null=True, blank=True)
    unit_max_out = models.PositiveSmallIntegerField("maksimal pegawai keluar per unit", null=True, blank=True)
    stay_bonus = models.FloatField("bonus tetap di tempat", default=5.0)
    rotation_bonus = models.FloatField(
        "bonus rotasi",
        default=10.0,
        help_text="untuk setiap mutasi pegawai yang melewati batas masa jabatan (R2)",
    )
    vacancy_penalty = models.FloatField("penalti formasi kosong", default=20.0)
    priority_vacancy_penalty = models.FloatField(
        "penalti formasi prioritas kosong",
        default=40.0,
        help_text="untuk jabatan struktural: kepala unit, administrator, pengawas",
    )
    # Fit weights (relative; normalised by the engine)
    profile = models.ForeignKey(
        "planning.RankingProfile",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="profil pemeringkatan",
    )
    w_competency = models.FloatField("bobot kompetensi", default=0.40)
    w_education = models.FloatField("bobot pendidikan", default=0.15)
    w_experience = models.FloatField("bobot pengalaman", default=0.15)
    w_performance = models.FloatField("bobot kinerja", default=0.20)
    w_preference = models.FloatField("bobot preferensi", default=0.10)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "skenario mutasi"
        verbose_name_plural = "skenario mutasi"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(w_competency__gte=0)
                & Q(w_education__gte=0)
                & Q(w_experience__gte=0)
                & Q(w_performance__gte=0)
                & Q(w_preference__gte=0),
                name="scenario_weights_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(stay_bonus__gte=0)
                & Q(rotation_bonus__gte=0)
                & Q(vacancy_penalty__gte=0)
                & Q(priority_vacancy_penalty__gte=0),
                name="scenario_bonus_penalty_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planning:scenario_detail", kwargs={"public_id": self.public_id})


class ScenarioPair(models.Model):
    """A pair the analyst settled by hand: locked (must happen) or forbidden (must not)."""

    class Kind(models.TextChoices):
        LOCK = "kunci", "Dikunci"
        FORBID = "larang", "Dilarang"

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="pairs")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="+")
    seat = models.ForeignKey("organization.Seat", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices)
    reason = models.CharField("alasan", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "pasangan terkunci/terlarang"
        verbose_name_plural = "pasangan terkunci/terlarang"
        ordering = ["scenario_id", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "employee", "seat"], name="scenario_pair_once"),
            models.UniqueConstraint(
                fields=["scenario", "employee"],
                condition=Q(kind="kunci"),
                name="scenario_one_lock_per_employee",
            ),
            models.UniqueConstraint(
                fields=["scenario", "seat"], condition=Q(kind="kunci"), name="scenario_one_lock_per_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.employee_id} → {self.seat_id}"


class RunStatus(models.TextChoices):
    QUEUED = "menunggu", "Menunggu"
    RUNNING = "berjalan", "Sedang dihitung"
    DONE = "selesai", "Selesai"
    FAILED = "gagal", "Gagal"


class ScenarioRun(models.Model):
    """One computed version of a scenario: its settings, inputs hash, versions, plan and figures."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField("versi")
    status = models.CharField("status", max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    stage = models.CharField("tahap", max_length=120, blank=True)
    frozen_settings = models.JSONField("pengaturan saat dihitung", default=dict)
    inputs_hash = models.CharField("hash masukan", max_length=64, blank=True)
    engine_versions = models.JSONField("versi mesin dan aturan", default=dict)
    plan = models.JSONField("rencana", default=dict)
    figures = models.JSONField("angka ringkasan", default=dict)
    objective = models.FloatField("nilai tujuan", null=True, blank=True)
    bound = models.FloatField("batas atas", null=True, blank=True)
    optimal = models.BooleanField("terbukti optimal", null=True, blank=True)
    gap = models.FloatField("selisih ke batas atas", null=True, blank=True)
    greedy_objective = models.FloatField("nilai tujuan satu per satu", null=True, blank=True)
    moves = models.PositiveIntegerField("jumlah mutasi", null=True, blank=True)
    chains = models.PositiveIntegerField("jumlah rantai", null=True, blank=True)
    seconds = models.FloatField("lama hitung (detik)", null=True, blank=True)
    error = models.TextField("pesan kesalahan", blank=True)
    task_id = models.CharField("id tugas latar", max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "versi skenario"
        verbose_name_plural = "versi skenario"
        ordering = ["scenario_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["scenario", "number"], name="scenario_run_number_unique"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="scenario_run_progress_0_100"),
        ]

    def __str__(self) -> str:
        return f"{self.scenario} · versi {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("planning:scenario_run", kwargs={"public_id": self.public_id})

    @property
    def finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.FAILED)
