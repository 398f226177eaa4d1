"""Units and positions (with seats)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers

from tepat.api.selectors import (
    UnitApiFilters,
    api_position_get,
    api_position_list,
    api_unit_list,
    unit_find,
)
from tepat.api.serializers.organization import PositionDetailSerializer, PositionSerializer, UnitSerializer
from tepat.api.views.common import query_params, scoped_object
from tepat.organization.models import Position, Unit
from tepat.organization.selectors import PositionFilters


class UnitQuery(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100, help_text="nama atau kode")
    parent = serializers.UUIDField(  # type: ignore[assignment]
        required=False, help_text="id unit induk: hanya anak langsungnya"
    )


class PositionQuery(serializers.Serializer):
    unit = serializers.UUIDField(required=False, help_text="id unit: jabatan di unit itu dan sub-unitnya")
    kind = serializers.CharField(required=False, allow_blank=True, max_length=30)
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    vacant = serializers.BooleanField(
        required=False, default=False, help_text="hanya yang punya formasi kosong"
    )


def api_unit_get(*, viewer: Any, public_id: str) -> Unit:
    return api_unit_list(viewer=viewer, filters=UnitApiFilters()).get(public_id=public_id)


@extend_schema(parameters=[UnitQuery], summary="Daftar unit organisasi")
class UnitListApi(generics.ListAPIView):
    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        params = query_params(self.request, UnitQuery)
        parent = scoped_object(self.request, unit_find, params["parent"]) if "parent" in params else None
        filters = UnitApiFilters(q=params.get("q", ""), parent=parent)
        return api_unit_list(viewer=self.request.user, filters=filters)


@extend_schema(summary="Satu unit organisasi")
class UnitDetailApi(generics.RetrieveAPIView):
    serializer_class = UnitSerializer

    def get_object(self) -> Unit:
        return scoped_object(self.request, api_unit_get, self.kwargs["id"])


@extend_schema(parameters=[PositionQuery], summary="Daftar jabatan dengan formasinya")
class PositionListApi(generics.ListAPIView):
    serializer_class = PositionSerializer

    def get_queryset(self) -> QuerySet[Position]:
        params = query_params(self.request, PositionQuery)
        unit = scoped_object(self.request, unit_find, params["unit"]) if "unit" in params else None
        filters = PositionFilters(
            unit=unit, kind=params.get("kind", ""), q=params.get("q", ""), only_vacant=params["vacant"]
        )
        return api_position_list(viewer=self.request.user, filters=filters)


@extend_schema(summary="Satu jabatan: formasi dan persyaratan")
class PositionDetailApi(generics.RetrieveAPIView):
    serializer_class = PositionDetailSerializer

    def get_object(self) -> Position:
        return scoped_object(self.request, api_position_get, self.kwargs["id"])
