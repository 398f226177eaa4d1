from django.urls import URLPattern, URLResolver, include, path

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("kandidat/", include("tepat.planning.candidates.urls")),  # candidate ranking, ranking profiles
]
