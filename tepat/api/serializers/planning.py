"""Candidates for a seat, placement scenarios with their runs and plans, and needs, as the API shows them.

Candidate rows carry only what a candidate list needs (no NIP, NIK or birth date: DESIGN.md "Who uses it");
plans carry opaque ids only (the stored plan's internal keys are translated in `tepat.api.selectors_planning`).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tepat.api.serializers.organization import UnitRefSerializer
from tepat.api.serializers.people import PositionRefSerializer
from tepat.engine.fit import COMPONENT_LABELS, Component
from tepat.planning.models import Scenario, ScenarioRun

# --- candidates -------------------------------------------------------------------------------------------


class RuleResultSerializer(serializers.Serializer):
    rule_id = serializers.CharField(read_only=True)
    outcome = serializers.CharField(read_only=True)
    severity = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True, help_text="kode alasan yang stabil")
    message = serializers.CharField(read_only=True, help_text="kalimat untuk dibaca camat")
    legal_basis = serializers.CharField(read_only=True, help_text="dasar hukum")
    missing = serializers.ListField(child=serializers.CharField(), read_only=True)


class FitComponentSerializer(serializers.Serializer):
    component = serializers.CharField(read_only=True)
    label = serializers.SerializerMethodField()  # type: ignore[assignment]
    value = serializers.FloatField(
        read_only=True, allow_null=True, help_text="0–1; kosong bila tidak dinilai"
    )
    weight = serializers.FloatField(read_only=True)
    points = serializers.FloatField(read_only=True, help_text="sumbangan pada skor 0–100")
    status = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True)

    @extend_schema_field(OpenApiTypes.STR)
    def get_label(self, obj: Any) -> str:
        return COMPONENT_LABELS[Component(obj.component)]


class FitSerializer(serializers.Serializer):
    score = serializers.FloatField(read_only=True, allow_null=True)
    jpm = serializers.FloatField(read_only=True, allow_null=True, help_text="JPM % (tanpa batas atas)")
    jpm_category = serializers.CharField(read_only=True, allow_null=True)
    sentence = serializers.CharField(read_only=True)
    components = FitComponentSerializer(many=True, read_only=True)
    incomplete = serializers.ListField(child=serializers.CharField(), read_only=True)


class CandidateEmployeeSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    position = PositionRefSerializer(source="seat.position", read_only=True, allow_null=True, default=None)


class CandidateSerializer(serializers.Serializer):
    rank = serializers.IntegerField(source="number", read_only=True)
    employee = CandidateEmployeeSerializer(read_only=True)
    in_scope = serializers.BooleanField(read_only=True, help_text="profil lengkap boleh dibuka pemanggil")
    score = serializers.FloatField(read_only=True, allow_null=True)
    eligible = serializers.SerializerMethodField()
    verdict = serializers.SerializerMethodField()
    failures = RuleResultSerializer(many=True, read_only=True, help_text="aturan wajib yang tidak dipenuhi")
    warnings = RuleResultSerializer(many=True, read_only=True)
    missing = RuleResultSerializer(source="rules_missing", many=True, read_only=True)
    fit = FitSerializer(read_only=True)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_eligible(self, row: Any) -> bool:
        return not row.failures

    @extend_schema_field(OpenApiTypes.STR)
    def get_verdict(self, row: Any) -> str:
        return "" if row.eligibility is None else str(row.eligibility.verdict)


class CandidatePageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CandidateSerializer(many=True)


class CandidateQuerySerializer(serializers.Serializer):
    tab = serializers.ChoiceField(
        choices=["layak", "tidak-layak"], required=False, default="layak", help_text="layak atau tidak-layak"
    )
    page = serializers.IntegerField(required=False, min_value=1, max_value=10_000, default=1)
    unit = serializers.UUIDField(required=False, help_text="unit asal kandidat (beserta sub-unitnya)")
    rank = serializers.IntegerField(required=False, min_value=1, max_value=99, help_text="kode golongan")
    order = serializers.ChoiceField(choices=["lengkap", "skor"], required=False, default="lengkap")


# --- scenarios --------------------------------------------------------------------------------------------


class ScenarioSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    run_count = serializers.IntegerField(read_only=True)
    last_run = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Scenario
        fields = (
            "id", "name", "note", "on", "seat_source", "seat_horizon_months", "max_moves", "unit_max_out",
            "pool_min_years", "created_by", "created_at", "run_count", "last_run",
        )  # fmt: skip


class RunSummarySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    status = serializers.CharField(read_only=True, help_text="menunggu, berjalan, selesai atau gagal")

    class Meta:
        model = ScenarioRun
        fields = (
            "id", "number", "status", "progress", "stage", "moves", "chains", "objective", "greedy_objective",
            "optimal", "seconds", "error", "created_at", "finished_at",
        )  # fmt: skip


class ScenarioDetailSerializer(ScenarioSerializer):
    scope_units = UnitRefSerializer(many=True, read_only=True)
    runs = RunSummarySerializer(many=True, read_only=True, source="run_list")
    weights = serializers.SerializerMethodField()

    class Meta(ScenarioSerializer.Meta):
        fields = (*ScenarioSerializer.Meta.fields, "scope_units", "weights", "runs")  # type: ignore[assignment]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "number"}})
    def get_weights(self, scenario: Scenario) -> dict[str, float]:
        names = ("competency", "education", "experience", "performance", "preference")
        return {name: float(getattr(scenario, f"w_{name}")) for name in names}


class PlanPlaceSerializer(serializers.Serializer):
    seat = serializers.UUIDField(read_only=True, allow_null=True)
    position = serializers.CharField(read_only=True)
    unit = serializers.CharField(read_only=True)


class PlanMoveSerializer(serializers.Serializer):
    employee = serializers.UUIDField(read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    origin = PlanPlaceSerializer(read_only=True)
    target = PlanPlaceSerializer(read_only=True)
    score = serializers.FloatField(read_only=True, allow_null=True)
    score_before = serializers.FloatField(read_only=True, allow_null=True)
    jpm = serializers.FloatField(read_only=True, allow_null=True)
    jpm_category = serializers.CharField(read_only=True, allow_null=True)
    sentence = serializers.CharField(read_only=True, help_text="alasan mutasi dalam satu kalimat")
    preferred = serializers.BooleanField(read_only=True, allow_null=True)
    notes = serializers.ListField(child=serializers.CharField(), read_only=True)
    missing = serializers.ListField(child=serializers.CharField(), read_only=True)
    group_kind = serializers.CharField(read_only=True, help_text="rantai, tukar, atau kosong")
    group = serializers.IntegerField(read_only=True)
    step = serializers.IntegerField(read_only=True)
    locked = serializers.BooleanField(read_only=True)


class PlanUnfilledSerializer(PlanPlaceSerializer):
    priority = serializers.BooleanField(read_only=True)
    vacant_now = serializers.BooleanField(read_only=True)


class PlanSerializer(serializers.Serializer):
    moves = PlanMoveSerializer(many=True, read_only=True)
    chains = serializers.ListField(child=serializers.ListField(child=serializers.UUIDField()), read_only=True)
    cycles = serializers.ListField(child=serializers.ListField(child=serializers.UUIDField()), read_only=True)
    unfilled = PlanUnfilledSerializer(many=True, read_only=True)
    unseated = serializers.ListField(child=serializers.CharField(), read_only=True)
    greedy_objective = serializers.FloatField(read_only=True, allow_null=True)
    pool_size = serializers.IntegerField(read_only=True)
    seat_count = serializers.IntegerField(read_only=True)


class RunDetailSerializer(RunSummarySerializer):
    scenario = serializers.UUIDField(source="scenario.public_id", read_only=True)
    plan = PlanSerializer(source="public_plan", read_only=True, allow_null=True)
    figures = serializers.JSONField(source="public_figures", read_only=True)

    class Meta(RunSummarySerializer.Meta):
        fields = (  # type: ignore[assignment]
            *RunSummarySerializer.Meta.fields,
            "scenario",
            "inputs_hash",
            "engine_versions",
            "frozen_settings",
            "plan",
            "figures",
        )


# --- needs ------------------------------------------------------------------------------------------------


class NeedRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class PositionNeedSerializer(serializers.Serializer):
    position = NeedRefSerializer(read_only=True)
    unit = NeedRefSerializer(read_only=True)
    source = serializers.CharField(source="need.source", read_only=True, help_text="abk, formasi_manual, …")  # type: ignore[assignment]
    required = serializers.IntegerField(source="need.required", read_only=True, allow_null=True)  # type: ignore[assignment]
    exact_headcount = serializers.FloatField(source="need.exact_headcount", read_only=True)
    present = serializers.IntegerField(source="balance.present", read_only=True)
    balance = serializers.IntegerField(source="balance.selisih", read_only=True, allow_null=True)
    status = serializers.CharField(source="balance.status", read_only=True)
    ej = serializers.FloatField(source="balance.ej", read_only=True, allow_null=True, help_text="efektivitas")
    pj_grade = serializers.CharField(source="balance.pj_grade", read_only=True, allow_null=True)


class UnitNeedSerializer(serializers.Serializer):
    unit = NeedRefSerializer(read_only=True)
    required = serializers.IntegerField(source="total.required", read_only=True)  # type: ignore[assignment]
    present = serializers.IntegerField(source="total.present", read_only=True)
    surplus = serializers.IntegerField(source="total.kelebihan", read_only=True)
    shortage = serializers.IntegerField(source="total.kekurangan", read_only=True)
    positions_without_basis = serializers.IntegerField(source="total.positions_without_basis", read_only=True)


class NeedsQuerySerializer(serializers.Serializer):
    unit = serializers.UUIDField(required=False, help_text="unit: jabatan unit itu dan sub-unitnya")
    status = serializers.ChoiceField(
        choices=["kelebihan", "kekurangan", "sesuai", "tanpa_dasar"],
        required=False,
        help_text="saring status",
    )
