"""One exception handler for the API: every error answers `{"message", "field", "errors": [...]}`.

Domain errors (tepat.engine.errors) and Django's ValidationError are mapped here and nowhere else.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tepat.engine.errors import (
    ApplicationError,
    ConcurrentUpdate,
    IllegalTransition,
    Infeasible,
    InvalidInput,
    NotEligible,
)

DOMAIN_STATUS: list[tuple[type[ApplicationError], int]] = [
    (ConcurrentUpdate, status.HTTP_409_CONFLICT),
    (IllegalTransition, status.HTTP_409_CONFLICT),
    (NotEligible, status.HTTP_422_UNPROCESSABLE_ENTITY),
    (Infeasible, status.HTTP_422_UNPROCESSABLE_ENTITY),
    (ApplicationError, status.HTTP_400_BAD_REQUEST),
]


def error_body(message: str, field: str | None = None, errors: list[dict[str, Any]] | None = None) -> dict:
    return {"message": message, "field": field, "errors": errors or []}


def error_response(code: int, message: str) -> JsonResponse:
    return JsonResponse(error_body(message), status=code)


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, Any]]:
    """DRF error detail (dict / list / str) as [{"field", "message"}], nested fields joined with dots."""
    if isinstance(detail, dict):
        return [
            item
            for key, value in detail.items()
            for item in _flatten(value, f"{prefix}.{key}" if prefix else str(key))
        ]
    if isinstance(detail, list):
        return [item for value in detail for item in _flatten(value, prefix)]
    field = None if prefix in ("", "non_field_errors", "detail") else prefix
    return [{"field": field, "message": str(detail)}]


def _domain(exc: ApplicationError) -> Response:
    code = next(status_code for kind, status_code in DOMAIN_STATUS if isinstance(exc, kind))
    errors: list[dict[str, Any]]
    if isinstance(exc, InvalidInput):
        errors = [{"field": p.path, "message": p.message} for p in exc.problems]
    else:
        errors = [{"field": exc.field, "message": exc.message}]
    return Response(error_body(exc.message, exc.field, errors), status=code)


def _django_validation(exc: DjangoValidationError) -> Response:
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    errors = _flatten(detail)
    first = errors[0] if errors else {"field": None, "message": "Data tidak valid."}
    return Response(error_body(str(first["message"]), first["field"], errors), status=400)


def _translate(exc: Exception) -> Exception:
    if isinstance(exc, (Http404, ObjectDoesNotExist)):
        return exceptions.NotFound("Data tidak ditemukan.")
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied("Peran Anda tidak berwenang untuk operasi ini.")
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ApplicationError):
        return _domain(exc)
    if isinstance(exc, DjangoValidationError):
        return _django_validation(exc)
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # an unexpected error: Django's generic 500 (turned into JSON by the API middleware)
    errors = _flatten(response.data)
    first = errors[0] if errors else {"field": None, "message": "Permintaan tidak dapat diproses."}
    if not isinstance(exc, exceptions.ValidationError):
        errors = []
    response.data = error_body(str(first["message"]), first["field"], errors)
    return response
