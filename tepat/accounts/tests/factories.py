from __future__ import annotations

import datetime as dt

import factory

from tepat.accounts.models import RoleGrant, User


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("Rahasia-Uji-123")


class RoleGrantFactory(factory.django.DjangoModelFactory[RoleGrant]):
    class Meta:
        model = RoleGrant

    user = factory.SubFactory(UserFactory)
    role = "analyst"
    unit = None
    valid_from = dt.date(2020, 1, 1)
    valid_to = None
