from django.urls import path

from tepat.people import my_data_views, views

app_name = "people"

urlpatterns = [
    path("", views.EmployeeListView.as_view(), name="employee_list"),
    path("saya/", views.MyProfileView.as_view(), name="my_profile"),
    path("saya/unduh/", my_data_views.MyDataView.as_view(), name="my_data"),
    path("saya/unduh/data-saya.<str:fmt>", my_data_views.my_data_download, name="my_data_download"),
    path("<uuid:public_id>/", views.EmployeeDetailView.as_view(), name="employee_detail"),
]
