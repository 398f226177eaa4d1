from django.urls import URLPattern, URLResolver

app_name = "development"

urlpatterns: list[URLPattern | URLResolver] = []
