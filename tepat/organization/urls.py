from django.urls import path

from tepat.organization import views

app_name = "organization"

urlpatterns = [
    path("unit/", views.UnitTreeView.as_view(), name="unit_tree"),
    path("unit/<uuid:public_id>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("jabatan/", views.PositionListView.as_view(), name="position_list"),
    path("jabatan/<uuid:public_id>/", views.PositionDetailView.as_view(), name="position_detail"),
]
