"""Read-only REST endpoints for development plans (`/api/v1/development-plans`), scoped like the web pages.

Routes are listed in `tepat/development/policy.py` (merged into the one access policy) and wired in
`tepat/api/urls.py`. JP figures come from the same engine judgement as the pages.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers

from tepat.api.serializers.organization import UnitRefSerializer
from tepat.api.views.common import query_params, scoped_object
from tepat.core.scoping import today
from tepat.development import selectors
from tepat.development.inputs import rules_on
from tepat.development.models import DevelopmentPlan, PlanItem
from tepat.engine.development import DevelopmentRules, jp_progress


class PlanQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=DevelopmentPlan.Status.choices, required=False)
    behind = serializers.BooleanField(required=False, help_text="hanya yang tertinggal dari target JP")


class PlanEmployeeSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)


class JpSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    earned = serializers.DecimalField(max_digits=7, decimal_places=1)
    target = serializers.DecimalField(max_digits=7, decimal_places=1)
    shortfall = serializers.DecimalField(max_digits=7, decimal_places=1)
    minutes = serializers.IntegerField()
    status = serializers.ChoiceField(choices=["tercapai", "sesuai_jadwal", "tertinggal"])


def _jp(earned: Decimal, rules: DevelopmentRules, day: date) -> dict[str, Any]:
    progress = jp_progress([(date(day.year, 1, 1), earned)], year=day.year, on=day, rules=rules)
    return {
        "year": progress.year,
        "earned": progress.earned_jp,
        "target": progress.target_jp,
        "shortfall": progress.shortfall_jp,
        "minutes": progress.minutes,
        "status": progress.status.value,
    }


class DevelopmentPlanSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    employee = PlanEmployeeSerializer(read_only=True)
    position = serializers.CharField(source="position.name", read_only=True)
    move = serializers.UUIDField(source="move.public_id", read_only=True, allow_null=True, default=None)
    items_total = serializers.IntegerField(read_only=True)
    items_done = serializers.IntegerField(read_only=True)
    jp_this_year = serializers.SerializerMethodField()

    class Meta:
        model = DevelopmentPlan
        fields: tuple[str, ...] = (
            "id", "employee", "position", "move", "start", "end", "status", "field_changed", "items_total",
            "items_done", "jp_this_year", "reassessment_due", "reassessed_on",
        )  # fmt: skip

    @extend_schema_field(JpSerializer)
    def get_jp_this_year(self, plan: DevelopmentPlan) -> dict[str, Any]:
        return _jp(plan.jp_year, self.context["jp_rules"], self.context["jp_day"])  # type: ignore[attr-defined]


class ItemSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    competency = serializers.CharField(
        source="competency.code", read_only=True, allow_null=True, default=None
    )
    course = serializers.CharField(source="course.code", read_only=True, allow_null=True, default=None)
    completed_on = serializers.DateField(source="training.end", read_only=True, allow_null=True, default=None)
    jp_earned = serializers.DecimalField(
        source="training.jp", max_digits=5, decimal_places=1, read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = PlanItem
        fields = (
            "id", "competency", "gap", "route", "course", "activity", "due", "jp_planned", "status",
            "enrolled_on", "completed_on", "jp_earned",
        )  # fmt: skip


class GapSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    group = serializers.CharField()
    standard = serializers.FloatField(source="required")
    achieved = serializers.FloatField()
    gap = serializers.FloatField()


class DevelopmentPlanDetailSerializer(DevelopmentPlanSerializer):
    items = ItemSerializer(many=True, read_only=True)
    gaps = GapSerializer(many=True, read_only=True)

    class Meta(DevelopmentPlanSerializer.Meta):
        fields = (*DevelopmentPlanSerializer.Meta.fields, "reason", "gaps", "missing", "items")


class _JpContext:
    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        day = today()
        return {**context, "jp_rules": rules_on(day), "jp_day": day}


@extend_schema(
    parameters=[PlanQuerySerializer], summary="Daftar rencana pengembangan dalam cakupan pemanggil"
)
class PlanListApi(_JpContext, generics.ListAPIView):
    serializer_class = DevelopmentPlanSerializer

    def get_queryset(self) -> QuerySet[DevelopmentPlan]:
        params = query_params(self.request, PlanQuerySerializer)
        filters = selectors.PlanFilters(status=params.get("status", ""), behind=params.get("behind", False))
        return selectors.plan_list(viewer=self.request.user, filters=filters)


@extend_schema(summary="Satu rencana pengembangan: kesenjangan, kegiatan dan JP tahun berjalan")
class PlanDetailApi(_JpContext, generics.RetrieveAPIView):
    serializer_class = DevelopmentPlanDetailSerializer

    def get_object(self) -> DevelopmentPlan:
        return scoped_object(self.request, selectors.plan_api_get, self.kwargs["id"])
