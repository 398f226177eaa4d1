"""Journey 5's tail in real Chromium (JOURNEYS.md §5): "Why me, and why there?".

pegawai.demo (Fajar) gets the notice of his SK (Rowosari, through the real workflow), marks it read, and files
an objection within 14 days because of his sick mother. The BKPP admin sees the recommendation's factors and
answers; Fajar reads the answer in the portal. Ninety days after the TMT he answers the five-question survey.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, Page, expect

from tepat.core.scoping import today
from tepat.demo.communication import demo_journey5_ensure
from tepat.engine.workflow import State
from tepat.transfers.models import Move, Objection, PulseSurvey
from tepat.transfers.services.surveys import surveys_open_due
from tepat.transfers.services.tmt import apply_due_tmt
from tests.browser.conftest import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OpenAs = Callable[[str], Page]
REASON = "Ibu saya sakit stroke dan tinggal di Srondol Kulon; saya yang merawatnya setiap pagi dan sore."


@pytest.fixture
def demo(live_server: Any) -> str:
    call_command("seed_demo", verbosity=0)
    return str(live_server.url)


@pytest.fixture
def open_as(browser: Browser, demo: str) -> Iterator[OpenAs]:
    contexts = []

    def open_page(username: str) -> Page:
        context = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        login(page, demo, username)
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_fajar_objects_the_bkpp_answers_and_ninety_days_later_he_answers_the_survey(
    demo: str, open_as: OpenAs
) -> None:
    move = demo_journey5_ensure()
    assert move is not None
    assert move.status == State.SK_TERBIT
    fajar = open_as("pegawai.demo")
    file_objection(demo, fajar)
    objection = Objection.objects.get(move=move)
    answer_objection(demo, open_as("admin"), move)
    assert Move.objects.get(pk=move.pk).status == State.SK_TERBIT  # the PPK decides, not the answer

    fajar.goto(f"{demo}/mutasi/pemberitahuan/")
    expect(fajar.get_by_test_id("notice-objection")).to_contain_text("Diterima")
    fajar.get_by_test_id("objection-answer-link").click()
    expect(fajar.get_by_test_id("objection-answer")).to_contain_text("Keadaan ibu Anda kami terima.")
    expect(fajar.get_by_test_id("objection-factors")).to_have_count(0)
    objection.refresh_from_db()
    assert objection.read_at is not None

    answer_survey(demo, fajar, move)
    analyst = open_as("analis")
    analyst.goto(f"{demo}/mutasi/peta-resistensi/")
    expect(analyst.get_by_test_id("flagged-unit").first).to_contain_text("Kelurahan Padangsari")
    _shot(analyst, "resistance")


def file_objection(demo: str, fajar: Page) -> None:
    """Fajar reads his notice (why, what he brings, TMT), marks it read and objects within the window."""
    fajar.goto(f"{demo}/mutasi/pemberitahuan/")
    notice = fajar.get_by_test_id("notice").first
    expect(notice).to_contain_text("Anda dipindahkan ke Pengadministrasi Umum di Kelurahan Rowosari")
    expect(notice).to_contain_text("Mengapa jabatan ini")
    fajar.get_by_role("button", name="Tandai sudah dibaca").click()
    expect(fajar.get_by_test_id("read-receipt").first).to_contain_text("Dibaca")
    expect(fajar.get_by_test_id("notice-objection")).to_contain_text("Keberatan dapat diajukan sampai")
    fajar.get_by_role("link", name="Ajukan keberatan").click()
    fajar.get_by_label("Alasan keberatan").select_option(label="Kesehatan keluarga / merawat orang tua")
    fajar.get_by_label("Uraian keberatan").fill(REASON)
    _shot(fajar, "objection_form")
    fajar.get_by_role("button", name="Kirim keberatan").click()
    expect(fajar.get_by_text("Keberatan Anda terkirim ke BKPP")).to_be_visible()
    expect(fajar.get_by_test_id("notice-objection")).to_contain_text("Menunggu jawaban BKPP")


def answer_objection(demo: str, admin: Page, move: Move) -> None:
    """The admin finds it in the queue, sees the recommendation's factors (Pasal 10) and answers."""
    admin.goto(f"{demo}/mutasi/keberatan/")
    admin.get_by_test_id("objection-table").get_by_role("link", name=move.employee.full_name).click()
    expect(admin.get_by_test_id("objection-factors")).to_contain_text("Faktor rekomendasi yang dinilai")
    expect(admin.get_by_text(REASON)).to_be_visible()
    admin.get_by_label("Diterima", exact=True).check()
    admin.get_by_label("Tindak lanjut (bila diterima)").select_option(
        label="Usulkan peninjauan kembali kepada PPK"
    )
    admin.get_by_label("Jawaban kepada pegawai").fill(
        "Keadaan ibu Anda kami terima. BKPP mengusulkan peninjauan kembali penempatan Anda kepada PPK."
    )
    _shot(admin, "objection_answer")
    admin.get_by_role("button", name="Simpan jawaban").click()
    expect(admin.get_by_test_id("objection-status")).to_have_text("Diterima")


def answer_survey(demo: str, fajar: Page, move: Move) -> None:
    """Ninety days after the TMT the move has taken effect and the daily job opens his survey."""
    assert move.tmt is not None
    assert apply_due_tmt(on=move.tmt).applied == [str(move.public_id)]
    Move.objects.filter(pk=move.pk).update(tmt=today() - dt.timedelta(days=90))
    assert move.pk in {s.move_id for s in surveys_open_due(on=today())}
    fajar.goto(f"{demo}/mutasi/pemberitahuan/")
    fajar.get_by_test_id("survey-invite").get_by_role("link", name="Isi survei").click()
    for code, value in {"clarity": "4", "support": "3", "workload": "4", "team": "5", "stay": "4"}.items():
        fajar.locator(f"input[name={code}][value='{value}']").check()
    fajar.get_by_label("Komentar (tidak wajib)").fill("Perlu waktu untuk mengenal wilayah Rowosari.")
    _shot(fajar, "survey")
    fajar.get_by_role("button", name="Kirim jawaban").click()
    expect(fajar.get_by_text("Terima kasih, jawaban Anda tersimpan.")).to_be_visible()
    survey = PulseSurvey.objects.get(move=move)
    assert (survey.clarity, survey.support, survey.team) == (4, 3, 5)


def _shot(page: Page, name: str) -> None:
    """Screenshots for a human look when TEPAT_SCREENSHOTS names a directory."""
    folder = os.environ.get("TEPAT_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"objection_{name}.png"), full_page=True)
