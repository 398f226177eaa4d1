from django.contrib.auth import views as auth_views
from django.urls import path

from tepat.accounts.forms import LoginForm
from tepat.accounts.mfa_views import MfaSetupView, MfaVerifyView
from tepat.accounts.sessions_views import UserSessionListView, user_deactivate_view, user_sessions_end_view

app_name = "accounts"

urlpatterns = [
    path(
        "masuk/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("verifikasi-dua-langkah/daftar/", MfaSetupView.as_view(), name="mfa_setup"),
    path("verifikasi-dua-langkah/", MfaVerifyView.as_view(), name="mfa_verify"),
    path("sesi/", UserSessionListView.as_view(), name="session_list"),
    path("sesi/<uuid:public_id>/akhiri/", user_sessions_end_view, name="session_end"),
    path("sesi/<uuid:public_id>/nonaktifkan/", user_deactivate_view, name="user_deactivate"),
]
