from django.urls import URLPattern, URLResolver, include, path

app_name = "planning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("kebutuhan/", include("tepat.planning.needs.urls")),  # needs analysis (ANJAB/ABK), vacancy map
    path("kandidat/", include("tepat.planning.candidates.urls")),  # candidate ranking, ranking profiles
    path("skenario/", include("tepat.planning.scenarios.urls")),  # placement scenarios (Skenario Mutasi)
    path("preferensi/", include("tepat.planning.scenarios.preference_urls")),  # employee's own preferences
]
