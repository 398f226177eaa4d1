"""Keputusan (SK) mutasi: a gap-free number per year and series, frozen content, stored PDF with its SHA-256."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse

from tepat.core.scoping import user_scope

if TYPE_CHECKING:
    from tepat.core.types import Viewer

# The only columns the one-time PDF step may fill on an issued decree (R-30: everything else is frozen).
RENDER_FIELDS = frozenset({"pdf", "sha256", "rendered_at"})


class DecreeCounter(models.Model):
    """One row per (year, series), locked in the issuing transaction: no repeats, no gaps (R-09)."""

    year = models.PositiveSmallIntegerField("tahun")
    series = models.CharField("seri", max_length=40)
    last_number = models.PositiveIntegerField("nomor terakhir", default=0)

    class Meta:
        verbose_name = "penomoran SK"
        verbose_name_plural = "penomoran SK"
        constraints = [models.UniqueConstraint(fields=["year", "series"], name="one_counter_per_year_series")]

    def __str__(self) -> str:
        return f"{self.series}/{self.year}: {self.last_number}"


class DecreeSettings(models.Model):
    """The data blocks an admin may edit (R-19); the layout itself is a template in the repository."""

    series = models.CharField("seri nomor", max_length=40, unique=True, default="800.1.3.3")
    government = models.CharField("pemerintah", max_length=120, default="PEMERINTAH KOTA SEMARANG")
    head_title = models.CharField("jabatan penanda tangan", max_length=120, default="WALI KOTA SEMARANG")
    place = models.CharField("tempat penetapan", max_length=80, default="Semarang")
    signer_name = models.CharField("nama penanda tangan", max_length=150, default="(nama Wali Kota)")
    signer_rank = models.CharField("pangkat penanda tangan", max_length=120, blank=True)
    signer_nip = models.CharField("NIP penanda tangan", max_length=18, blank=True)
    menimbang = models.TextField("Menimbang (satu butir per baris)")
    mengingat = models.TextField("Mengingat (satu butir per baris)")
    tembusan = models.TextField("Tembusan (satu baris per penerima)")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "isian SK"
        verbose_name_plural = "isian SK"

    def __str__(self) -> str:
        return f"Isian SK seri {self.series}"


class DecreeQuerySet(models.QuerySet["Decree"]):
    def visible_to(self, user: Viewer) -> DecreeQuerySet:
        scope = user_scope(user)
        if scope.government_wide:
            return self
        from tepat.transfers.models.proposals import Move

        return self.filter(pk__in=Move.objects.visible_to(user).values("decree_id"))

    def update(self, **kwargs: Any) -> int:
        if set(kwargs) - RENDER_FIELDS:
            raise PermissionError("SK yang telah terbit tidak dapat diubah.")
        return super().update(**kwargs)


class Decree(models.Model):
    class Kind(models.TextChoices):
        MUTASI = "mutasi", "Keputusan mutasi"
        PERBAIKAN = "perbaikan", "Perbaikan kekeliruan"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("tahun")
    series = models.CharField("seri", max_length=40)
    number = models.PositiveIntegerField("nomor urut")
    number_text = models.CharField("nomor SK", max_length=80, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MUTASI)
    corrects = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="corrections"
    )
    issued_on = models.DateField("tanggal penetapan")
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tmt = models.DateField("TMT")
    content = models.JSONField("isi SK (beku)")
    verification_code = models.CharField("kode verifikasi", max_length=20, unique=True)
    pdf = models.FileField(upload_to="transfers/sk/%Y/", max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = DecreeQuerySet.as_manager()

    class Meta:
        verbose_name = "SK mutasi"
        verbose_name_plural = "SK mutasi"
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "series", "number"], name="decree_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number_text

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("SK yang telah terbit tidak dapat diubah; terbitkan SK perbaikan.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("transfers:decree_detail", kwargs={"public_id": self.public_id})

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("SK yang telah terbit tidak dapat dihapus.")


class DecreeExtract(models.Model):
    """A petikan: one person's extract of an SK, rendered once per (decree, move) from the frozen content."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    decree = models.ForeignKey(Decree, on_delete=models.PROTECT, related_name="extracts")
    move = models.ForeignKey("transfers.Move", on_delete=models.PROTECT, related_name="extracts")
    pdf = models.FileField(upload_to="transfers/petikan/%Y/", max_length=200)
    sha256 = models.CharField(max_length=64)
    rendered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "petikan SK"
        verbose_name_plural = "petikan SK"
        constraints = [models.UniqueConstraint(fields=["decree", "move"], name="one_extract_per_decree_move")]

    def __str__(self) -> str:
        return f"Petikan {self.decree_id}/{self.move_id}"
