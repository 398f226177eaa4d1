"""Development in real Chromium (JOURNEYS.md §5, §6): the lurah follows the newcomer's plan and JP towards 20;
pegawai.demo opens "Rencana Pengembangan Saya", sees the items and JP progress, and records an enrolment."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> str:
    call_command("seed_demo", verbosity=0)
    return str(live_server.url)


def test_lurah_sees_progress_and_employee_records_enrolment(browser: Browser, demo: str) -> None:
    context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, demo, "lurah.ngesrep")
    page.get_by_role("link", name="Pengembangan", exact=True).click()
    table = page.get_by_test_id("plan-table")
    expect(table).to_contain_text("JP")
    table.locator("a").first.click()
    expect(page.get_by_test_id("jp-progress")).to_contain_text("dari 20 JP")
    expect(page.get_by_test_id("plan-items")).to_contain_text("Selesai")
    context.close()

    context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, demo, "pegawai.demo")
    page.get_by_role("link", name="Rencana Pengembangan Saya").click()
    expect(page.get_by_test_id("jp-earned")).to_have_text("6")
    expect(page.get_by_test_id("jp-progress")).to_contain_text("Tertinggal")
    items = page.get_by_test_id("plan-item")
    expect(items.first).to_be_visible()
    page.get_by_test_id("open-plan").click()
    page.get_by_test_id("enrol").first.click()
    expect(page.locator(".alert-success")).to_contain_text("Pendaftaran dicatat")
    expect(page.get_by_test_id("item-status").filter(has_text="Terdaftar")).to_have_count(1)
    context.close()
