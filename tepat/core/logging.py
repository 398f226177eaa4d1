"""Error reports never show passwords, session keys or NIK (R-22)."""

import re

from django.views.debug import SafeExceptionReporterFilter


class MaskingExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|NIK|DATABASE_URL", flags=re.IGNORECASE
    )
