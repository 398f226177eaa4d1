from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tepat.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from tepat.accounts.middleware import start_idle_clock

        user_logged_in.connect(start_idle_clock, dispatch_uid="tepat_start_idle_clock")
