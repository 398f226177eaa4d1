from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tepat.core"
    label = "core"
