"""Factories for units, positions and seats that keep the materialised path consistent."""

from __future__ import annotations

from typing import Any

import factory

from tepat.organization.models import Competency, EducationField, Position, Seat, Unit, UnitKind


class UnitFactory(factory.django.DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:05d}")
    name = factory.Sequence(lambda n: f"Unit {n}")
    kind = UnitKind.BIDANG
    parent = None

    @classmethod
    def _create(cls, model_class: type[Unit], *args: Any, **kwargs: Any) -> Unit:
        parent = kwargs.get("parent")
        siblings = model_class.objects.filter(parent=parent).count()
        kwargs["path"] = f"{parent.path if parent else ''}{siblings + 1:04d}."
        kwargs["depth"] = parent.depth + 1 if parent else 0
        return super()._create(model_class, *args, **kwargs)


class EducationFieldFactory(factory.django.DjangoModelFactory[EducationField]):
    class Meta:
        model = EducationField
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"EF{n:03d}")
    name = factory.Sequence(lambda n: f"Jurusan {n}")
    rumpun = "Sosial"


class CompetencyFactory(factory.django.DjangoModelFactory[Competency]):
    class Meta:
        model = Competency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:02d}")
    name = factory.Sequence(lambda n: f"Kompetensi {n}")
    group = Competency.Group.TEKNIS


class PositionFactory(factory.django.DjangoModelFactory[Position]):
    class Meta:
        model = Position

    code = factory.Sequence(lambda n: f"J{n:05d}")
    name = factory.Sequence(lambda n: f"Jabatan {n}")
    unit = factory.SubFactory(UnitFactory)
    kind = "pelaksana"


class SeatFactory(factory.django.DjangoModelFactory[Seat]):
    class Meta:
        model = Seat

    position = factory.SubFactory(PositionFactory)
    number = factory.Sequence(lambda n: n + 1)
