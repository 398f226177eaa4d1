"""Routes of the transfers app (mounted at /mutasi/). Every name is listed in `policy.py`.

Contract for other apps: `transfers:proposal_create` with GET parameters
`seat=<Seat.public_id>&employee=<Employee.public_id>` opens the "new proposal" form for that pair.
"""

from django.urls import URLPattern, URLResolver, path

from tepat.transfers.views import (
    authority,
    board,
    decree,
    decree_admin,
    objections,
    own_request,
    proposals,
    resistance,
    surveys,
)

app_name = "transfers"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", proposals.ProposalListView.as_view(), name="proposal_list"),
    path("usulan/baru/", proposals.proposal_create_view, name="proposal_create"),
    path("usulan/<uuid:public_id>/", proposals.ProposalDetailView.as_view(), name="proposal_detail"),
    path("usulan/<uuid:public_id>/proses/", proposals.proposal_batch_view, name="proposal_batch"),
    path("pindah/<uuid:public_id>/", proposals.MoveDetailView.as_view(), name="move_detail"),
    path("pindah/<uuid:public_id>/tindakan/", proposals.move_act_view, name="move_act"),
    path("pindah/<uuid:public_id>/dokumen/", proposals.document_upload_view, name="document_upload"),
    path("pindah/<uuid:public_id>/penutup/", proposals.closing_done_view, name="closing_done"),
    path("pindah/<uuid:public_id>/petikan/", decree.petikan_download_view, name="petikan_download"),
    path("pindah/<uuid:public_id>/pengecualian/", authority.override_record_view, name="override_record"),
    path("permohonan/", own_request.own_request_view, name="own_request"),
    path("pelimpahan/", authority.delegation_list_view, name="delegation_list"),
    path("plt/", authority.acting_list_view, name="acting_list"),
    path("dokumen/<uuid:public_id>/", proposals.document_download_view, name="document_download"),
    path("sidang/", board.board_list_view, name="board_list"),
    path("sidang/<uuid:public_id>/", board.BoardDetailView.as_view(), name="board_detail"),
    path("sidang/<uuid:public_id>/tindakan/", board.board_act_view, name="board_act"),
    path("sidang/<uuid:public_id>/berita-acara/", board.board_minutes_view, name="board_minutes"),
    path("keputusan/", board.DecisionListView.as_view(), name="decision_list"),
    path("sk/", decree.decree_list_view, name="decree_list"),
    path("sk/isian/", decree_admin.decree_settings_view, name="decree_settings"),
    path("sk/<uuid:public_id>/", decree.DecreeDetailView.as_view(), name="decree_detail"),
    path("sk/<uuid:public_id>/perbaikan/", decree_admin.decree_correct_view, name="decree_correct"),
    path("sk/<uuid:public_id>/unduh/", decree.decree_download_view, name="decree_download"),
    path("verifikasi-sk/", decree.sk_verify_view, name="sk_verify"),
    path("pemberitahuan/", decree.MyNoticesView.as_view(), name="my_notices"),
    path("pemberitahuan/<uuid:public_id>/dibaca/", decree.notice_read_view, name="notice_read"),
    path(
        "pemberitahuan/<uuid:public_id>/keberatan/", objections.objection_create_view, name="objection_create"
    ),
    path("keberatan/", objections.objection_list_view, name="objection_list"),
    path("keberatan/<uuid:public_id>/", objections.objection_detail_view, name="objection_detail"),
    path("keberatan/<uuid:public_id>/jawab/", objections.objection_answer_view, name="objection_answer"),
    path("perbaikan-data/", objections.correction_list_view, name="correction_list"),
    path("perbaikan-data/baru/", objections.correction_create_view, name="correction_create"),
    path("perbaikan-data/<uuid:public_id>/", objections.correction_detail_view, name="correction_detail"),
    path("survei/", surveys.survey_list_view, name="survey_list"),
    path("survei/hasil/", surveys.survey_results_view, name="survey_results"),
    path("survei/<uuid:public_id>/", surveys.survey_answer_view, name="survey_answer"),
    path("peta-resistensi/", resistance.resistance_view, name="resistance"),
]
