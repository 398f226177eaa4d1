"""REST API v1 (DESIGN.md "Fixed interfaces"). Every route here has an entry in `tepat/api/policy.py`.

Ids in paths are opaque UUIDs (`public_id`); never NIP or NIK.
"""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from tepat.api.views.organization import PositionDetailApi, PositionListApi, UnitDetailApi, UnitListApi
from tepat.api.views.people import EmployeeDetailApi, EmployeeListApi
from tepat.api.views.planning import (
    PositionNeedsApi,
    ScenarioDetailApi,
    ScenarioListApi,
    ScenarioRunDetailApi,
    ScenarioRunsApi,
    SeatCandidatesApi,
    UnitNeedsApi,
)
from tepat.api.views.tokens import TokenDetailApi, TokenListApi
from tepat.api.views.transfers import (
    DecreeVerifyApi,
    MoveDetailApi,
    MoveListApi,
    MoveTransitionApi,
    ProposalDetailApi,
    ProposalListApi,
)
from tepat.development.api import PlanDetailApi, PlanListApi
from tepat.evaluation.api import EvaluationRunListApi

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    # organisation
    path("units", UnitListApi.as_view(), name="unit_list"),
    path("units/<uuid:id>", UnitDetailApi.as_view(), name="unit_detail"),
    path("positions", PositionListApi.as_view(), name="position_list"),
    path("positions/<uuid:id>", PositionDetailApi.as_view(), name="position_detail"),
    # people
    path("employees", EmployeeListApi.as_view(), name="employee_list"),
    path("employees/<uuid:id>", EmployeeDetailApi.as_view(), name="employee_detail"),
    # planning
    path("seats/<uuid:id>/candidates", SeatCandidatesApi.as_view(), name="seat_candidates"),
    path("scenarios", ScenarioListApi.as_view(), name="scenario_list"),
    path("scenarios/<uuid:id>", ScenarioDetailApi.as_view(), name="scenario_detail"),
    path("scenarios/<uuid:id>/runs", ScenarioRunsApi.as_view(), name="scenario_runs"),
    path("scenario-runs/<uuid:id>", ScenarioRunDetailApi.as_view(), name="scenario_run_detail"),
    path("needs/positions", PositionNeedsApi.as_view(), name="needs_positions"),
    path("needs/units", UnitNeedsApi.as_view(), name="needs_units"),
    # transfers
    path("proposals", ProposalListApi.as_view(), name="proposal_list"),
    path("proposals/<uuid:id>", ProposalDetailApi.as_view(), name="proposal_detail"),
    path("moves", MoveListApi.as_view(), name="move_list"),
    path("moves/<uuid:id>", MoveDetailApi.as_view(), name="move_detail"),
    path("moves/<uuid:id>/transitions", MoveTransitionApi.as_view(), name="move_transitions"),
    path("decrees/verify", DecreeVerifyApi.as_view(), name="decree_verify"),
    path("development-plans", PlanListApi.as_view(), name="development_plan_list"),
    path("development-plans/<uuid:id>", PlanDetailApi.as_view(), name="development_plan_detail"),
    path("evaluation-runs", EvaluationRunListApi.as_view(), name="evaluation_run_list"),
    # tokens
    path("tokens", TokenListApi.as_view(), name="token_list"),
    path("tokens/<uuid:id>", TokenDetailApi.as_view(), name="token_detail"),
]
