"""Employees: `/employees?unit=&q=&nip=` and `/employees/{id}` (never NIP or NIK in a path)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from tepat.api.selectors import api_employee_get, api_employee_list, sees_full_nik, unit_find
from tepat.api.serializers.people import (
    EmployeeDetailFullNikSerializer,
    EmployeeDetailSerializer,
    EmployeeQuerySerializer,
    EmployeeSerializer,
)
from tepat.api.views.common import query_params, scoped_object
from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.people.models import Employee
from tepat.people.selectors import EmployeeFilters


@extend_schema(parameters=[EmployeeQuerySerializer], summary="Daftar pegawai dalam cakupan pengguna")
class EmployeeListApi(generics.ListAPIView):
    serializer_class = EmployeeSerializer

    def get_queryset(self) -> QuerySet[Employee]:
        params = query_params(self.request, EmployeeQuerySerializer)
        unit = scoped_object(self.request, unit_find, params["unit"]) if "unit" in params else None
        filters = EmployeeFilters(q=params.get("q", ""), unit=unit)
        return api_employee_list(viewer=self.request.user, filters=filters, nip=params.get("nip", ""))


@extend_schema(
    summary="Satu pegawai (NIK tersamar kecuali untuk Admin Kepegawaian)",
    responses=EmployeeDetailSerializer,
)
class EmployeeDetailApi(generics.GenericAPIView):
    serializer_class = EmployeeDetailSerializer

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        employee = scoped_object(request, api_employee_get, kwargs["id"])
        full_nik = sees_full_nik(request.user)
        # Reading a profile is processing personal data (UU PDP Pasal 31): record it, as the web page does.
        audit_record(
            actor=request.user,
            action="view_profile",
            obj=employee,
            kind=AuditEntry.Kind.ACCESS,
            changes={"full_nik": full_nik, "via": "api"},
        )
        serializer_class = EmployeeDetailFullNikSerializer if full_nik else EmployeeDetailSerializer
        return Response(serializer_class(employee).data)
