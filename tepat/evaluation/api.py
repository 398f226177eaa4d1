"""Read-only REST list of stored evaluation runs (`/api/v1/evaluation-runs`): the headline of each round.

Government-wide readers only: a run's headline covers every mover in its scope, and a unit head may see only
their subtree's movers (the web page re-aggregates for them). Route listed in `tepat/evaluation/policy.py`.
"""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from tepat.evaluation.models import EvaluationRun
from tepat.evaluation.selectors.rounds import evaluation_runs


class EvaluationRunSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    scope_unit = serializers.UUIDField(
        source="scope_unit.public_id", read_only=True, allow_null=True, default=None
    )
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = EvaluationRun
        fields: tuple[str, ...] = (
            "id", "round_year", "scope_unit", "scope_label", "status", "effect", "ci_low", "ci_high", "movers",
            "comparisons", "unmatched", "needs_support", "engine_version", "inputs_hash", "seconds", "created_by",
            "created_at",
        )  # fmt: skip


@extend_schema(summary="Daftar evaluasi pascamutasi yang tersimpan (efek, interval, ukuran kelompok)")
class EvaluationRunListApi(generics.ListAPIView):
    serializer_class = EvaluationRunSerializer

    def get_queryset(self) -> QuerySet[EvaluationRun]:
        return evaluation_runs(viewer=self.request.user).order_by("-created_at", "-id")
