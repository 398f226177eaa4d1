"""Developer / demo settings: DEBUG on, SQLite by default, demo accounts allowed."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-used-in-production-tepat")
TEPAT_DEMO = env.bool("TEPAT_DEMO", default=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEPAT_MFA_REQUIRED = env.bool("TEPAT_MFA_REQUIRED", default=False)
