"""Journey 2 in real Chromium: the camat opens the Ngesrep Kasi Pemerintahan vacancy and reads its candidates."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tepat.demo.journeys import KASI_PEM_NGESREP
from tepat.organization.models import Position
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server) -> str:
    call_command("seed_demo", verbosity=0)
    return live_server.url


def test_camat_reads_the_candidates_for_the_ngesrep_vacancy(demo: str, page: Page) -> None:
    login(page, demo, "camat.banyumanik")
    position = Position.objects.get(code=KASI_PEM_NGESREP)
    page.goto(f"{demo}{position.get_absolute_url()}")
    page.get_by_role("link", name="Kandidat").first.click()
    expect(page.get_by_role("heading", name=f"Kandidat {position.name}")).to_be_visible()

    table = page.get_by_test_id("candidate-table")
    rina = table.get_by_test_id("candidate-row").filter(has_text="Rina Kusumawati")
    expect(table.get_by_test_id("candidate-row").first).to_contain_text("Rina Kusumawati")
    expect(rina).to_contain_text("92 %")
    expect(rina).to_contain_text("Optimal")
    expect(rina).to_contain_text("Ilmu Pemerintahan sesuai")
    expect(rina).to_contain_text("pengalaman di bidang pemerintahan")
    expect(rina).to_contain_text("SKP Baik")
    _shot(page, "eligible")

    page.get_by_role("link", name="Tidak memenuhi syarat").click()
    dimas = page.get_by_test_id("candidate-row").filter(has_text="Dimas Arya Nugraha")
    expect(dimas).to_contain_text("14 bulan")
    expect(dimas).to_contain_text("PP 11/2017 Pasal 190 ayat (3)")
    _shot(page, "ineligible")

    page.get_by_role("link", name=re.compile(r"^Memenuhi syarat")).click()
    boxes = page.get_by_test_id("candidate-table").get_by_role("checkbox")
    for i in range(3):
        boxes.nth(i).check()
    page.get_by_test_id("compare-button").click()
    expect(page.get_by_role("heading", name="Bandingkan kandidat")).to_be_visible()
    expect(page.get_by_test_id("radar-chart")).to_have_attribute("data-rendered", "true")
    expect(page.get_by_test_id("compare-table")).to_contain_text("Rina Kusumawati")
    _shot(page, "compare")


def _shot(page: Page, name: str) -> None:
    """Screenshots for a human look when TEPAT_SCREENSHOTS names a directory."""
    folder = os.environ.get("TEPAT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"candidate_{name}.png"), full_page=True)
