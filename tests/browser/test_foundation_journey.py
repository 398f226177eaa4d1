"""Foundation journey in real Chromium: the camat sees Banyumanik's staff and gets 404 outside the kecamatan."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from tepat.people.models import Employee
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server) -> str:
    call_command("seed_demo", verbosity=0)
    return live_server.url


def test_camat_sees_banyumanik_staff_but_not_dinas_kesehatan(demo: str, page: Page) -> None:
    login(page, demo, "camat.banyumanik")
    expect(page.get_by_role("heading", name="Beranda")).to_be_visible()

    page.get_by_role("button", name="Data").or_(page.get_by_role("link", name="Data", exact=True)).click()
    page.get_by_role("link", name="Pegawai", exact=True).click()
    table = page.get_by_test_id("employee-table")
    ngesrep_staff = Employee.objects.filter(unit__name="Kelurahan Ngesrep").order_by("name").first()
    assert ngesrep_staff is not None
    page.get_by_label("Nama atau NIP").fill(ngesrep_staff.name)
    expect(table.get_by_role("link", name=ngesrep_staff.full_name)).to_be_visible()

    table.get_by_role("link", name=ngesrep_staff.full_name).click()
    expect(page.get_by_role("heading", name=ngesrep_staff.full_name)).to_be_visible()
    expect(page.get_by_text("Riwayat jabatan")).to_be_visible()

    outsider = Employee.objects.filter(unit__path__startswith=_dinkes_path()).first()
    assert outsider is not None
    response = page.goto(f"{demo}{outsider.get_absolute_url()}")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_text("Data tidak ditemukan")).to_be_visible()
    expect(page.get_by_text(outsider.nip)).to_have_count(0)


def test_wrong_password_shows_a_clear_message(demo: str, page: Page) -> None:
    login(page, demo, "camat.banyumanik", password="salah-sekali")
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()


def _dinkes_path() -> str:
    from tepat.organization.models import Unit

    return Unit.objects.get(name="Dinas Kesehatan").path
