"""Pages: scoping (404 outside), the employee's own page, form errors naming the field, routes per role,
query counts pinned on the list, and the Excel export's formula escaping."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import seat_employee
from tepat.core.scoping import today
from tepat.development.models import DevelopmentPlan, PlanItem
from tepat.development.services.plans import plan_create
from tepat.development.tests.conftest import Dev
from tepat.organization.tests.factories import PositionFactory
from tepat.people.models import Employee

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def detail(dev: Dev) -> str:
    return reverse("development:plan_detail", kwargs={"public_id": dev.plan.public_id})


def item_url(dev: Dev, name: str, code: str) -> str:
    item = dev.plan.items.get(competency__code=code)
    return reverse(f"development:{name}", kwargs={"public_id": item.public_id})


def test_the_lurah_sees_the_plan_of_own_staff_and_the_other_head_gets_404(dev: Dev) -> None:
    page = login(dev.lurah).get(detail(dev))
    assert page.status_code == 200
    assert "Pelatihan Kepemimpinan Pengawas" in page.content.decode()
    assert login(dev.head_dinas).get(detail(dev)).status_code == 404
    listing = login(dev.head_dinas).get(reverse("development:plan_list")).content.decode()
    assert dev.budi.name not in listing


def test_the_employee_sees_only_their_own_plan(dev: Dev) -> None:
    page = login(dev.budi_user).get(reverse("development:my_plan")).content.decode()
    assert "Rencana Pengembangan Saya" in page
    assert page.count('data-testid="plan-item"') == 2
    assert 'data-testid="jp-progress"' in page
    assert login(dev.other_employee).get(detail(dev)).status_code == 404
    other = login(dev.other_employee).get(reverse("development:my_plan")).content.decode()
    assert "Belum ada rencana pengembangan" in other
    assert login(dev.budi_user).get(reverse("development:plan_list")).status_code == 403


def test_a_bad_completion_answers_400_naming_the_field(dev: Dev) -> None:
    url = item_url(dev, "item_complete", "T-PEM")
    prefix = url.split("/")[-3][:8]
    future = (today() + dt.timedelta(days=5)).isoformat()
    response = login(dev.admin).post(
        url, {f"c-{prefix}-start": future, f"c-{prefix}-end": future, f"c-{prefix}-jp": "16"}
    )
    assert response.status_code == 400
    assert (
        "Selesai pelatihan: Tanggal selesai pelatihan tidak boleh di masa depan." in response.content.decode()
    )
    assert dev.plan.items.get(competency__code="T-PEM").status == PlanItem.Status.PLANNED


def test_a_valid_completion_counts_jp_on_the_plan_page(dev: Dev) -> None:
    url = item_url(dev, "item_complete", "T-PEM")
    prefix = url.split("/")[-3][:8]
    day = (today() - dt.timedelta(days=1)).isoformat()
    response = login(dev.lurah).post(
        url, {f"c-{prefix}-start": day, f"c-{prefix}-end": day, f"c-{prefix}-jp": "16"}
    )
    assert response.status_code == 302
    page = login(dev.budi_user).get(reverse("development:my_plan")).content.decode()
    assert 'data-testid="jp-earned">16<' in page
    assert "Magang penyelenggaraan pemerintahan — nonklasikal, 16 JP" in page


@pytest.mark.parametrize(
    ("who", "route", "status"),
    [
        ("auditor", "item_complete", 403),
        ("analyst", "item_complete", 403),  # analysts plan; completion is confirmed by hr_admin or the atasan
        ("budi_user", "item_complete", 403),
        ("auditor", "item_enrol", 403),
        ("budi_user", "item_enrol", 302),
        ("other_employee", "item_enrol", 404),
        ("head_dinas", "item_enrol", 404),
    ],
)
def test_routes_per_role(dev: Dev, who: str, route: str, status: int) -> None:
    response = login(getattr(dev, who)).post(item_url(dev, route, "M8"), {})
    assert response.status_code == status


def grow(dev: Dev, count: int) -> None:
    for i in range(count):
        unit = dev.gov.kelurahan
        employee = seat_employee(PositionFactory.create(unit=unit), dt.date(2020, 1, 1), name=f"Tambahan {i}")
        plan_create(actor=dev.admin, employee=employee, start=today(), reason="uji")


def queries(client: Client, params: dict[str, str]) -> int:
    client.get(reverse("development:plan_list"), params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("development:plan_list"), params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("params", [{}, {"behind": "on", "status": "aktif"}])
def test_the_plan_list_runs_a_constant_number_of_queries(dev: Dev, params: dict[str, str]) -> None:
    for who in (dev.analyst, dev.lurah):
        client = login(who)
        grow(dev, 20 if who is dev.analyst else 0)
        small = queries(client, params)
        grow(dev, 30)
        large = queries(client, params)
        assert small == large


def test_the_behind_filter_keeps_only_plans_short_of_the_pro_rata_share(dev: Dev) -> None:
    page = login(dev.analyst).get(reverse("development:plan_list"), {"behind": "on"}).content.decode()
    behind = today().timetuple().tm_yday * 20 / 365 > 0.05  # nobody has JP yet: behind from day one
    assert (dev.budi.name in page) is behind


def test_the_export_escapes_formulas_and_is_audited(dev: Dev) -> None:
    Employee.objects.filter(pk=dev.budi.pk).update(name='=HYPERLINK("http://x","klik")')
    response = login(dev.analyst).get(reverse("development:plan_export"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ['\'=HYPERLINK("http://x","klik")']
    assert sheet.cell(row=2, column=1).value == dev.budi.nip
    from tepat.core.models import AuditEntry

    assert AuditEntry.objects.filter(
        kind=AuditEntry.Kind.ACCESS, object_type="development.developmentplan"
    ).exists()


def test_the_catalogue_page_lists_courses(dev: Dev) -> None:
    page = (
        login(dev.budi_user).get(reverse("development:course_list"), {"route": "klasikal"}).content.decode()
    )
    assert "Pelatihan Kepemimpinan Pengawas" in page
    assert "Magang penyelenggaraan" not in page


def test_the_plan_page_runs_a_constant_number_of_queries_whatever_the_items(dev: Dev) -> None:
    from tepat.development.services.items import ItemData, item_add

    client = login(dev.admin)

    def count() -> int:
        client.get(detail(dev))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(detail(dev)).status_code == 200
        return len(ctx.captured_queries)

    small = count()
    for i in range(8):
        data = ItemData(f"Kegiatan {i}", "nonklasikal", today() + dt.timedelta(days=40), Decimal(4))
        item_add(actor=dev.admin, plan=dev.plan, data=data)
    assert count() == small


def test_open_items_past_their_due_date_are_flagged(dev: Dev) -> None:
    PlanItem.objects.filter(plan=dev.plan, competency__code="M8").update(due=today() - dt.timedelta(days=1))
    page = login(dev.lurah).get(detail(dev)).content.decode()
    assert page.count('data-testid="overdue"') == 1


def test_the_summary_counts_behind_and_due_and_the_due_filter_keeps_those(dev: Dev) -> None:

    DevelopmentPlan.objects.filter(pk=dev.plan.pk).update(reassessment_due=today() - dt.timedelta(days=1))
    client = login(dev.analyst)
    page = client.get(reverse("development:plan_list")).content.decode()
    assert 'data-testid="summary-behind">1<' in page
    due = client.get(reverse("development:plan_list"), {"due": "on"}).content.decode()
    assert dev.budi.name in due
    DevelopmentPlan.objects.filter(pk=dev.plan.pk).update(reassessment_due=today() + dt.timedelta(days=1))
    assert dev.budi.name not in client.get(reverse("development:plan_list"), {"due": "on"}).content.decode()


def test_bkpp_opens_a_plan_by_nip_and_a_bad_nip_is_named(dev: Dev) -> None:
    client = login(dev.admin)
    bad = client.post(
        reverse("development:plan_create"), {"nip": "123", "start": today().isoformat(), "reason": "x"}
    )
    assert bad.status_code == 400
    assert "NIP pegawai: NIP harus 18 angka." in bad.content.decode()
    other = dev.gov.staff_dinas
    made = client.post(
        reverse("development:plan_create"),
        {"nip": other.nip, "start": today().isoformat(), "reason": "Rencana tahunan"},
    )
    assert made.status_code == 302
    assert DevelopmentPlan.objects.filter(employee=other).count() == 1
    again = client.post(
        reverse("development:plan_create"), {"nip": other.nip, "start": today().isoformat(), "reason": "lagi"}
    )
    assert "NIP pegawai: Pegawai ini sudah punya rencana" in again.content.decode()


def test_the_lurah_adds_edits_and_cancels_items_through_the_page(dev: Dev) -> None:
    client = login(dev.lurah)
    add = reverse("development:item_add", kwargs={"public_id": dev.plan.public_id})
    missing = client.post(
        add, {"add-route": "klasikal", "add-due": today().isoformat(), "add-jp_planned": "8"}
    )
    assert missing.status_code == 400
    assert "Nama kegiatan: Isi nama kegiatan atau pilih pelatihan dari katalog." in missing.content.decode()
    ok = client.post(
        add,
        {
            "add-activity": "Sosialisasi Perwal",
            "add-route": "klasikal",
            "add-due": today().isoformat(),
            "add-jp_planned": "4",
        },
    )
    assert ok.status_code == 302
    item = dev.plan.items.get(activity="Sosialisasi Perwal")
    prefix = str(item.public_id)[:8]
    edit = reverse("development:item_edit", kwargs={"public_id": item.public_id})
    changed = client.post(
        edit,
        {f"u-{prefix}-activity": "Sosialisasi Perwal 2026", f"u-{prefix}-route": "klasikal",
         f"u-{prefix}-due": today().isoformat(), f"u-{prefix}-jp_planned": "6"},
    )  # fmt: skip
    assert changed.status_code == 302
    item.refresh_from_db()
    assert (item.activity, item.jp_planned) == ("Sosialisasi Perwal 2026", Decimal(6))
    no_reason = client.post(edit, {"action": "batal", f"x-{prefix}-note": ""})
    assert no_reason.status_code == 400
    assert "Alasan pembatalan" in no_reason.content.decode()
    cancelled = client.post(edit, {"action": "batal", f"x-{prefix}-note": "Digabung dengan bimtek"})
    assert cancelled.status_code == 302
    item.refresh_from_db()
    assert item.status == PlanItem.Status.CANCELLED
