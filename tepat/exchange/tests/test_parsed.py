"""The commit reuses the table parsed at preview only while it is genuine (signed, same file hash)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.base import ContentFile

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.engine.roles import Role
from tepat.exchange.models import ImportBatch
from tepat.exchange.parsed import parsed_table_load
from tepat.exchange.services import batches
from tepat.exchange.services.batches import import_batch_commit, import_batch_create
from tepat.exchange.tests.workbooks import xlsx
from tepat.people.models import PerformanceRecord

pytestmark = pytest.mark.django_db
HEADERS = ["NIP", "Tahun", "Predikat", "Nilai"]


def _preview(gov: SmallGovernment, admin: User) -> ImportBatch:
    rows = [[gov.staff_kelurahan.nip, 2023, "Baik", 80.5], [gov.staff_dinas.nip, 2024, "Sangat Baik", None]]
    batch = import_batch_create(actor=admin, upload=xlsx(HEADERS, rows), kind="skp")
    assert batch.status == ImportBatch.Status.PREVIEW, batch.problems
    return batch


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    reads: list[int] = []
    real = batches.read_table

    def counting(*args: object, **kwargs: object) -> object:
        reads.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batches, "read_table", counting)
    return reads


def test_the_commit_parses_the_workbook_once_and_drops_the_stored_table(
    gov: SmallGovernment,
    make_user: Callable[..., User],
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Callable,
) -> None:
    admin = make_user(Role.HR_ADMIN)
    batch = _preview(gov, admin)
    stored = parsed_table_load(batch=batch)
    assert stored is not None
    assert [cells["score"].value for _, cells in stored.rows] == [80.5, None]
    reads = _count_reads(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        import_batch_commit(batch=batch, actor=admin)
    assert reads == []
    assert PerformanceRecord.objects.count() == 2
    assert parsed_table_load(batch=batch) is None


def test_a_tampered_stored_table_is_ignored_and_the_file_read_again(
    gov: SmallGovernment, make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = make_user(Role.HR_ADMIN)
    batch = _preview(gov, admin)
    name = f"{batch.upload.name}.tabel.json.gz"
    storage = batch.upload.storage
    with storage.open(name, "rb") as handle:
        signature, _, payload = handle.read().partition(b"\n")
    storage.delete(name)
    flipped = payload[:20] + bytes([payload[20] ^ 1]) + payload[21:]
    storage.save(name, ContentFile(signature + b"\n" + flipped))
    assert parsed_table_load(batch=batch) is None
    reads = _count_reads(monkeypatch)
    import_batch_commit(batch=batch, actor=admin)
    assert reads == [1]
    assert PerformanceRecord.objects.count() == 2
