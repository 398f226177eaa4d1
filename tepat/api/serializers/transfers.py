"""Proposals and moves with their state, the caller's allowed transitions and the timeline; SK verification.

The state is read-only everywhere: it changes only through `POST /moves/{id}/transitions` (SECURITY.md R-05).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from tepat.api.selectors_transfers import move_actions
from tepat.api.serializers.organization import UnitRefSerializer
from tepat.core.scoping import user_scope
from tepat.engine.workflow import ACTION_LABELS, Action
from tepat.transfers.models import Move, MoveStep, Proposal


class ActionSerializer(serializers.Serializer):
    action = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]


class MoveEmployeeSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)


class MovePlaceSerializer(serializers.Serializer):
    seat = serializers.UUIDField(source="public_id", read_only=True)
    position = serializers.CharField(source="position.name", read_only=True)
    position_code = serializers.CharField(source="position.code", read_only=True)
    unit = UnitRefSerializer(source="position.unit", read_only=True)


class MoveSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    proposal = serializers.UUIDField(source="proposal.public_id", read_only=True)
    employee = MoveEmployeeSerializer(read_only=True)
    origin_unit = UnitRefSerializer(read_only=True, allow_null=True)
    target = MovePlaceSerializer(source="target_seat", read_only=True)
    status = serializers.CharField(read_only=True, help_text="status alur kerja, mis. diajukan")
    status_label = serializers.CharField(read_only=True)
    decree_number = serializers.CharField(
        source="decree.number_text", read_only=True, allow_null=True, default=None
    )
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Move
        fields = (
            "id", "proposal", "employee", "origin_unit", "target", "mutation_type", "own_request", "status",
            "status_label", "tmt", "decree_number", "allowed_actions", "updated_at",
        )  # fmt: skip

    @extend_schema_field(ActionSerializer(many=True))
    def get_allowed_actions(self, move: Move) -> list[dict[str, Any]]:
        """What the caller's roles may request now (the services still check separation of duties)."""
        request = self.context.get("request")
        roles = user_scope(request.user).roles if request is not None else frozenset()
        actions = move_actions(status=move.status, roles=roles)
        return [{"action": a, "label": ACTION_LABELS[Action(a)]} for a in actions]


class StepSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor_label", read_only=True)

    class Meta:
        model = MoveStep
        fields = ("action", "from_state", "to_state", "actor", "role", "reason", "at")


class MoveDetailSerializer(MoveSerializer):
    steps = StepSerializer(many=True, read_only=True)

    class Meta(MoveSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *MoveSerializer.Meta.fields,
            "reason",
            "board_recommends",
            "board_note",
            "decided_on",
            "decision_reason",
            "hold_reason",
            "note",
            "steps",
        )


class ProposalSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    move_count = serializers.IntegerField(read_only=True)
    open_count = serializers.IntegerField(read_only=True, help_text="mutasi yang belum selesai/ditutup")

    class Meta:
        model = Proposal
        fields = ("id", "title", "source", "created_by", "created_at", "move_count", "open_count")


class ProposalDetailSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    created_by = serializers.CharField(source="created_by.get_username", read_only=True)
    moves = MoveSerializer(many=True, read_only=True)

    class Meta:
        model = Proposal
        fields = ("id", "title", "source", "created_by", "created_at", "moves")


class TransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=[a.value for a in Action], help_text="mis. ajukan, verifikasi")
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000, help_text="alasan atau catatan"
    )


class MoveQuerySerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[s for s, _ in Move._meta.get_field("status").choices],  # type: ignore[union-attr]
        required=False,
        help_text="status mutasi",
    )


class DecreeVerifyQuerySerializer(serializers.Serializer):
    code = serializers.CharField(max_length=40, help_text="kode verifikasi yang tercetak pada SK")


class DecreeVerifySerializer(serializers.Serializer):
    genuine = serializers.BooleanField(help_text="kode ini milik SK yang diterbitkan Tepat")
    number = serializers.CharField(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
