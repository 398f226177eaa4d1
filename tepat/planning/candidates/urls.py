"""Candidate ranking routes, included by `tepat.planning.urls` under "kandidat/" (namespace `planning`)."""

from django.urls import path

from tepat.planning.candidates import views

urlpatterns = [
    path("formasi/<uuid:public_id>/", views.CandidateRankingView.as_view(), name="candidate_ranking"),
    path("formasi/<uuid:public_id>/banding/", views.CandidateCompareView.as_view(), name="candidate_compare"),
    path("pegawai/<uuid:public_id>/", views.EmployeeFitView.as_view(), name="employee_fit"),
    path("profil/", views.RankingProfileListView.as_view(), name="ranking_profile_list"),
    path("profil/baru/", views.RankingProfileCreateView.as_view(), name="ranking_profile_create"),
]
