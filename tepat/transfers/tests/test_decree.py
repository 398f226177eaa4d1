"""SK issue: numbers without gaps, nothing consumed by a failed issue (T08), frozen content and PDF (R-30, T32)."""

from __future__ import annotations

import hashlib
from typing import Any
from unittest import mock

import pytest

from tepat.core.scoping import today
from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.engine.workflow import State
from tepat.people.models import Employee
from tepat.transfers.models import Decree, DecreeCounter, Move
from tepat.transfers.services import decree as decree_service
from tepat.transfers.services import pdf_worker
from tepat.transfers.services.decree import decree_by_code, decree_issue, decree_read, decree_render_pdf
from tepat.transfers.services.pdf import FetchRefused, local_file
from tepat.transfers.tests.conftest import World, committed

pytestmark = pytest.mark.django_db


def approved(world: World, *people: Employee) -> list[Move]:
    return [world.to_state(m, State.DISETUJUI) for m in world.propose(*people).moves.order_by("pk")]


def test_numbers_follow_each_other_and_a_failed_issue_consumes_none(world: World) -> None:
    first, second, third = approved(
        world, world.gov.staff_dinas, world.gov.staff_kecamatan, world.gov.staff_kelurahan
    )
    one = decree_issue(actor=world.cast.admin, moves=[first], tmt=today())
    with (
        mock.patch.object(decree_service, "_attach", side_effect=RuntimeError("gangguan")),
        pytest.raises(RuntimeError),
    ):
        decree_issue(actor=world.cast.admin, moves=[second], tmt=today())
    assert Move.objects.get(pk=second.pk).status == State.DISETUJUI
    assert Decree.objects.count() == 1
    two = decree_issue(actor=world.cast.admin, moves=[second, third], tmt=today())
    assert (one.number, two.number) == (1, 2)
    assert DecreeCounter.objects.get().last_number == 2
    assert len(two.content["rows"]) == 2


def test_no_sk_for_a_rejected_move_nor_a_tmt_before_the_decision(world: World) -> None:
    move = world.to_state(world.propose(world.gov.staff_dinas).moves.get(), State.DIPERTIMBANGKAN)
    with pytest.raises(IllegalTransition, match="disetujui PPK"):
        decree_issue(actor=world.cast.admin, moves=[move], tmt=today())
    [ok] = approved(world, world.gov.staff_kecamatan)
    with pytest.raises(ApplicationError) as error:
        decree_issue(actor=world.cast.admin, moves=[ok], tmt=today().replace(year=today().year - 1))
    assert error.value.field == "tmt"


def test_an_issued_sk_is_frozen_and_every_download_checks_its_hash(world: World) -> None:
    [move] = approved(world, world.gov.staff_dinas)
    with committed():
        decree = decree_issue(actor=world.cast.admin, moves=[move], tmt=today())
    decree.refresh_from_db()
    content = decree_read(decree=decree, actor=world.cast.auditor)
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == decree.sha256
    assert decree_by_code(code=decree.verification_code.lower()) == decree
    with pytest.raises(PermissionError):
        decree.save()
    with pytest.raises(PermissionError):
        Decree.objects.filter(pk=decree.pk).update(number_text="X")
    assert decree_render_pdf(decree=decree).sha256 == decree.sha256  # rendered once, never again
    with decree.pdf.open("wb") as handle:  # tamper with the stored file
        handle.write(content + b"%")
    with pytest.raises(ApplicationError, match="SHA-256"):
        decree_read(decree=decree, actor=world.cast.auditor)


def test_a_correction_is_a_new_sk_that_references_the_old_one(world: World) -> None:
    [move] = approved(world, world.gov.staff_dinas)
    old = decree_issue(actor=world.cast.admin, moves=[move], tmt=today())
    move.refresh_from_db()
    new = decree_issue(
        actor=world.cast.admin,
        moves=[move],
        tmt=today(),
        corrects=old,
        correction_reason="Salah tulis unit kerja",
    )
    move.refresh_from_db()
    assert (new.corrects, new.kind, move.decree, move.status) == (
        old,
        Decree.Kind.PERBAIKAN,
        new,
        State.SK_TERBIT,
    )
    assert Decree.objects.get(pk=old.pk).number_text == old.number_text


def test_free_text_enters_the_pdf_as_text_and_nothing_outside_is_fetched(world: World) -> None:
    from tepat.transfers.services.decree import decree_settings

    blocks = decree_settings()
    hostile = '<img src="http://169.254.169.254/"> file:///etc/passwd {{ settings.SECRET_KEY }}'
    type(blocks).objects.filter(pk=blocks.pk).update(menimbang=hostile)
    [move] = approved(world, world.gov.staff_dinas)
    results: list[pdf_worker.Rendered] = []
    real_render = pdf_worker.render

    def spy(html: str, seconds: float) -> pdf_worker.Rendered:
        results.append(real_render(html, seconds))
        return results[-1]

    with mock.patch("tepat.transfers.services.pdf.pdf_worker.render", side_effect=spy):
        decree = decree_render_pdf(decree=decree_issue(actor=world.cast.admin, moves=[move], tmt=today()))
    assert decree.content["menimbang"] == [hostile]
    [result] = results
    assert result.refused == []  # the hostile text stayed text: nothing asked to fetch it
    assert result.fetched
    assert all(url.startswith("file:") and "/pdf/" in url for url in result.fetched)
    for url in ("http://169.254.169.254/", "file:///etc/passwd"):
        with pytest.raises(FetchRefused):
            local_file(url)


def test_with_the_database_task_backend_the_pdf_and_the_tmt_run_are_queued(
    world: World, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    [move] = approved(world, world.gov.staff_dinas)
    with committed():
        decree = decree_issue(actor=world.cast.admin, moves=[move], tmt=today())
    queued = {row.task_path: row for row in DBTaskResult.objects.all()}
    assert set(queued) == {
        "tepat.transfers.tasks.render_decree_task",
        "tepat.transfers.tasks.apply_due_tmt_task",
        "tepat.transfers.tasks.render_petikan_task",  # queued by the sk.render_petikan event handler
    }
    assert queued["tepat.transfers.tasks.apply_due_tmt_task"].run_after is not None
    assert not Decree.objects.get(pk=decree.pk).sha256  # rendered by the worker, not in the request


def test_a_render_past_its_time_limit_fails_cleanly_with_a_security_event(world: World) -> None:
    from tepat.core.models import AuditEntry
    from tepat.transfers.services.pdf import PdfRenderFailed, render_html

    rows = "".join(f"<tr><td>{i}</td><td>{'kata ' * 40}</td></tr>" for i in range(3000))
    with pytest.raises(PdfRenderFailed, match="batas waktu"):
        render_html(f"<table>{rows}</table>", label="uji", seconds=0.2)
    assert AuditEntry.objects.filter(action="pdf_render_timeout", kind=AuditEntry.Kind.SECURITY).exists()
    assert render_html("<p>Setelah itu render berikutnya tetap jalan.</p>").startswith(b"%PDF")
