"""JOURNEYS.md §3 in real Chromium: the analyst creates and runs a scenario, reads the plan, locks a pair,
reruns and compares the two versions."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server, settings) -> str:
    settings.TEPAT_DEMO = True
    call_command("seed_demo", verbosity=0)
    return live_server.url


def test_analyst_plans_locks_reruns_and_compares(demo: str, page: Page) -> None:
    login(page, demo, "analis")
    page.goto(f"{demo}/perencanaan/skenario/")
    expect(
        page.get_by_test_id("scenario-table").get_by_role("link", name="Skenario Mutasi 2027-I")
    ).to_be_visible()

    page.get_by_role("link", name="Skenario baru").click()
    page.get_by_label("Nama skenario").fill("Rotasi Uji Browser")
    page.get_by_label("Unit cakupan").select_option(label="Kecamatan Banyumanik")
    page.get_by_label("Jumlah mutasi maksimal").fill("10")
    page.get_by_label("Maksimal pegawai keluar per unit").fill("2")
    page.get_by_role("button", name="Simpan skenario").click()
    expect(page.get_by_role("heading", name="Rotasi Uji Browser")).to_be_visible()

    page.get_by_role("button", name="Jalankan").click()  # immediate task backend: done when the page loads
    expect(page.get_by_role("heading", name="Rotasi Uji Browser versi 1")).to_be_visible()
    expect(page.get_by_text("Terbukti optimal")).to_be_visible()
    moves = page.get_by_test_id("move-table")
    first_sentence = moves.locator("tbody tr").first.locator("td").nth(6)
    expect(first_sentence).to_contain_text("dipindahkan ke")
    expect(page.get_by_test_id("figures-table")).to_contain_text("Total kecocokan pool")
    expect(page.get_by_test_id("fairness")).to_contain_text("Jenis kelamin")

    first_name = moves.locator("tbody tr").first.locator("td").nth(2).locator("div").first.inner_text()
    moves.get_by_role("button", name=f"Kunci {first_name}").click()
    expect(page.get_by_text(f"Dikunci: {first_name}")).to_be_visible()
    expect(page.get_by_test_id("pair-table")).to_contain_text(first_name)

    page.get_by_role("button", name="Hitung ulang").click()
    expect(page.get_by_role("heading", name="Rotasi Uji Browser versi 2")).to_be_visible()
    page.get_by_role("button", name="Bandingkan").click()
    expect(page.get_by_role("heading", name="Versi 1 dan versi 2")).to_be_visible()
    expect(page.get_by_test_id("compare-settings")).to_contain_text("Pasangan dikunci/dilarang")
    expect(page.get_by_test_id("compare-figures")).to_contain_text("Total kecocokan")
