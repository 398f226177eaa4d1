"""Typing helpers shared by selectors: the request user is a User or an AnonymousUser."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tepat.accounts.models import User

Viewer: TypeAlias = "User | AnonymousUser"
