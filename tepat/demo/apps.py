from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and synthetic data (Banyumanik demo, city-scale generator). Accounts only with TEPAT_DEMO=1."""

    name = "tepat.demo"
    label = "demo"
