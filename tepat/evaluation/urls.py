from django.urls import URLPattern, URLResolver, path

from tepat.evaluation.views import reviews, rounds, talent

app_name = "evaluation"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", rounds.overview, name="overview"),
    path("putaran/hitung/", rounds.round_create, name="round_create"),
    path("putaran/<uuid:public_id>/", rounds.round_detail, name="round_detail"),
    path("putaran/<uuid:public_id>/unduh/", rounds.round_export, name="round_export"),
    path("tinjauan/", reviews.review_list, name="review_list"),
    path("tinjauan/<uuid:public_id>/", reviews.review_detail, name="review_detail"),
    path("peta-talenta/", talent.talent_map_view, name="talent_map"),
    path("peta-talenta/pegawai/", talent.talent_list_view, name="talent_list"),
    path("peta-talenta/unduh/", talent.talent_export, name="talent_export"),
]
