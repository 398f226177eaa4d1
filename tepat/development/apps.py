from django.apps import AppConfig


class DevelopmentConfig(AppConfig):
    name = "tepat.development"
    label = "development"
