from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "tepat.planning"
    label = "planning"
