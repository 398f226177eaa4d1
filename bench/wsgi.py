"""WSGI entry for the gunicorn benchmark: bench settings and the trivial route in the access policy."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
application = get_wsgi_application()

from bench.trivial import register  # noqa: E402 - needs the app registry that get_wsgi_application sets up

register()
