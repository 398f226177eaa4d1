"""Journey 8 in real Chromium (JOURNEYS.md §8, "Who saw what?").

The analyst opens pegawai.demo's (Fajar's) profile and proposes him for a seat. Fajar downloads his own data and
its processing history from "Data Saya" and sees that an analyst (by role, not by name) read his profile. The
auditor, read-only, finds the case in the audit trail, opens its trail in time order, and runs the
breach-scoping report for the analyst's account, which names Fajar and fills the Pasal 46 notice.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.demo import journeys as j
from tepat.organization.models import Seat
from tepat.people.models import Employee
from tepat.transfers.models import Move
from tepat.transfers.services.proposals import proposal_create_batch, proposal_submit
from tepat.transfers.services.verification import move_verify
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server: Any) -> str:
    call_command("seed_demo", verbosity=0)
    return str(live_server.url)


def _page(browser: Browser, base: str, username: str) -> Page:
    context = browser.new_context(
        locale="id-ID", viewport={"width": 1366, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, base, username)
    return page


def _shot(page: Page, name: str) -> None:
    """Screenshots for a human look when TEPAT_SCREENSHOTS names a directory."""
    folder = os.environ.get("TEPAT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"who_saw_what_{name}.png"), full_page=True)


def _propose(fajar: Employee) -> Move:
    analyst, admin = User.objects.get(username="analis"), User.objects.get(username="admin")
    seat = Seat.objects.get(position__code=f"{j.NGESREP}.PENGADM-UMUM", number=1)
    proposal = proposal_create_batch(
        actor=analyst, moves=[(fajar, seat, "Kelurahan Ngesrep kekurangan pegawai")]
    )
    [move] = proposal_submit(proposal=proposal, actor=analyst)
    return move_verify(move=move, actor=admin)


def test_employee_downloads_own_data_and_the_auditor_traces_who_saw_what(demo: str, browser: Browser) -> None:
    fajar = Employee.objects.get(user__username="pegawai.demo")
    move = _propose(fajar)

    analyst = _page(browser, demo, "analis")
    analyst.goto(f"{demo}{fajar.get_absolute_url()}")
    expect(analyst.get_by_role("heading", name=fajar.full_name)).to_be_visible()
    analyst.context.close()

    _employee_downloads_own_data(browser, demo, fajar, move)
    auditor = _page(browser, demo, "auditor")
    _auditor_opens_the_case(auditor, fajar, move)
    _auditor_scopes_the_analysts_reads(auditor, fajar)
    auditor.context.close()

    uses = set(AuditEntry.objects.filter(actor__username="auditor").values_list("action", flat=True))
    assert {"audit_trail_view", "audit_case_view", "breach_report", "export"} <= uses
    assert not AuditEntry.objects.filter(actor__username="auditor", kind=AuditEntry.Kind.CHANGE).exists()


def _employee_downloads_own_data(browser: Browser, demo: str, fajar: Employee, move: Move) -> None:
    employee = _page(browser, demo, "pegawai.demo")
    employee.get_by_role("link", name="Data Saya", exact=True).click()
    employee.get_by_role("link", name="Unduh data saya").click()
    expect(employee.get_by_role("heading", name="Unduh Data Saya")).to_be_visible()
    _shot(employee, "my_data")
    with employee.expect_download() as download:
        employee.get_by_role("link", name="Unduh JSON").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["profil"]["NIP"] == fajar.nip
    assert document["profil"]["NIK"] == fajar.nik  # own export: the full NIK
    reads = [h for h in document["rekam_jejak_pemrosesan"] if h["Kegiatan"] == "view_profile"]
    assert {h["Oleh (peran)"] for h in reads} == {"Analis SDM (BKPP)", "Anda sendiri"}
    assert "analis" not in json.dumps(document["rekam_jejak_pemrosesan"])  # role and unit, never the name
    assert [m["Status"] for m in document["data"]["mutasi"]] == [move.status_label]
    assert AuditEntry.objects.filter(action="my_data_export", actor__username="pegawai.demo").count() == 1
    employee.context.close()


def _auditor_opens_the_case(auditor: Page, fajar: Employee, move: Move) -> None:
    auditor.get_by_role("link", name="Jejak Audit", exact=True).click()
    auditor.get_by_label("ID objek").fill(str(move.public_id))
    auditor.get_by_role("button", name="Saring").click()
    auditor.get_by_role("link", name="jejak kasus").first.click()
    expect(auditor.get_by_role("heading", name=f"Jejak kasus: Usulan pindah {fajar.name}")).to_be_visible()
    rows = auditor.locator("table.audit-table tbody tr")
    expect(rows.nth(0)).to_contain_text("move_create")
    expect(rows.nth(1)).to_contain_text("move_ajukan")
    expect(rows.nth(2)).to_contain_text("move_verifikasi")
    _shot(auditor, "case")


def _auditor_scopes_the_analysts_reads(auditor: Page, fajar: Employee) -> None:
    auditor.get_by_role("link", name="Jejak Audit", exact=True).click()
    auditor.get_by_role("link", name="Pelingkupan insiden (Pasal 46)").click()
    auditor.get_by_label("Akun yang diperiksa (nama pengguna)").fill("analis")
    auditor.get_by_label("Periode mulai").fill(today().isoformat())
    auditor.get_by_label("Periode sampai").fill(today().isoformat())
    auditor.get_by_role("button", name="Jalankan laporan").click()
    expect(auditor.locator("#breach-subjects")).to_contain_text(fajar.name)
    expect(auditor.get_by_text("1. Data pribadi yang terungkap")).to_be_visible()
    expect(auditor.get_by_text("3. Upaya penanganan dan pemulihan")).to_be_visible()
    _shot(auditor, "breach")
    with auditor.expect_download() as download:
        auditor.get_by_role("link", name="Unduh Excel").click()
    workbook = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    names = [row[0].value for row in workbook["Subjek data"].iter_rows(min_row=2)]
    assert fajar.name in names
