from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "tepat.exchange"
    label = "exchange"
    verbose_name = "Pertukaran data"

    def ready(self) -> None:
        from tepat.exchange import checks  # noqa: F401  (registers the defusedxml system check)
