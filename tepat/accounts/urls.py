from django.contrib.auth import views as auth_views
from django.urls import path

from tepat.accounts.forms import LoginForm
from tepat.accounts.mfa_views import MfaSetupView, MfaVerifyView

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
]
