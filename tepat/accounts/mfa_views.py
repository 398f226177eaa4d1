"""TOTP enrolment and verification pages."""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tepat.core.audit import security_event


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Kode 6 digit dari aplikasi autentikator",
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/"
    return target if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) else "/"


def _verify(request: HttpRequest, device: TOTPDevice, form: TokenForm) -> bool:
    allowed, _ = device.verify_is_allowed()
    if not allowed:  # django-otp throttles after a wrong code: 1 s, 2 s, 4 s …
        form.add_error(None, "Terlalu banyak kode salah. Tunggu beberapa detik, lalu masukkan kode terbaru.")
        return False
    if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
        otp_login(request, device)
        security_event(actor=request.user, action="mfa_verified", detail={"device": device.pk})
        return True
    security_event(actor=request.user, action="mfa_failed")
    form.add_error("token", "Kode tidak cocok atau sudah kedaluwarsa. Coba kode berikutnya.")
    return False


class MfaSetupView(View):
    template_name = "accounts/mfa_setup.html"

    def _device(self, request: HttpRequest) -> TOTPDevice:
        device, _ = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "Aplikasi autentikator"}
        )
        return device

    def _render(self, request: HttpRequest, form: TokenForm, device: TOTPDevice) -> HttpResponse:
        qr = segno.make(device.config_url, micro=False).svg_inline(scale=4)
        context: dict[str, Any] = {
            "form": form,
            "qr_svg": qr,
            "secret": device.bin_key.hex(),
            "next": _next_url(request),
        }
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
            return redirect("accounts:mfa_verify")
        return self._render(request, TokenForm(), self._device(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        device, form = self._device(request), TokenForm(request.POST)
        if not _verify(request, device, form):
            return self._render(request, form, device)
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        security_event(actor=request.user, action="mfa_enrolled", detail={"device": device.pk})
        return redirect(_next_url(request))


class MfaVerifyView(View):
    template_name = "accounts/mfa_verify.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": TokenForm(), "next": _next_url(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
        if device is None:
            return redirect("accounts:mfa_setup")
        if _verify(request, device, form):
            return redirect(_next_url(request))
        return render(request, self.template_name, {"form": form, "next": _next_url(request)})
