"""Journey 4 in real Chromium: from proposal to decree and the new post (JOURNEYS.md §4, issue 6 "done when").

camat.banyumanik proposes Fajar (pegawai.demo) for Ngesrep; a planner-style batch adds two more. The BKPP verifies,
tim.penilai.1–3 hold the session (berita acara PDF), the PPK approves all but one, the admin issues the SK (PDF
opens), anyone checks the code on the public page, the TMT job moves the people, the closing checklist leads to
`selesai`, and Fajar reads his notice and finds the new post in his position history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.demo import journeys as j
from tepat.engine.workflow import State
from tepat.organization.models import Seat
from tepat.people.models import Employee, PositionHistory
from tepat.transfers.models import Move
from tepat.transfers.services.proposals import proposal_create_batch, proposal_submit
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NGESREP_ADMIN = f"{j.NGESREP}.PENGADM-UMUM"
OpenAs = Callable[[str | None], Page]


@pytest.fixture
def demo(live_server: Any) -> str:
    call_command("seed_demo", verbosity=0)
    return str(live_server.url)


@pytest.fixture
def open_as(browser: Browser, demo: str) -> Iterator[OpenAs]:
    contexts = []

    def open_page(username: str | None) -> Page:
        context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            login(page, demo, username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def employee_at(code: str) -> Employee:
    return Employee.objects.get(seat__position__code=code, seat__number=1)


def seat(code: str, number: int) -> Seat:
    return Seat.objects.get(position__code=code, number=number)


def propose(demo: str, open_as: OpenAs, fajar: Employee, rina: Employee, dewi: Employee) -> None:
    """The camat proposes Fajar from the candidate page's link; the planner's batch adds two more."""
    camat = open_as("camat.banyumanik")
    target = seat(NGESREP_ADMIN, 1)
    camat.goto(f"{demo}/mutasi/usulan/baru/?seat={target.public_id}&employee={fajar.public_id}")
    camat.get_by_label("Alasan usulan").fill("Kelurahan Ngesrep tidak punya pengadministrasi umum.")
    camat.get_by_role("button", name="Simpan usulan").click()
    camat.get_by_role("button", name="Ajukan semua draf").click()
    expect(camat.get_by_test_id("move-table")).to_contain_text("Diajukan")
    analyst = User.objects.get(username="analis")
    batch = proposal_create_batch(
        actor=analyst,
        moves=[
            (rina, seat(j.KASI_PEM_NGESREP, 1), "Kasi Pemerintahan kosong"),
            (dewi, seat(NGESREP_ADMIN, 2), "Pemerataan"),
        ],
        title="Skenario Mutasi Banyumanik",
    )
    proposal_submit(proposal=batch, actor=analyst)


def verify_and_schedule(demo: str, admin: Page) -> str:
    """The BKPP verifies both proposals and puts all three moves on a new session's agenda."""
    submitted = {
        str(p)
        for p in Move.objects.filter(status=State.DIAJUKAN).values_list("proposal__public_id", flat=True)
    }
    for proposal_id in sorted(submitted):
        admin.goto(f"{demo}/mutasi/usulan/{proposal_id}/")
        admin.get_by_role("button", name="Verifikasi semua yang diajukan").click()
        expect(admin.get_by_test_id("move-table")).to_contain_text("Diverifikasi BKPP")
    admin.goto(f"{demo}/mutasi/sidang/")
    admin.get_by_label("Nomor berita acara").fill("BA-01/TPK/XI/2026")
    admin.get_by_label("Tanggal sidang").fill(today().isoformat())
    admin.get_by_label("Tempat").fill("Ruang Rapat BKPP")
    admin.get_by_role("button", name="Buat sidang").click()
    admin.get_by_role("button", name="Masukkan semua ke agenda").click()
    expect(admin.get_by_test_id("agenda-row")).to_have_count(3)
    return admin.url


def hold_board_session(open_as: OpenAs, session_url: str) -> None:
    """Each member attends and gives a view on every move; the first closes; the berita acara PDF opens."""
    for username in ("tim.penilai.1", "tim.penilai.2", "tim.penilai.3"):
        member = open_as(username)
        member.goto(session_url)
        member.get_by_role("button", name="Isi daftar hadir").click()
        for _ in range(3):
            member.get_by_test_id("agenda-row").get_by_role("button", name="Setuju", exact=True).first.click()
    member = open_as("tim.penilai.1")
    member.goto(session_url)
    member.get_by_role("button", name="Tutup sidang dan terbitkan berita acara").click()
    minutes = member.request.get(session_url + "berita-acara/")
    assert minutes.status == 200
    assert minutes.body().startswith(b"%PDF")


def decide(demo: str, ppk: Page, verdicts: list[tuple[Employee, str]]) -> None:
    ppk.goto(f"{demo}/mutasi/keputusan/")
    for person, verdict in verdicts:
        row = ppk.get_by_test_id("decision-row").filter(has_text=person.name)
        row.get_by_label(f"Alasan keputusan untuk {person.full_name}").fill("Sesuai pertimbangan Tim")
        row.get_by_role("button", name=verdict).click()
    expect(ppk.get_by_test_id("decision-row")).to_have_count(0)


def issue_and_check(demo: str, admin: Page, visitor: Page) -> None:
    """The admin issues the SK (the PDF opens); an anonymous visitor verifies its code."""
    admin.goto(f"{demo}/mutasi/sk/")
    admin.get_by_label("TMT").fill(today().isoformat())
    admin.get_by_role("button", name="Terbitkan SK").click()
    code = admin.get_by_test_id("verification-code").inner_text()
    pdf = admin.request.get(admin.url + "unduh/")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    visitor.goto(f"{demo}/mutasi/verifikasi-sk/")
    visitor.get_by_label("Kode verifikasi").fill(code)
    visitor.get_by_role("button", name="Periksa").click()
    expect(visitor.get_by_test_id("verify-result")).to_contain_text("SK asli")


def close_move(demo: str, admin: Page, move: Move) -> None:
    admin.goto(f"{demo}{move.get_absolute_url()}")
    while admin.get_by_role("button", name="Catat").count():
        form = admin.locator("form", has=admin.get_by_role("button", name="Catat")).first
        form.locator("input[type=date]").fill(today().isoformat())
        form.locator("input[name=reference]").fill("800/123/2026")
        form.get_by_role("button", name="Catat").click()
    admin.get_by_role("button", name="Selesaikan (daftar penutup lengkap)").click()
    expect(admin.get_by_test_id("move-status")).to_have_text("Selesai")


def test_from_proposal_to_decree_to_the_new_post(demo: str, open_as: OpenAs) -> None:
    fajar, rina = employee_at(j.PEGAWAI_DEMO), employee_at(j.STRONG_CANDIDATE)
    dewi = employee_at("KEL-BYM-PADANGSARI.PENGADM-UMUM")
    propose(demo, open_as, fajar, rina, dewi)
    admin = open_as("admin")
    hold_board_session(open_as, verify_and_schedule(demo, admin))
    decide(demo, open_as("ppk"), [(fajar, "Setujui"), (rina, "Setujui"), (dewi, "Tolak")])
    issue_and_check(demo, admin, open_as(None))

    call_command("apply_due_tmt", verbosity=0)  # the TMT job (the worker's loop runs the same service)
    fajar_move = Move.objects.get(employee=fajar)
    assert fajar_move.status == State.BERLAKU
    close_move(demo, admin, fajar_move)

    fajar_page = open_as("pegawai.demo")
    fajar_page.goto(f"{demo}/mutasi/pemberitahuan/")
    expect(fajar_page.get_by_test_id("notice").first).to_contain_text("Pengadministrasi Umum")
    fajar_page.get_by_role("button", name="Tandai sudah dibaca").first.click()
    fajar_page.get_by_role("link", name="Data Saya").click()
    expect(fajar_page.locator("#t-jabatan")).to_contain_text("Kelurahan Ngesrep")
    current = PositionHistory.objects.select_related("unit").get(employee=fajar, end__isnull=True)
    assert current.unit is not None
    assert current.unit.code == j.NGESREP
    assert Move.objects.get(employee=dewi).status == State.DITOLAK
