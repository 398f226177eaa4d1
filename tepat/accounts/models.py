from __future__ import annotations

import uuid
from datetime import date

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from tepat.engine.roles import ROLE_LABELS, Role


class User(AbstractUser):
    """A person who logs in. Their powers come only from role grants, never from flags on the user."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"


class RoleGrantQuerySet(models.QuerySet["RoleGrant"]):
    def active_on(self, day: date) -> RoleGrantQuerySet:
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class RoleGrant(models.Model):
    """(user, role, unit or none, valid from, valid to): acting officials and delegations are grants too."""

    ROLE_CHOICES = [(role.value, ROLE_LABELS[role]) for role in Role]

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField("peran", max_length=20, choices=ROLE_CHOICES)
    unit = models.ForeignKey(
        "organization.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name="unit",
    )
    valid_from = models.DateField("berlaku mulai")
    valid_to = models.DateField("berlaku sampai", null=True, blank=True)
    basis = models.CharField("dasar penugasan", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = "pemberian peran"
        verbose_name_plural = "pemberian peran"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="grant_period_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.UNIT_HEAD) | Q(unit__isnull=False),
                name="unit_head_grant_has_unit",
            ),
        ]
        indexes = [models.Index(fields=["user", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
