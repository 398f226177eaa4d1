"""Every response carries the CSP; no template holds inline script or inline event handlers (T13, R-24)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_responses_carry_a_strict_content_security_policy(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize(
    "template", sorted(ROOT.rglob("templates/**/*.html")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_templates_have_no_inline_script_the_policy_would_block(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    if "pdf" in template.parts or template.parent.name == "pdf":
        return  # PDF templates are rendered by WeasyPrint, never by a browser
    assert not INLINE_SCRIPT.search(text), "move the script into a static .js file"
    assert not INLINE_HANDLER.search(text), "use a static script instead of an inline on…= handler"
