"""Employees with valid NIP/NIK derived from their own birth date, TMT CPNS and gender."""

from __future__ import annotations

import datetime as dt

import factory

from tepat.engine.identity import make_nik, make_nip
from tepat.people.models import Employee


class EmployeeFactory(factory.django.DjangoModelFactory[Employee]):
    class Meta:
        model = Employee

    name = factory.Sequence(lambda n: f"Pegawai {n:04d}")
    gender = "L"
    birth_date = dt.date(1985, 3, 12)
    tmt_cpns = dt.date(2010, 1, 1)
    status = "PNS"
    rank = 31
    nip = factory.LazyAttributeSequence(lambda o, n: make_nip(o.birth_date, o.tmt_cpns, o.gender, n % 1000))
    nik = factory.LazyAttributeSequence(lambda o, n: make_nik("337401", o.birth_date, o.gender, n % 10000))
    unit = None
    seat = None
    position_since = None
