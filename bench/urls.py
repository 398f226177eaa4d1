"""Bench-only URLconf: the project's URLs plus `bench/trivial/` (never routed in the product)."""

from django.urls import URLPattern, URLResolver, include, path

from bench.trivial import ROUTE, trivial

urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/trivial/", trivial, name=ROUTE),
    path("", include("config.urls")),
]
