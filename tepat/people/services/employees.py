"""Create and update employees: identity checks (NIP/NIK), then full_clean, then save, then audit."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from tepat.core.audit import audit_record, diff
from tepat.engine.errors import ConcurrentUpdate
from tepat.engine.identity import IdentityProblem, check_nik, check_nip
from tepat.people.models import Employee

IDENTITY_FIELDS = frozenset({"nip", "nik", "birth_date", "gender", "tmt_cpns"})
UPDATABLE_FIELDS = frozenset(
    {
        "nik",
        "name",
        "front_title",
        "back_title",
        "gender",
        "birth_place",
        "birth_date",
        "status",
        "tmt_cpns",
        "contract_end",
        "education_level",
        "education_field",
        "is_active",
    }
)


def identity_problems(
    *, nip: str, nik: str, birth_date: date | None, gender: str | None, tmt_cpns: date | None
) -> list[IdentityProblem]:
    problems = check_nip(nip, birth_date=birth_date, gender=gender, tmt_cpns=tmt_cpns)
    if nik:
        problems += check_nik(nik, birth_date=birth_date, gender=gender)
    return problems


def _raise_identity_problems(problems: list[IdentityProblem], exception_reason: str) -> None:
    """Hard problems always block; known national-data mismatches pass only with a recorded reason."""
    blocking = [p for p in problems if not (p.acceptable_with_reason and exception_reason.strip())]
    if not blocking:
        return
    errors: dict[str, list[str]] = {}
    for problem in blocking:
        hint = " Admin dapat menerimanya dengan mengisi alasan." if problem.acceptable_with_reason else ""
        errors.setdefault(problem.field, []).append(problem.message + hint)
    raise ValidationError(errors)


@transaction.atomic
def employee_create(
    *,
    actor: Any,
    nip: str,
    name: str,
    gender: str,
    birth_date: date,
    status: str,
    nik: str = "",
    tmt_cpns: date | None = None,
    identity_exception: str = "",
    **fields: Any,
) -> Employee:
    unknown = set(fields) - UPDATABLE_FIELDS
    if unknown:
        raise ValidationError({"__all__": f"Kolom tidak dikenal: {', '.join(sorted(unknown))}."})
    problems = identity_problems(nip=nip, nik=nik, birth_date=birth_date, gender=gender, tmt_cpns=tmt_cpns)
    _raise_identity_problems(problems, identity_exception)
    employee = Employee(
        nip=nip,
        nik=nik,
        name=name,
        gender=gender,
        birth_date=birth_date,
        status=status,
        tmt_cpns=tmt_cpns,
        identity_exception=identity_exception if problems else "",
        **fields,
    )
    employee.full_clean()
    employee.save()
    audit_record(
        actor=actor,
        action="employee_create",
        obj=employee,
        changes={"nip": nip, "name": name, "nik": nik},
        reason=employee.identity_exception,
    )
    return employee


@transaction.atomic
def employee_update(
    *,
    actor: Any,
    employee: Employee,
    data: dict[str, Any],
    version: int | None = None,
    identity_exception: str = "",
) -> Employee:
    """Update the given fields; `version` (from the edit form) turns a stale save into ConcurrentUpdate."""
    unknown = set(data) - UPDATABLE_FIELDS
    if unknown:
        raise ValidationError(
            {"__all__": f"Kolom ini tidak boleh diubah di sini: {', '.join(sorted(unknown))}."}
        )
    locked = Employee.objects.select_for_update().get(pk=employee.pk)
    if version is not None and locked.version != version:
        raise ConcurrentUpdate("Data pegawai ini sudah diubah orang lain. Muat ulang halaman lalu ulangi.")
    changes = diff(locked, data)
    if not changes:
        return locked
    for name, value in data.items():
        setattr(locked, name, value)
    if IDENTITY_FIELDS & set(changes):
        problems = identity_problems(
            nip=locked.nip,
            nik=locked.nik,
            birth_date=locked.birth_date,
            gender=locked.gender,
            tmt_cpns=locked.tmt_cpns,
        )
        _raise_identity_problems(problems, identity_exception)
        locked.identity_exception = identity_exception if problems else ""
    locked.version += 1
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor, action="employee_update", obj=locked, changes=changes, reason=identity_exception
    )
    return locked
