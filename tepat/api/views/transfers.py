"""Proposals and moves (state, allowed transitions, timeline), a transition request, and SK verification."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from tepat.api.selectors_transfers import (
    api_decree_verify,
    api_move_get,
    api_move_list,
    api_proposal_get,
    api_proposal_list,
)
from tepat.api.serializers.transfers import (
    DecreeVerifyQuerySerializer,
    DecreeVerifySerializer,
    MoveDetailSerializer,
    MoveQuerySerializer,
    MoveSerializer,
    ProposalDetailSerializer,
    ProposalSerializer,
    TransitionSerializer,
)
from tepat.api.services import move_act
from tepat.api.views.common import query_params, scoped_object
from tepat.transfers.models import Move, Proposal


@extend_schema(
    parameters=[MoveQuerySerializer], summary="Daftar usulan (yang memuat mutasi berstatus tertentu)"
)
class ProposalListApi(generics.ListAPIView):
    serializer_class = ProposalSerializer

    def get_queryset(self) -> QuerySet[Proposal]:
        params = query_params(self.request, MoveQuerySerializer)
        return api_proposal_list(viewer=self.request.user, status=params.get("status", ""))


@extend_schema(summary="Satu usulan dengan mutasinya, status dan tindakan yang boleh dilakukan pemanggil")
class ProposalDetailApi(generics.RetrieveAPIView):
    serializer_class = ProposalDetailSerializer

    def get_object(self) -> Proposal:
        return scoped_object(self.request, api_proposal_get, self.kwargs["id"])


@extend_schema(parameters=[MoveQuerySerializer], summary="Daftar mutasi dalam cakupan pemanggil")
class MoveListApi(generics.ListAPIView):
    serializer_class = MoveSerializer

    def get_queryset(self) -> QuerySet[Move]:
        params = query_params(self.request, MoveQuerySerializer)
        return api_move_list(viewer=self.request.user, status=params.get("status", ""))


@extend_schema(summary="Satu mutasi: status, tindakan yang boleh dilakukan pemanggil, riwayat proses")
class MoveDetailApi(generics.RetrieveAPIView):
    serializer_class = MoveDetailSerializer

    def get_object(self) -> Move:
        return scoped_object(self.request, api_move_get, self.kwargs["id"])


class MoveTransitionApi(generics.GenericAPIView):
    serializer_class = TransitionSerializer

    @extend_schema(
        request=TransitionSerializer,
        responses={200: MoveDetailSerializer},
        summary="Jalankan satu tindakan alur kerja (409 dengan alasannya bila tidak boleh)",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        move = scoped_object(request, api_move_get, kwargs["id"])
        move_act(move=move, actor=request.user, **data.validated_data)
        fresh = api_move_get(viewer=request.user, public_id=str(move.public_id))
        return Response(MoveDetailSerializer(fresh, context={"request": request}).data)


@extend_schema(
    parameters=[DecreeVerifyQuerySerializer],
    responses=DecreeVerifySerializer,
    summary="Periksa kode verifikasi SK (seperti halaman publik: asli atau tidak, nomor dan tanggal SK)",
)
class DecreeVerifyApi(generics.GenericAPIView):
    serializer_class = DecreeVerifySerializer
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = query_params(request, DecreeVerifyQuerySerializer)
        return Response(DecreeVerifySerializer(api_decree_verify(code=params["code"])).data)
