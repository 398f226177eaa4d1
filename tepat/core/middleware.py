"""Request id and client address for the audit trail, set once per request."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from tepat.core.audit import RequestContext, reset_request_context, set_request_context


def client_ip(request: HttpRequest) -> str | None:
    # Only REMOTE_ADDR: behind nginx the proxy overwrites it (deployment checklist); never trust raw XFF here.
    return request.META.get("REMOTE_ADDR") or None


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        token = set_request_context(RequestContext(request_id=request_id, ip_address=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            reset_request_context(token)
        response["X-Request-ID"] = request_id
        return response
