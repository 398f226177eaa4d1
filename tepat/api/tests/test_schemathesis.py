"""T31 (SECURITY.md): Schemathesis over the OpenAPI schema, every generated request sent once per role token.

For each operation Schemathesis generates valid and invalid requests (Hypothesis, bounded examples); each is sent
in-process to the WSGI app with the bearer token of each of the seven roles. Checks: no 5xx; a documented response
conforms to the schema; no 2xx on an operation outside the role's ACCESS_POLICY matrix. Half of the generated ids
are swapped (deterministically) for ids of real objects, so detail pages and transitions answer 200/409 too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.urls import resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from tepat.api.services import api_token_create
from tepat.core.policy import allowed_roles
from tepat.engine.roles import Role
from tepat.transfers.tests.conftest import World

pytestmark = pytest.mark.django_db
EXAMPLES = 10  # per operation (x 7 roles): the whole run stays around a minute on a busy machine


def _api_schema() -> Any:
    loaded = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
    loaded.app = WSGIHandler()
    return loaded


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Iterator[None]:
    """As Django's test client does: the WSGI handler would otherwise close the test's DB connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _known_ids(world: World) -> dict[str, str]:
    move = world.propose(world.gov.staff_dinas).moves.get()
    return {
        "/api/v1/moves/{id}": str(move.public_id),
        "/api/v1/moves/{id}/transitions": str(move.public_id),
        "/api/v1/proposals/{id}": str(move.proposal.public_id),
        "/api/v1/employees/{id}": str(world.gov.staff_kelurahan.public_id),
        "/api/v1/units/{id}": str(world.gov.kecamatan.public_id),
        "/api/v1/positions/{id}": str(world.gov.kasi.public_id),
        "/api/v1/seats/{id}/candidates": str(world.seats[0].public_id),
    }


@pytest.fixture
def callers(world: World) -> tuple[dict[str, str], dict[str, str]]:
    """A bearer token per role, and the ids of real objects per path."""
    cast = world.cast
    users = {
        Role.HR_ADMIN: cast.admin,
        Role.ANALYST: cast.analyst,
        Role.UNIT_HEAD: cast.camat,
        Role.BOARD_MEMBER: cast.members[0],
        Role.APPROVER: cast.ppk,
        Role.EMPLOYEE: cast.employee_user,
        Role.AUDITOR: cast.auditor,
    }
    tokens = {str(role): api_token_create(user=user, name="t31", days=1)[1] for role, user in users.items()}
    return tokens, _known_ids(world)


def _use_known_id(case: Any, known: dict[str, str]) -> None:
    generated = str((case.path_parameters or {}).get("id", ""))
    if case.path in known and generated[:1] in set("01234567"):
        case.path_parameters["id"] = known[case.path]


def _check_matrix(case: Any, role: str, status: int) -> None:
    if not 200 <= status < 300:
        return
    path = case.formatted_path
    allowed = allowed_roles(resolve(path).view_name, case.method.upper()) or frozenset()
    assert role in allowed, f"{role} got {status} on {case.method} {path} outside its matrix"


api = _api_schema()  # built at collection (the lazy fixture loader does not run on pytest 9)


@api.parametrize()
@settings(
    max_examples=EXAMPLES,
    phases=[
        Phase.generate
    ],  # no explicit "coverage" examples: they triple the time; generation covers both modes
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
def test_every_operation_for_every_role(case: Any, callers: tuple[dict[str, str], dict[str, str]]) -> None:
    tokens, known = callers
    _use_known_id(case, known)
    if case.path == "/api/v1/tokens/{id}" and case.method.upper() == "DELETE":
        case.path_parameters["id"] = "00000000-0000-4000-8000-000000000000"  # keep the callers' own tokens
    for role, token in tokens.items():
        response = case.call(headers={"Authorization": f"Bearer {token}"})
        case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
        _check_matrix(case, role, response.status_code)
