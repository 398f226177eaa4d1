from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tepat.people"
    label = "people"
