"""Small helpers shared by the API views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from rest_framework import serializers
from rest_framework.request import Request

from tepat.core.views_utils import scoped_or_404

T = TypeVar("T")


def query_params(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    """Validated query parameters (400 with the field named when one is malformed)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def scoped_object(request: Request, getter: Callable[..., T], public_id: Any) -> T:
    """The object with this opaque id, or 404 (with a security event) outside the caller's scope (D-1)."""
    return scoped_or_404(request._request, getter, public_id=str(public_id))
