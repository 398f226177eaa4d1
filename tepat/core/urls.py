from django.urls import path

from tepat.core import audit_views, views

app_name = "core"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("kelengkapan-data/", views.CompletenessView.as_view(), name="completeness"),
    path("health/", views.health, name="health"),
    path("jejak-audit/", audit_views.AuditTrailView.as_view(), name="audit_trail"),
    path("jejak-audit/kasus/<uuid:public_id>/", audit_views.AuditCaseView.as_view(), name="audit_case"),
    path("jejak-audit/pelingkupan-insiden/", audit_views.BreachReportView.as_view(), name="audit_breach"),
    path(
        "jejak-audit/pelingkupan-insiden/unduh.<str:fmt>",
        audit_views.breach_report_download,
        name="audit_breach_download",
    ),
]
