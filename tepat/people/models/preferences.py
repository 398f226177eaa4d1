"""Employee preferences (issue 5 item 6): up to three preferred units or positions, each with a reason.

A preference informs the fit score (component "preferensi") and the plan's report of who got a preferred
place; it never decides. Reasons "ikut pasangan" and "kesehatan" are hardship cases: a plan that does not
honour them lists them for a second look.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

__all__ = ["MAX_PREFERENCES", "EmployeePreference", "PreferenceReason"]

MAX_PREFERENCES = 3


class PreferenceReason(models.TextChoices):
    SPOUSE = "ikut_pasangan", "Mengikuti suami/istri"
    HEALTH = "kesehatan", "Alasan kesehatan"
    DISTANCE = "jarak", "Jarak dari rumah"
    CAREER = "karier", "Pengembangan karier"

    @classmethod
    def hardship(cls) -> frozenset[str]:
        return frozenset({cls.SPOUSE.value, cls.HEALTH.value})


class EmployeePreference(models.Model):
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField("urutan pilihan")
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="unit yang diminati",
    )
    position = models.ForeignKey(
        "organization.Position",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="jabatan yang diminati",
    )
    reason = models.CharField("alasan", max_length=20, choices=PreferenceReason.choices)
    note = models.CharField("keterangan", max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "preferensi penempatan"
        verbose_name_plural = "preferensi penempatan"
        ordering = ["employee_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "rank"], name="one_preference_per_rank"),
            models.CheckConstraint(
                condition=Q(rank__gte=1, rank__lte=MAX_PREFERENCES), name="preference_rank_1_to_3"
            ),
            models.CheckConstraint(
                condition=(Q(unit__isnull=False) & Q(position__isnull=True))
                | (Q(unit__isnull=True) & Q(position__isnull=False)),
                name="preference_unit_xor_position",
            ),
        ]

    def __str__(self) -> str:
        target = self.position if self.position_id else self.unit
        return f"Pilihan {self.rank}: {target}"

    @property
    def is_hardship(self) -> bool:
        return self.reason in PreferenceReason.hardship()
