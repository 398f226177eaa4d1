"""Settings for the benchmark process and its gunicorn workers: the test settings (DEBUG off, plain static
storage, no collectstatic needed) with a bench-only URLconf that adds the trivial reference view.

The database comes from DATABASE_URL, as everywhere (`make bench` points it at a throw-away PostgreSQL).
"""

from config.settings.test import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
DEBUG = False
AXES_ENABLED = (
    False  # the load generator logs in by session cookie; lockout bookkeeping is not what we measure
)

import warnings  # noqa: E402

# WhiteNoise warns once per process that STATIC_ROOT does not exist (no collectstatic for benchmarks).
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
