"""Route of the employee's own preference page under /perencanaan/preferensi/ (namespace `planning`)."""

from django.urls import path

from tepat.planning.scenarios.preference_views import MyPreferencesView

urlpatterns = [path("", MyPreferencesView.as_view(), name="my_preferences")]
