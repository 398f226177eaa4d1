"""Employees as the API shows them. NIK is masked for every role but hr_admin (D-6): two explicit serializers."""

from __future__ import annotations

from rest_framework import serializers

from tepat.api.serializers.organization import UnitRefSerializer
from tepat.people.models import Employee


class PositionRefSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class EmployeeSerializer(serializers.ModelSerializer):
    """List rows: what a roster needs, no NIK, no birth date (R-26)."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    golongan = serializers.CharField(read_only=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    position = PositionRefSerializer(source="seat.position", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Employee
        fields = (
            "id",
            "nip",
            "name",
            "full_name",
            "gender",
            "status",
            "golongan",
            "unit",
            "position",
            "position_since",
        )


DETAIL_FIELDS = (
    *EmployeeSerializer.Meta.fields,
    "front_title",
    "back_title",
    "nik",
    "birth_place",
    "birth_date",
    "tmt_cpns",
    "rank",
    "rank_tmt",
    "education_level",
    "education_field",
    "is_active",
)


class EmployeeDetailSerializer(EmployeeSerializer):
    """One employee for every role except hr_admin: the NIK masked (3374********0001)."""

    nik = serializers.CharField(source="nik_masked", read_only=True)
    education_field: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )

    class Meta(EmployeeSerializer.Meta):
        fields = DETAIL_FIELDS  # type: ignore[assignment]


class EmployeeDetailFullNikSerializer(EmployeeDetailSerializer):
    """One employee for hr_admin: the full NIK (the view logs the access, R-23)."""

    nik = serializers.CharField(read_only=True)

    class Meta(EmployeeDetailSerializer.Meta):
        fields = DETAIL_FIELDS


class EmployeeQuerySerializer(serializers.Serializer):
    unit = serializers.UUIDField(required=False, help_text="id unit: pegawai unit itu dan sub-unitnya")
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="nama atau NIP")
    nip = serializers.RegexField(r"^[0-9]{18}$", required=False, help_text="NIP 18 digit (pencarian tepat)")
