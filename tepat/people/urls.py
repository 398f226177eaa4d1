from django.urls import path

from tepat.people import views

app_name = "people"

urlpatterns = [
    path("", views.EmployeeListView.as_view(), name="employee_list"),
    path("saya/", views.MyProfileView.as_view(), name="my_profile"),
    path("<uuid:public_id>/", views.EmployeeDetailView.as_view(), name="employee_detail"),
]
