"""API tokens: a knox token (hashed at rest) with an opaque id and a name its owner chose."""

from __future__ import annotations

import uuid

from django.db import models


class ApiToken(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # No database constraint: knox's migrated table is not a valid FK target on SQLite. Deleting the knox token
    # through the ORM (revoke, expiry clean-up) still cascades to this row.
    token = models.OneToOneField(
        "knox.AuthToken", on_delete=models.CASCADE, related_name="tepat_info", db_constraint=False
    )
    name = models.CharField("nama token", max_length=80)
    created_at = models.DateTimeField("dibuat", auto_now_add=True)

    class Meta:
        verbose_name = "token API"
        verbose_name_plural = "token API"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
