from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("tepat.core.urls")),
    path("akun/", include("tepat.accounts.urls")),
    path("organisasi/", include("tepat.organization.urls")),
    path("pegawai/", include("tepat.people.urls")),
    path("perencanaan/", include("tepat.planning.urls")),
    path("mutasi/", include("tepat.transfers.urls")),
    path("pengembangan/", include("tepat.development.urls")),
    path("evaluasi/", include("tepat.evaluation.urls")),
    path("pertukaran-data/", include("tepat.exchange.urls")),
    path("api/v1/", include("tepat.api.urls")),
    path("admin/", admin.site.urls),
]
