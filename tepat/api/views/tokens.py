"""API tokens of the caller: list, create (from a signed-in web session only) and revoke."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from tepat.api.models import ApiToken
from tepat.api.selectors import api_token_get, api_token_list
from tepat.api.serializers.tokens import TokenCreatedSerializer, TokenCreateSerializer, TokenSerializer
from tepat.api.services import api_token_create, api_token_revoke
from tepat.api.views.common import scoped_object


@extend_schema(
    parameters=[OpenApiParameter("all", bool, description="Admin Kepegawaian: token semua pengguna")],
)
class TokenListApi(generics.ListAPIView):
    serializer_class = TokenSerializer

    def get_queryset(self) -> QuerySet[ApiToken]:
        everyone = self.request.query_params.get("all") in ("1", "true")
        return api_token_list(viewer=self.request.user, everyone=everyone)

    @extend_schema(
        request=TokenCreateSerializer,
        responses={201: TokenCreatedSerializer},
        summary="Buat token (hanya dari sesi web yang sudah masuk; token tampil sekali)",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not isinstance(request.successful_authenticator, SessionAuthentication):
            raise PermissionDenied("Token baru hanya dapat dibuat dari sesi web yang sudah masuk.")
        data = TokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, clear = api_token_create(user=request.user, **data.validated_data)
        body = TokenCreatedSerializer(token).data
        body["token"] = clear
        return Response(body, status=status.HTTP_201_CREATED)


class TokenDetailApi(generics.RetrieveDestroyAPIView):
    serializer_class = TokenSerializer

    def get_object(self) -> ApiToken:
        return scoped_object(self.request, api_token_get, self.kwargs["id"])

    @extend_schema(summary="Cabut token (pemiliknya atau Admin Kepegawaian)")
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        api_token_revoke(actor=request.user, token=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
