"""hr_admin's page to end a user's sessions or deactivate the user (R-10, T12)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from tepat.accounts.models import User
from tepat.accounts.sessions import session_counts, user_deactivate, user_sessions_end


class UserSessionListView(TemplateView):
    template_name = "accounts/sessions.html"
    paginate_by = 20

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        term = self.request.GET.get("q", "").strip()[:150]
        users = User.objects.order_by("username")
        if term:
            users = users.filter(
                Q(username__icontains=term) | Q(first_name__icontains=term) | Q(last_name__icontains=term)
            )
        page = Paginator(users, self.paginate_by).get_page(self.request.GET.get("page"))
        counts = session_counts(list(page.object_list))
        context.update(
            page_obj=page,
            rows=[(user, counts.get(user.pk, 0)) for user in page.object_list],
            q=term,
            query_string=f"q={term}" if term else "",
        )
        return context


def _back(request: HttpRequest) -> HttpResponse:
    term = request.POST.get("q", "")[:150]
    url = redirect("accounts:session_list").url
    return redirect(f"{url}?q={term}" if term else url)


@require_POST
def user_sessions_end_view(request: HttpRequest, public_id: str) -> HttpResponse:
    user = get_object_or_404(User, public_id=public_id)
    ended = user_sessions_end(actor=request.user, user=user, reason=request.POST.get("reason", "")[:500])
    messages.success(request, f"{ended} sesi milik {user.username} telah diakhiri.")
    return _back(request)


@require_POST
def user_deactivate_view(request: HttpRequest, public_id: str) -> HttpResponse:
    user = get_object_or_404(User, public_id=public_id)
    if user.pk == request.user.pk:
        messages.error(request, "Anda tidak dapat menonaktifkan akun Anda sendiri.")
        return _back(request)
    ended = user_deactivate(actor=request.user, user=user, reason=request.POST.get("reason", "")[:500])
    messages.success(request, f"Akun {user.username} dinonaktifkan; {ended} sesi diakhiri.")
    return _back(request)
