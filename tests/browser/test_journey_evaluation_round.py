"""Journey 6, the BKPP's side, in real Chromium: the evaluation page of last year's round shows the effect with
its interval and group sizes, the chart drawn from the static script (strict CSP), and the moves needing support;
the camat sees Banyumanik's movers only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tepat.evaluation.models import EvaluationRun
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server) -> str:
    call_command("seed_demo", verbosity=0)
    return live_server.url


def test_analyst_reads_last_years_round_and_the_camat_sees_own_movers(demo: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    run = EvaluationRun.objects.get()
    login(page, demo, "analis")
    page.goto(f"{demo}/evaluasi/")
    page.get_by_role("link", name=f"Mutasi {run.round_year}").click()
    headline = page.get_by_test_id("round-headline")
    expect(headline).to_contain_text("Pegawai yang dimutasi naik rata-rata")
    expect(headline).to_contain_text("IK 95 %")
    expect(headline).to_contain_text(f"{run.movers} dimutasi, {run.comparisons} pembanding")
    expect(page.get_by_test_id("needs-support").locator("li")).to_have_count(run.needs_support)
    expect(page.get_by_test_id("round-units")).to_contain_text("Kecamatan Banyumanik")
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector('[data-testid=round-chart]'))"
    )
    _shot(page, "analyst")
    assert errors == []

    page.context.clear_cookies()
    login(page, demo, "camat.banyumanik")
    page.goto(f"{demo}{run.get_absolute_url()}")
    expect(page.get_by_text("cakupan Anda").first).to_be_visible()
    expect(page.get_by_test_id("round-movers")).not_to_contain_text("Puskesmas")
    _shot(page, "camat")


def _shot(page: Page, name: str) -> None:
    folder = os.environ.get("TEPAT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"evaluation_{name}.png"), full_page=True)
