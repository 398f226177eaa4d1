"""Journey 5 in real Chromium, as far as the product goes (JOURNEYS.md §5), and the two-click proposal of §2.

pegawai.demo (Fajar) gets the notice of his SK: the new post, the TMT, why, what he brings; marks it read and
downloads his petikan. He also files an own request (mutasi atas permintaan sendiri) with his letter. The camat
proposes a candidate straight from the candidate ranking's "Usulkan" link.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from tepat.accounts.models import User
from tepat.core.scoping import today
from tepat.demo import journeys as j
from tepat.engine.workflow import State
from tepat.organization.models import Position, Seat
from tepat.people.models import Employee
from tepat.transfers.models import Move
from tepat.transfers.services.board import (
    board_agenda_add,
    board_attend,
    board_session_close,
    board_session_create,
    board_vote,
)
from tepat.transfers.services.decisions import move_decide
from tepat.transfers.services.decree import decree_issue
from tepat.transfers.services.proposals import proposal_create_batch, proposal_submit
from tepat.transfers.services.verification import move_verify
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def demo(live_server: Any) -> str:
    call_command("seed_demo", verbosity=0)
    return str(live_server.url)


@pytest.fixture
def fajar_page(browser: Browser, demo: str) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, demo, "pegawai.demo")
    yield page
    context.close()


def user(name: str) -> User:
    return User.objects.get(username=name)


def issue_sk_for(employee: Employee, seat: Seat) -> Move:
    """The workflow of journey 4 through its services (the decree journey walks the same steps in the browser)."""
    proposal = proposal_create_batch(
        actor=user("analis"), moves=[(employee, seat, "Kelurahan Ngesrep tidak punya pengadministrasi umum")]
    )
    [move] = proposal_submit(proposal=proposal, actor=user("analis"))
    move = move_verify(move=move, actor=user("admin"))
    session = board_session_create(
        actor=user("admin"), number="BA-05/TPK/2026", held_on=today(), place="BKPP"
    )
    board_agenda_add(session=session, moves=[move], actor=user("admin"))
    for name in ("tim.penilai.1", "tim.penilai.2"):
        board_attend(session=session, member=user(name))
        board_vote(session=session, move=move, member=user(name), recommends=True)
    board_session_close(session=session, actor=user("tim.penilai.1"))
    move = move_decide(
        move=Move.objects.get(pk=move.pk), actor=user("ppk"), approve=True, reason="Sesuai Tim"
    )
    decree_issue(actor=user("admin"), moves=[move], tmt=today())
    return Move.objects.select_related("decree").get(pk=move.pk)


def pdf_text(content: bytes) -> str:
    tool = shutil.which("pdftotext") or "/usr/bin/pdftotext"
    done = subprocess.run([tool, "-", "-"], input=content, capture_output=True, check=True, timeout=30)  # noqa: S603
    return done.stdout.decode()


def test_fajar_reads_his_notice_marks_it_read_and_downloads_his_petikan(demo: str, fajar_page: Page) -> None:
    fajar = Employee.objects.get(seat__position__code=j.PEGAWAI_DEMO, seat__number=1)
    move = issue_sk_for(fajar, Seat.objects.get(position__code=f"{j.NGESREP}.PENGADM-UMUM", number=1))
    assert move.status == State.SK_TERBIT

    fajar_page.goto(f"{demo}/mutasi/pemberitahuan/")
    notice = fajar_page.get_by_test_id("notice").first
    expect(notice).to_contain_text("Anda dipindahkan ke Pengadministrasi Umum di Kelurahan Ngesrep")
    expect(notice).to_contain_text("Mengapa jabatan ini")
    expect(notice).to_contain_text(move.decree.number_text)  # type: ignore[union-attr]
    fajar_page.get_by_role("button", name="Tandai sudah dibaca").click()
    expect(fajar_page.get_by_test_id("read-receipt").first).to_contain_text("Dibaca")
    _shot(fajar_page, "notice")

    href = fajar_page.get_by_test_id("petikan-link").first.get_attribute("href")
    petikan = fajar_page.request.get(f"{demo}{href}")
    assert petikan.status == 200
    assert petikan.headers["content-type"] == "application/pdf"
    text = pdf_text(petikan.body())
    assert "PETIKAN" in text
    assert fajar.nip in text
    assert "Kelurahan Ngesrep" in text


def test_fajar_files_an_own_request_with_his_letter(demo: str, fajar_page: Page, tmp_path: Path) -> None:
    letter = tmp_path / "surat-permohonan.pdf"
    letter.write_bytes(PDF)
    fajar_page.goto(f"{demo}/mutasi/pemberitahuan/")
    fajar_page.get_by_role("link", name="Ajukan permohonan mutasi").click()
    fajar_page.get_by_label("Unit tujuan").select_option(label="Kelurahan Ngesrep")
    fajar_page.get_by_role("button", name="Tampilkan formasi kosong").click()
    fajar_page.get_by_label("Pengadministrasi Umum (formasi 2)", exact=False).check()
    fajar_page.get_by_label("Alasan permohonan").fill("Mendekati tempat tinggal orang tua yang sakit.")
    fajar_page.get_by_label("Surat permohonan bertanda tangan (PDF, maks. 5 MB)").set_input_files(str(letter))
    _shot(fajar_page, "own_request")
    fajar_page.get_by_role("button", name="Kirim permohonan").click()
    expect(fajar_page.get_by_text("Permohonan tersimpan")).to_be_visible()
    move = Move.objects.get(employee__user__username="pegawai.demo")
    assert (move.status, move.own_request) == (State.DRAF, True)
    assert move.documents.get().kind == "permohonan"


def test_the_camat_proposes_a_candidate_from_the_ranking_in_two_clicks(demo: str, page: Page) -> None:
    login(page, demo, "camat.banyumanik")
    position = Position.objects.get(code=j.KASI_PEM_NGESREP)
    page.goto(f"{demo}{position.get_absolute_url()}")
    page.get_by_role("link", name="Kandidat").first.click()
    page.get_by_role("link", name="Usulkan Rina Kusumawati").click()
    expect(page.get_by_role("heading", name="Usulan mutasi baru")).to_be_visible()
    page.get_by_label("Alasan usulan").fill("Kasi Pemerintahan Ngesrep kosong; kandidat terbaik.")
    page.get_by_role("button", name="Simpan usulan").click()
    move = Move.objects.get(employee__name__icontains="Rina")
    assert move.target_seat.position == position
    assert move.status == State.DRAF


def _shot(page: Page, name: str) -> None:
    """Screenshots for a human look when TEPAT_SCREENSHOTS names a directory."""
    folder = os.environ.get("TEPAT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"employee_{name}.png"), full_page=True)
