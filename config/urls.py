from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tepat.core.urls")),
    path("akun/", include("tepat.accounts.urls")),
    path("organisasi/", include("tepat.organization.urls")),
    path("pegawai/", include("tepat.people.urls")),
    path("admin/", admin.site.urls),
]
