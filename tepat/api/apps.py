from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tepat.api"
    label = "api"
