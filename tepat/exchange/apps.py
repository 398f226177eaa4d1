from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "tepat.exchange"
    label = "exchange"
