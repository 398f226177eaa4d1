from django.urls import path

from tepat.core import views

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("kelengkapan-data/", views.CompletenessView.as_view(), name="completeness"),
    path("health/", views.health, name="health"),
]
