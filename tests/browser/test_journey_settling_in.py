"""Journey 6 in real Chromium (JOURNEYS.md §6): "Is the newcomer settling in?".

lurah.ngesrep sees the 3-month review of the newcomer in Kelurahan Ngesrep due, tries to send it empty (the
messages name the fields), fills it in and sees it done; the list has nothing left to do. The analyst (BKPP)
sees the newcomer of Gedawang flagged "perlu dukungan" with the reason and the follow-up, and the talent map.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tepat.evaluation.models import Review, ReviewSchedule
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any, settings: Any) -> str:
    settings.TEPAT_DEMO = True
    call_command("seed_demo", verbosity=0)
    return str(live_server.url)


def test_the_lurah_fills_in_the_due_three_month_review(demo: str, page: Page) -> None:
    schedule = ReviewSchedule.objects.select_related("employee").get(
        unit__name="Kelurahan Ngesrep", kind="bulan_3"
    )
    newcomer = schedule.employee.full_name
    login(page, demo, "lurah.ngesrep")
    page.goto(f"{demo}/evaluasi/tinjauan/")
    table = page.get_by_test_id("review-table")
    row = table.get_by_role("row").filter(has_text=newcomer).filter(has_text="Tinjauan 3 bulan")
    expect(row.get_by_test_id("review-status")).to_have_text("Jatuh tempo")
    expect(row).to_contain_text("Kepala Seksi Ketenteraman, Ketertiban dan Kesejahteraan Sosial")

    row.get_by_role("link", name=newcomer).click()
    expect(page.get_by_role("heading", name=f"Tinjauan 3 bulan: {newcomer}")).to_be_visible()
    page.get_by_role("button", name="Kirim tinjauan").click()
    expect(page.get_by_text("Adaptasi di unit baru wajib diisi (1–5).")).to_be_visible()
    expect(page.get_by_text("Catatan atasan wajib diisi.")).to_be_visible()
    assert not Review.objects.filter(schedule=schedule).exists()

    for question, answer in (
        ("Adaptasi di unit baru", "4"),
        ("Penguasaan tugas jabatan", "4"),
        ("Kerja sama dengan rekan kerja", "5"),
        ("Kebutuhan dukungan", "2"),
    ):
        page.get_by_role("group", name=question).get_by_label(re.compile(rf"^{answer}\b")).check()
    page.get_by_label("Catatan atasan").fill(
        "Sudah memimpin rapat koordinasi trantib; laporan bulanan tepat waktu."
    )
    page.get_by_role("button", name="Kirim tinjauan").click()

    expect(page.get_by_text("Tinjauan terkirim.")).to_be_visible()
    result = page.get_by_test_id("review-result")
    expect(result).to_contain_text("Skor 81,2")
    expect(result).to_contain_text("Tidak ada peringatan dini")
    expect(page.get_by_test_id("review-status")).to_have_text("Selesai")
    assert Review.objects.get(schedule=schedule).submitted_by.username == "lurah.ngesrep"

    page.get_by_role("link", name="Kembali ke daftar tinjauan").click()
    expect(page.get_by_test_id("review-table")).to_contain_text("Tidak ada tinjauan untuk pilihan ini.")


def test_the_bkpp_sees_which_newcomers_need_support_and_the_talent_map(demo: str, page: Page) -> None:
    login(page, demo, "analis")
    page.goto(f"{demo}/evaluasi/tinjauan/")
    page.get_by_test_id("review-counts").get_by_role("link", name="Perlu dukungan").click()
    row = page.get_by_test_id("review-table").get_by_role("row").filter(has_text="Kelurahan Gedawang")
    expect(row).to_contain_text("Perlu dukungan")
    row.get_by_role("link").first.click()
    warnings = page.get_by_test_id("review-warnings")
    expect(warnings).to_contain_text("Penguasaan tugas jabatan dinilai 2 dari 5.")
    expect(warnings).to_contain_text("Pelatihan teknis melalui rencana pengembangan kompetensi")

    page.get_by_role("link", name="Peta Talenta").first.click()
    expect(page.get_by_role("heading", name="Peta Talenta")).to_be_visible()
    expect(page.get_by_test_id("talent-cutoffs")).to_contain_text("Potensial tinggi: JPM ≥ 90 %")
    page.get_by_test_id("box-9").get_by_role("link").click()
    expect(
        page.get_by_role("heading", name="Kotak 9: kinerja di atas ekspektasi, potensial tinggi")
    ).to_be_visible()
    expect(page.get_by_test_id("talent-table").get_by_role("row").nth(1)).to_be_visible()
