from django.urls import path

from tepat.planning.needs import import_views, views

urlpatterns = [
    path("", views.NeedsOverviewView.as_view(), name="needs_overview"),
    path("unit/<uuid:public_id>/", views.NeedsUnitView.as_view(), name="needs_unit"),
    path("proyeksi/", views.NeedsProjectionView.as_view(), name="needs_projection"),
    path("kesesuaian/", views.NeedsMismatchView.as_view(), name="needs_mismatch"),
    path("lowongan/", views.VacancyMapView.as_view(), name="vacancy_map"),
    path("ekspor/kebutuhan.xlsx", views.NeedsExportXlsxView.as_view(), name="needs_export_xlsx"),
    path("ekspor/kebutuhan.pdf", views.NeedsExportPdfView.as_view(), name="needs_export_pdf"),
    path("ekspor/lowongan.xlsx", views.VacancyExportXlsxView.as_view(), name="vacancy_export_xlsx"),
]

urlpatterns += [
    path("impor/", import_views.NeedsImportView.as_view(), name="needs_import"),
    path("impor/simpan/", import_views.NeedsImportCommitView.as_view(), name="needs_import_commit"),
    path("impor/templat.xlsx", import_views.NeedsImportTemplateView.as_view(), name="needs_import_template"),
]
