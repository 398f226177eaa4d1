from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "tepat.evaluation"
    label = "evaluation"
