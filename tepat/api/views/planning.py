"""Candidates for a seat, placement scenarios and their runs, needs per position and per unit."""

from __future__ import annotations

from functools import partial
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from tepat.api.selectors import unit_find
from tepat.api.selectors_planning import (
    CandidateQuery,
    api_candidates,
    api_position_needs,
    api_scenario_for_run,
    api_scenario_get,
    api_scenario_run_get,
    api_scenario_runs,
    api_unit_needs,
)
from tepat.api.serializers.planning import (
    CandidatePageSerializer,
    CandidateQuerySerializer,
    CandidateSerializer,
    NeedsQuerySerializer,
    PositionNeedSerializer,
    RunDetailSerializer,
    RunSummarySerializer,
    ScenarioDetailSerializer,
    ScenarioSerializer,
    UnitNeedSerializer,
)
from tepat.api.views.common import query_params, scoped_object
from tepat.planning.candidates.ranking import ELIGIBLE, Ranking
from tepat.planning.needs.selectors import unit_in_scope_get
from tepat.planning.scenarios.selectors import scenario_list
from tepat.planning.scenarios.services import scenario_run_start


def _page_link(request: Request, page: int | None) -> str | None:
    if page is None:
        return None
    url = request.build_absolute_uri()
    return remove_query_param(url, "page") if page == 1 else replace_query_param(url, "page", page)


def _candidate_page(request: Request, ranking: Ranking) -> dict[str, Any]:
    info = ranking.page
    count = ranking.eligible_count if ranking.tab == ELIGIBLE else ranking.ineligible_count
    return {
        "count": count,
        "next": _page_link(request, info.number + 1 if info.has_next else None),
        "previous": _page_link(request, info.number - 1 if info.has_previous else None),
        "results": CandidateSerializer(ranking.rows, many=True).data,
    }


@extend_schema(
    parameters=[CandidateQuerySerializer],
    responses=CandidatePageSerializer,
    summary="Kandidat untuk satu formasi: layak (terbaik dulu) atau tidak layak dengan aturan dan dasar hukumnya",
)
class SeatCandidatesApi(generics.GenericAPIView):
    serializer_class = CandidateSerializer
    pagination_class = None  # the ranking pages itself (25 per page), in the same four-key shape

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = query_params(request, CandidateQuerySerializer)
        unit = scoped_object(request, unit_find, params["unit"]) if "unit" in params else None
        query = CandidateQuery(params["tab"], params["page"], unit, params.get("rank"), params["order"])
        ranking = scoped_object(request, partial(api_candidates, query=query), kwargs["id"])
        return Response(_candidate_page(request, ranking))


@extend_schema(summary="Daftar skenario mutasi (BKPP, PPK, auditor)")
class ScenarioListApi(generics.ListAPIView):
    serializer_class = ScenarioSerializer

    def get_queryset(self) -> Any:
        return scenario_list(viewer=self.request.user)


@extend_schema(summary="Satu skenario: pengaturan, unit cakupan dan versinya")
class ScenarioDetailApi(generics.RetrieveAPIView):
    serializer_class = ScenarioDetailSerializer

    def get_object(self) -> Any:
        return scoped_object(self.request, api_scenario_get, self.kwargs["id"])


class ScenarioRunsApi(generics.ListAPIView):
    serializer_class = RunSummarySerializer

    @extend_schema(summary="Versi (run) sebuah skenario, terbaru dulu")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        return scoped_object(self.request, api_scenario_runs, self.kwargs["id"])

    @extend_schema(
        request=None,
        responses={202: RunSummarySerializer},
        summary="Hitung versi baru (BKPP): pengaturan dibekukan, perhitungan berjalan di latar",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        scenario = scoped_object(request, api_scenario_for_run, kwargs["id"])
        run = scenario_run_start(scenario=scenario, actor=request.user)
        return Response(RunSummarySerializer(run).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(
    summary="Satu versi skenario: status, rencana (setiap mutasi dengan alasannya) dan angka ringkasan"
)
class ScenarioRunDetailApi(generics.RetrieveAPIView):
    serializer_class = RunDetailSerializer

    def get_object(self) -> Any:
        return scoped_object(self.request, api_scenario_run_get, self.kwargs["id"])


def _needs_unit(request: Request, params: dict[str, Any]) -> Any:
    return scoped_object(request, unit_in_scope_get, params["unit"]) if "unit" in params else None


@extend_schema(parameters=[NeedsQuerySerializer], summary="Kebutuhan vs bezetting per jabatan (ABK)")
class PositionNeedsApi(generics.ListAPIView):
    serializer_class = PositionNeedSerializer

    def get_queryset(self) -> Any:
        params = query_params(self.request, NeedsQuerySerializer)
        unit = _needs_unit(self.request, params)
        return api_position_needs(viewer=self.request.user, unit=unit, status=params.get("status", ""))


@extend_schema(parameters=[NeedsQuerySerializer], summary="Kebutuhan vs bezetting per unit (jumlah sub-unit)")
class UnitNeedsApi(generics.ListAPIView):
    serializer_class = UnitNeedSerializer

    def get_queryset(self) -> Any:
        params = query_params(self.request, NeedsQuerySerializer)
        return api_unit_needs(viewer=self.request.user, unit=_needs_unit(self.request, params))
