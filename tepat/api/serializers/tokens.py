"""API tokens: listed without their secret; the clear token appears once, in the create response."""

from __future__ import annotations

from rest_framework import serializers

from tepat.api.models import ApiToken


class TokenSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    owner = serializers.CharField(source="token.user.get_username", read_only=True)
    expires_at = serializers.DateTimeField(source="token.expiry", read_only=True, allow_null=True)

    class Meta:
        model = ApiToken
        fields = ("id", "name", "owner", "created_at", "expires_at")


class TokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=80, help_text="untuk apa token ini, mis. 'integrasi SIASN'")
    days = serializers.IntegerField(min_value=1, max_value=365, default=90, help_text="masa berlaku (hari)")


class TokenCreatedSerializer(TokenSerializer):
    token = serializers.CharField(read_only=True, help_text="ditampilkan sekali ini saja; simpan baik-baik")

    class Meta(TokenSerializer.Meta):
        fields = (*TokenSerializer.Meta.fields, "token")  # type: ignore[assignment]
