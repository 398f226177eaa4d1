"""The signed-in user's API tokens as a web page: list, create (the secret shown once), revoke; an hr_admin also
sees and revokes everybody's tokens. Served under the data-exchange pages (`/pertukaran-data/token-api/`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from tepat.api.selectors import api_token_get, api_token_list
from tepat.api.services import api_token_create, api_token_revoke
from tepat.core.scoping import user_scope
from tepat.core.views_utils import scoped_or_404
from tepat.engine.errors import ApplicationError
from tepat.engine.roles import Role

TEMPLATE = "api/tokens.html"


class TokenForm(forms.Form):
    name = forms.CharField(label="Nama token", max_length=80, help_text="untuk apa, mis. integrasi SIASN")
    days = forms.IntegerField(label="Masa berlaku (hari)", min_value=1, max_value=365, initial=90)


def _context(request: HttpRequest, form: TokenForm, **extra: Any) -> dict[str, Any]:
    is_admin = user_scope(request.user).has(Role.HR_ADMIN)
    everyone = is_admin and request.GET.get("semua") == "1"
    tokens = api_token_list(viewer=request.user, everyone=everyone)
    return {"form": form, "tokens": tokens, "is_admin": is_admin, "everyone": everyone, **extra}


class TokenPageView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, TEMPLATE, _context(request, TokenForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = api_token_create(user=request.user, **form.cleaned_data)
            except ApplicationError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                response = render(
                    request, TEMPLATE, _context(request, TokenForm(), created=token, secret=secret)
                )
                response["Cache-Control"] = "no-store"  # the secret is on this page once, never cached
                return response
        return render(request, TEMPLATE, _context(request, form), status=400)


class TokenRevokeView(View):
    def post(self, request: HttpRequest, public_id: str) -> HttpResponse:
        token = scoped_or_404(request, api_token_get, public_id=public_id)
        api_token_revoke(actor=request.user, token=token)
        messages.success(
            request, f"Token “{token.name}” dicabut; aplikasi yang memakainya tidak bisa masuk lagi."
        )
        return redirect("exchange:api_tokens")
