from django.urls import URLPattern, URLResolver, path

from tepat.development.views import items, plans

app_name = "development"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", plans.plan_list_view, name="plan_list"),
    path("ekspor/", plans.plan_export_view, name="plan_export"),
    path("baru/", plans.plan_create_view, name="plan_create"),
    path("saya/", plans.my_plan_view, name="my_plan"),
    path("katalog/", plans.course_list_view, name="course_list"),
    path("<uuid:public_id>/", plans.plan_detail_view, name="plan_detail"),
    path("<uuid:public_id>/kegiatan/", items.item_add_view, name="item_add"),
    path("<uuid:public_id>/asesmen-ulang/", items.plan_reassess_view, name="plan_reassess"),
    path("kegiatan/<uuid:public_id>/ubah/", items.item_edit_view, name="item_edit"),
    path("kegiatan/<uuid:public_id>/daftar/", items.item_enrol_view, name="item_enrol"),
    path("kegiatan/<uuid:public_id>/selesai/", items.item_complete_view, name="item_complete"),
]
