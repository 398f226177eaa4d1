"""The reference view: the full middleware stack (session, login, access policy) and a tiny response."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import HttpRequest, HttpResponse

from tepat.core.policy import ACCESS_POLICY
from tepat.core.policy_types import EVERY_ROLE

ROUTE = "bench_trivial"


def trivial(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def register() -> None:
    """Let every signed-in role open the trivial view (bench processes only; the product has no such route)."""
    ACCESS_POLICY[ROUTE] = EVERY_ROLE


@contextmanager
def registered() -> Iterator[None]:
    """The same for a block, undone afterwards (the smoke test shares its process with the policy tests)."""
    had = ROUTE in ACCESS_POLICY
    register()
    try:
        yield
    finally:
        if not had:
            ACCESS_POLICY.pop(ROUTE, None)
