"""Shared view helpers: scoped look-ups that answer 404 (never 403) outside the viewer's scope (D-1)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest

from tepat.core.audit import security_event

T = TypeVar("T")


def scoped_or_404(request: HttpRequest, getter: Callable[..., T], **kwargs: Any) -> T:
    try:
        return getter(viewer=request.user, **kwargs)
    except ObjectDoesNotExist:
        security_event(
            actor=request.user,
            action="scope_404",
            detail={"path": request.path, "route": getattr(request.resolver_match, "view_name", "")},
        )
        raise Http404("Data tidak ditemukan.") from None
