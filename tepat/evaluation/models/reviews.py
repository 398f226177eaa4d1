"""Reviews of a newcomer by the head of the new unit: the schedule rows a move gets when it takes effect, and
the one submitted review per schedule row (immutable once submitted)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse

from tepat.core.scoping import user_scope

if TYPE_CHECKING:
    from tepat.core.types import Viewer

__all__ = ["Review", "ReviewSchedule"]


class ReviewScheduleQuerySet(models.QuerySet["ReviewSchedule"]):
    def visible_to(self, user: Viewer) -> ReviewScheduleQuerySet:
        """BKPP, PPK and auditor: all; a unit head: newcomers whose new unit lies in the granted subtree.
        The employee does not see the supervisor's review (see `tepat.evaluation.services.reviews`)."""
        scope = user_scope(user)
        if scope.government_wide:
            return self
        return self.filter(scope.unit_q("unit__path"))


class ReviewSchedule(models.Model):
    """One due review of one move: the kind (check-in 1 bulan, tinjauan 3/6 bulan) and its due date."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    move = models.ForeignKey("transfers.Move", on_delete=models.PROTECT, related_name="review_schedules")
    employee = models.ForeignKey("people.Employee", on_delete=models.PROTECT, related_name="review_schedules")
    # The new unit, whose head reviews; kept so the scope survives later moves of the employee.
    unit = models.ForeignKey("organization.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("jenis tinjauan", max_length=20)
    label = models.CharField("nama tinjauan", max_length=80)
    due_on = models.DateField("jatuh tempo")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ReviewScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = "jadwal tinjauan"
        verbose_name_plural = "jadwal tinjauan"
        ordering = ["due_on", "id"]
        constraints = [models.UniqueConstraint(fields=["move", "kind"], name="one_review_schedule_per_kind")]
        indexes = [models.Index(fields=["due_on", "id"]), models.Index(fields=["unit", "due_on"])]

    def __str__(self) -> str:
        return f"{self.label} – {self.employee.full_name}"

    def get_absolute_url(self) -> str:
        return reverse("evaluation:review_detail", kwargs={"public_id": self.public_id})


class Review(models.Model):
    """The submitted review: Likert answers, comments, the engine's score and warnings. One per schedule row
    (the one-to-one key is the constraint that stops a second submit); never edited after submission."""

    schedule = models.OneToOneField(ReviewSchedule, on_delete=models.PROTECT, related_name="review")
    answers = models.JSONField("jawaban", default=dict)
    comments = models.TextField("catatan atasan")
    score = models.FloatField("skor")
    warnings = models.JSONField("peringatan dini", default=list, blank=True)
    needs_support = models.BooleanField("perlu dukungan", default=False, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tinjauan pegawai baru"
        verbose_name_plural = "tinjauan pegawai baru"
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=100), name="review_score_0_100"
            )
        ]

    def __str__(self) -> str:
        return f"Tinjauan {self.schedule_id} ({self.score:g})"
