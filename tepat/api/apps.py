from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tepat.api"
    label = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        from tepat.api import schema  # noqa: F401  (registers the bearer scheme with drf-spectacular)
