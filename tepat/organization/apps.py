from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "tepat.organization"
    label = "organization"
