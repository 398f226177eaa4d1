from django.urls import URLPattern, URLResolver, path

from tepat.api.views.pages import TokenPageView, TokenRevokeView
from tepat.exchange.views.exports import EmployeeExportView, PositionExportView, WritebackExportView
from tepat.exchange.views.imports import (
    ExchangeHomeView,
    ImportBatchCommitView,
    ImportBatchDetailView,
    ImportBatchRollbackView,
    ImportUploadView,
    TemplateDownloadView,
)

app_name = "exchange"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", ExchangeHomeView.as_view(), name="home"),
    path("templat/<slug:kind>/", TemplateDownloadView.as_view(), name="template"),
    path("impor/", ImportUploadView.as_view(), name="upload"),
    path("impor/<uuid:public_id>/", ImportBatchDetailView.as_view(), name="batch_detail"),
    path("impor/<uuid:public_id>/simpan/", ImportBatchCommitView.as_view(), name="batch_commit"),
    path("impor/<uuid:public_id>/batalkan/", ImportBatchRollbackView.as_view(), name="batch_rollback"),
    path("ekspor/pegawai/", EmployeeExportView.as_view(), name="export_employees"),
    path("ekspor/jabatan/", PositionExportView.as_view(), name="export_positions"),
    path("ekspor/siasn-mutasi/", WritebackExportView.as_view(), name="export_writeback"),
    # API tokens for integrations (the views are the api app's; the page sits with the other exchange tools)
    path("token-api/", TokenPageView.as_view(), name="api_tokens"),
    path("token-api/<uuid:public_id>/cabut/", TokenRevokeView.as_view(), name="api_token_revoke"),
]
