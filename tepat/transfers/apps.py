from django.apps import AppConfig


class TransfersConfig(AppConfig):
    name = "tepat.transfers"
    label = "transfers"
