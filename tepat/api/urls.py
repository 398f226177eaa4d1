"""REST API v1 (DESIGN.md "Fixed interfaces"). Every route here has an entry in `tepat/api/policy.py`.

Ids in paths are opaque UUIDs (`public_id`); later issues add their sections (candidates, scenarios, proposals).
"""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from tepat.api.views.organization import PositionDetailApi, PositionListApi, UnitDetailApi, UnitListApi
from tepat.api.views.people import EmployeeDetailApi, EmployeeListApi
from tepat.api.views.tokens import TokenDetailApi, TokenListApi

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
    # tokens
    path("tokens", TokenListApi.as_view(), name="token_list"),
    path("tokens/<uuid:id>", TokenDetailApi.as_view(), name="token_detail"),
]
