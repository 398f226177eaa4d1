"""Routes under /perencanaan/skenario/ (namespace `planning`)."""

from django.urls import path

from tepat.planning.scenarios import views

urlpatterns = [
    path("", views.ScenarioListView.as_view(), name="scenario_list"),
    path("baru/", views.ScenarioFormView.as_view(), name="scenario_create"),
    path("<uuid:public_id>/", views.ScenarioDetailView.as_view(), name="scenario_detail"),
    path("<uuid:public_id>/ubah/", views.ScenarioFormView.as_view(), name="scenario_edit"),
    path("<uuid:public_id>/jalankan/", views.ScenarioRunStartView.as_view(), name="scenario_run_start"),
    path("<uuid:public_id>/pasangan/", views.ScenarioPairView.as_view(), name="scenario_pair"),
    path("<uuid:public_id>/bandingkan/", views.ScenarioCompareView.as_view(), name="scenario_compare"),
    path("versi/<uuid:public_id>/", views.ScenarioRunView.as_view(), name="scenario_run"),
    path(
        "versi/<uuid:public_id>/kemajuan/",
        views.ScenarioRunProgressView.as_view(),
        name="scenario_run_progress",
    ),
    path("versi/<uuid:public_id>/usulkan/", views.ScenarioRunSendView.as_view(), name="scenario_run_send"),
    path("versi/<uuid:public_id>/excel/", views.ScenarioRunExportView.as_view(), name="scenario_run_export"),
]
