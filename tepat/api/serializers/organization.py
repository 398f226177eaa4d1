"""Units and positions (with seats and requirements) as the API shows them."""

from __future__ import annotations

from rest_framework import serializers

from tepat.organization.models import Position, PositionCompetency, Seat, Unit


class UnitRefSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)

    class Meta:
        model = Unit
        fields = ("id", "code", "name")


class UnitSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    parent = serializers.UUIDField(  # type: ignore[assignment]
        source="parent.public_id", read_only=True, allow_null=True, default=None
    )
    headcount = serializers.IntegerField(read_only=True)
    seat_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Unit
        fields = ("id", "code", "name", "kind", "parent", "depth", "headcount", "seat_count")


class SeatSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    occupied = serializers.BooleanField(read_only=True)

    class Meta:
        model = Seat
        fields = ("id", "number", "is_active", "occupied")


class PositionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    unit = UnitRefSerializer(read_only=True)
    seats = SeatSerializer(many=True, read_only=True)

    class Meta:
        model = Position
        fields = ("id", "code", "name", "unit", "kind", "jenjang", "kelas_jabatan", "is_head", "seats")


class RequiredCompetencySerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="competency.code", read_only=True)
    name = serializers.CharField(source="competency.name", read_only=True)

    class Meta:
        model = PositionCompetency
        fields = ("code", "name", "level")


class PositionDetailSerializer(PositionSerializer):
    education_fields: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    required_competencies = RequiredCompetencySerializer(many=True, read_only=True)

    class Meta(PositionSerializer.Meta):
        fields = (  # type: ignore[assignment]
            *PositionSerializer.Meta.fields,
            "family",
            "min_rank",
            "max_rank",
            "min_education",
            "education_fields",
            "required_competencies",
            "requires_pns",
        )
