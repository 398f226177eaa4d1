"""Idle timeout (R-10): Django only has an absolute lifetime (SESSION_COOKIE_AGE); this adds the idle one."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

LAST_SEEN_KEY = "tepat_last_seen"
TOUCH_EVERY_SECONDS = 60  # refresh the idle clock at most once a minute: a session write per request is waste


def start_idle_clock(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """Connected to `user_logged_in` (accounts.apps): the idle clock starts at login, so the first page after
    login needs no session write of its own."""
    request.session[LAST_SEEN_KEY] = int(time.time())


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.TEPAT_SESSION_IDLE_SECONDS:
                logout(request)
            elif now - last_seen >= TOUCH_EVERY_SECONDS or LAST_SEEN_KEY not in request.session:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)
