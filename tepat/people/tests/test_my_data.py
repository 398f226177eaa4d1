""" "Data Saya" export (T29, UU 27/2022 Pasal 32/33): own record and processing history, nobody else's data,
the request logged, only the employee themselves, formula-escaped, in seconds."""

from __future__ import annotations

import datetime as dt
import io
import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.people.models import Employee, FamilyRelation, PerformanceRecord, TrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(gov: SmallGovernment, make_user: Callable[..., User]) -> tuple[Employee, Employee, User]:
    """Budi (signed in) and his spouse Citra, who is another data subject; each has records."""
    budi, citra = gov.staff_kelurahan, gov.staff_dinas
    user = make_user(Role.EMPLOYEE, username="budi")
    Employee.objects.filter(pk=budi.pk).update(user=user, nik="3374011203850001")
    Employee.objects.filter(pk=citra.pk).update(nik="3374015507880002", birth_date=dt.date(1988, 7, 15))
    budi.refresh_from_db()
    citra.refresh_from_db()
    FamilyRelation.objects.create(
        employee=budi, relative=citra, kind="pasangan", declared_on=dt.date(2024, 1, 2)
    )
    FamilyRelation.objects.create(
        employee=citra, relative=budi, kind="pasangan", declared_on=dt.date(2024, 1, 3)
    )
    PerformanceRecord.objects.create(employee=budi, year=2025, predikat="Baik")
    PerformanceRecord.objects.create(employee=citra, year=2025, predikat="Sangat Baik")
    TrainingRecord.objects.create(
        employee=budi,
        title="=cmd|' /C calc'!A0",
        kind="klasikal",
        jp=20,
        start=dt.date(2025, 3, 1),
        end=dt.date(2025, 3, 3),
    )
    TrainingRecord.objects.create(
        employee=citra,
        title="Pelatihan Rahasia Citra",
        kind="klasikal",
        jp=10,
        start=dt.date(2025, 4, 1),
        end=dt.date(2025, 4, 2),
    )
    return budi, citra, user


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _strings(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [str(c.value) for s in workbook for row in s.iter_rows() for c in row if c.value is not None]


def test_json_export_has_own_record_and_nothing_of_the_spouse(
    pair: tuple[Employee, Employee, User], make_user: Callable[..., User]
) -> None:
    budi, citra, user = pair
    analyst = make_user(Role.ANALYST, username="analis.nama.rahasia")
    _client(analyst).get(budi.get_absolute_url())  # a read of Budi's profile: processing history
    _client(analyst).get(citra.get_absolute_url())  # a read of Citra's: not Budi's business
    started = time.monotonic()
    response = _client(user).get(reverse("people:my_data_download", args=["json"]))
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed < 5
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"] == f"attachment; filename*=UTF-8''data-saya-{budi.nip}.json"
    text = response.content.decode()
    document = json.loads(text)
    assert document["profil"]["NIK"] == "3374011203850001"  # own full NIK (SECURITY.md §7)
    assert document["data"]["skp"] == [{"Tahun": 2025, "Predikat": "Baik", "Nilai": None}]
    assert document["data"]["keluarga"] == [
        {
            "Hubungan": "Suami/Istri",
            "Nama kerabat (sebagaimana dinyatakan)": citra.full_name,
            "Tanggal pernyataan": "2024-01-02",
        }
    ]
    for secret in (
        citra.nik,
        citra.nip,
        "1988-07-15",
        "Pelatihan Rahasia Citra",
        "Sangat Baik",
        "2024-01-03",
        str(citra.public_id),
        "analis.nama.rahasia",
        "Dinas Kesehatan",
    ):
        assert secret not in text, secret
    history = document["rekam_jejak_pemrosesan"]
    reads = [h for h in history if h["Kegiatan"] == "view_profile"]
    assert len(reads) == 1
    assert reads[0]["Oleh (peran)"] == "Analis SDM (BKPP)"
    assert reads[0]["Unit"] == "Pemerintah Daerah (seluruh unit)"
    assert reads[0]["Data yang disentuh"] == "full_nik"  # field names, never values


def test_the_request_itself_is_logged_with_its_time_and_shows_in_the_next_export(
    pair: tuple[Employee, Employee, User],
) -> None:
    budi, _, user = pair
    client = _client(user)
    client.get(reverse("people:my_data_download", args=["xlsx"]))
    row = AuditEntry.objects.get(action="my_data_export")
    assert row.kind == AuditEntry.Kind.ACCESS
    assert row.actor == user
    assert row.object_id == str(budi.public_id)
    assert row.changes["format"] == "xlsx"
    assert row.created_at
    document = json.loads(client.get(reverse("people:my_data_download", args=["json"])).content)
    own = [h for h in document["rekam_jejak_pemrosesan"] if h["Kegiatan"] == "my_data_export"]
    assert [h["Oleh (peran)"] for h in own] == ["Anda sendiri", "Anda sendiri"]


def test_xlsx_export_is_formula_escaped_and_excludes_the_spouse(
    pair: tuple[Employee, Employee, User],
) -> None:
    budi, citra, user = pair
    response = _client(user).get(reverse("people:my_data_download", args=["xlsx"]))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert not [c for s in workbook for row in s.iter_rows() for c in row if c.data_type == "f"]
    values = _strings(response.content)
    assert "'=cmd|' /C calc'!A0" in values
    assert "Rekam jejak pemrosesan" in workbook.sheetnames
    assert budi.nip in values
    assert citra.nip not in values
    assert citra.nik not in values


def test_processing_history_covers_moves_rankings_and_records_but_not_others(
    pair: tuple[Employee, Employee, User], make_user: Callable[..., User]
) -> None:
    budi, citra, user = pair
    analyst = make_user(Role.ANALYST)
    skp = budi.performance.get()
    audit_record(
        actor=analyst, action="record_update", obj=skp, changes={"predikat": {"old": "x", "new": "y"}}
    )
    audit_record(actor=analyst, action="record_update", obj=citra.performance.get())
    audit_record(
        actor=analyst,
        action="view_candidate_ranking",
        kind=AuditEntry.Kind.ACCESS,
        object_type="planning.candidateranking",
        object_id="1",
        changes={"shown": [str(budi.public_id), str(citra.public_id)]},
    )
    audit_record(
        actor=analyst,
        action="view_candidate_ranking",
        kind=AuditEntry.Kind.ACCESS,
        object_type="planning.candidateranking",
        object_id="2",
        changes={"shown": [str(citra.public_id)]},
    )
    document = json.loads(_client(user).get(reverse("people:my_data_download", args=["json"])).content)
    actions = [h["Kegiatan"] for h in document["rekam_jejak_pemrosesan"]]
    assert actions.count("record_update") == 1
    assert actions.count("view_candidate_ranking") == 1


@pytest.mark.parametrize("role", [r for r in Role if r != Role.EMPLOYEE])
def test_only_employees_reach_the_export(
    role: Role, client_as: Callable[..., Client], gov: SmallGovernment
) -> None:
    client = client_as(role, gov.kecamatan if role == Role.UNIT_HEAD else None)
    assert client.get(reverse("people:my_data")).status_code == 403
    assert client.get(reverse("people:my_data_download", args=["json"])).status_code == 403
    assert not AuditEntry.objects.filter(action="my_data_export").exists()


def test_an_employee_account_without_a_record_gets_404(client_as: Callable[..., Client]) -> None:
    client = client_as(Role.EMPLOYEE)
    assert client.get(reverse("people:my_data_download", args=["json"])).status_code == 404
    assert client.get(reverse("people:my_data")).status_code == 404


def test_unknown_format_is_404_and_not_logged(pair: tuple[Employee, Employee, User]) -> None:
    assert _client(pair[2]).get(reverse("people:my_data_download", args=["pdf"])).status_code == 404
    assert not AuditEntry.objects.filter(action="my_data_export").exists()


def test_page_offers_both_formats_and_the_correction_link_only_if_it_exists(
    pair: tuple[Employee, Employee, User],
) -> None:
    body = _client(pair[2]).get(reverse("people:my_data")).content.decode()
    assert reverse("people:my_data_download", args=["xlsx"]) in body
    assert reverse("people:my_data_download", args=["json"]) in body
    profile = _client(pair[2]).get(pair[0].get_absolute_url()).content.decode()
    assert reverse("people:my_data") in profile
    try:
        correction = reverse("transfers:correction_create")
    except NoReverseMatch:
        assert "Sampaikan permintaan perbaikan kepada BKPP." in body
    else:
        assert correction in body


def test_export_queries_stay_flat(
    pair: tuple[Employee, Employee, User], django_assert_max_num_queries: Any, make_user: Callable[..., User]
) -> None:
    budi, _, user = pair
    analyst = make_user(Role.ANALYST)
    for _ in range(50):
        audit_record(actor=analyst, action="view_profile", obj=budi, kind=AuditEntry.Kind.ACCESS)
    client = _client(user)
    with django_assert_max_num_queries(30):
        assert client.get(reverse("people:my_data_download", args=["json"])).status_code == 200


def test_own_correction_requests_and_their_trail_are_exported_not_the_spouses(
    pair: tuple[Employee, Employee, User], make_user: Callable[..., User]
) -> None:
    from django.utils import timezone

    from tepat.transfers.models import CorrectionRequest

    budi, citra, user = pair
    admin = make_user(Role.HR_ADMIN)
    due = timezone.now() + dt.timedelta(hours=72)
    mine = CorrectionRequest.objects.create(
        employee=budi, field="skp", wrong="SKP 2025", proposed="Baik", filed_by=user, due_at=due
    )
    CorrectionRequest.objects.create(
        employee=citra, field="nama", wrong="Citra", proposed="Citra Rahasia", filed_by=admin, due_at=due
    )
    audit_record(actor=admin, action="correction_handle", obj=mine, changes={"status": "selesai"})
    text = _client(user).get(reverse("people:my_data_download", args=["json"])).content.decode()
    document = json.loads(text)
    assert [r["usulan perbaikan"] for r in document["data"]["correctionrequest"]] == ["Baik"]
    assert "Citra Rahasia" not in text
    handled = [h for h in document["rekam_jejak_pemrosesan"] if h["Kegiatan"] == "correction_handle"]
    assert [(h["Oleh (peran)"], h["Data yang disentuh"]) for h in handled] == [
        ("Admin Kepegawaian (BKPP)", "status")
    ]
