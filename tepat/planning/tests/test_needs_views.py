"""Needs pages: access, scope (404 outside), pinned query counts, audited Excel and PDF exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import SmallGovernment, seat_employee
from tepat.core.models import AuditEntry
from tepat.engine.roles import Role
from tepat.planning.needs.exports import RefusedUrl, render_pdf, static_only_fetcher
from tepat.planning.needs.views import OVERVIEW_NAMES
from tepat.planning.tests.test_needs_selectors import grow, workload

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    ("planning:needs_overview", {}),
    ("planning:needs_projection", {}),
    ("planning:needs_mismatch", {}),
    ("planning:needs_mismatch", {"semua": "1"}),
    ("planning:vacancy_map", {}),
    ("planning:vacancy_map", {"horizon": "60"}),
]


def count_queries(client: Client, url: str, params: dict[str, str]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params, follow=True)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


@pytest.mark.parametrize(("name", "params"), LIST_PAGES)
@pytest.mark.parametrize("role", [Role.ANALYST, Role.UNIT_HEAD])
def test_needs_pages_run_a_constant_number_of_queries(
    gov: SmallGovernment, client_as, name, params, role
) -> None:
    client = client_as(role, gov.kecamatan if role == Role.UNIT_HEAD else None)
    url = reverse(name)
    grow(gov, 20)
    client.get(url, params)  # warm the per-request caches the same way for both sizes
    small = count_queries(client, url, params)
    grow(gov, 180)
    large = count_queries(client, url, params)
    assert small == large, f"{name}: {small} queries with 20 rows, {large} with 200"


def test_unit_page_runs_a_constant_number_of_queries(gov: SmallGovernment, client_as) -> None:
    client = client_as(Role.ANALYST)
    url = reverse("planning:needs_unit", kwargs={"public_id": gov.root.public_id})
    grow(gov, 20)
    client.get(url)
    small = count_queries(client, url, {})
    grow(gov, 180)
    assert count_queries(client, url, {}) == small


def test_overview_shows_units_chart_data_and_the_reason(gov: SmallGovernment, client_as) -> None:
    workload(gov.kasi, 1.5)
    response = client_as(Role.ANALYST).get(reverse("planning:needs_overview"))
    text = response.content.decode()
    assert "Kecamatan Banyumanik" in text
    assert 'id="needs-chart"' in text
    assert "vendor/chartjs/chart.umd.min.js" in text
    assert "cdn" not in text.lower()
    assert "Kasi Pemerintahan" in text
    assert "kurang 1" in text


def test_unit_head_with_one_grant_lands_on_their_unit(gov: SmallGovernment, client_as) -> None:
    response = client_as(Role.UNIT_HEAD, gov.kelurahan).get(reverse("planning:needs_overview"))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "planning:needs_unit", kwargs={"public_id": gov.kelurahan.public_id}
    )


def test_a_unit_outside_the_scope_answers_404_without_names(gov: SmallGovernment, client_as) -> None:
    client = client_as(Role.UNIT_HEAD, gov.kecamatan)
    response = client.get(reverse("planning:needs_unit", kwargs={"public_id": gov.dinas.public_id}))
    assert response.status_code == 404
    assert "Citra" not in response.content.decode()
    inside = client.get(reverse("planning:needs_unit", kwargs={"public_id": gov.kelurahan.public_id}))
    assert inside.status_code == 200
    assert "Budi Kelurahan" in inside.content.decode()


@pytest.mark.parametrize(
    "name", ["planning:needs_projection", "planning:vacancy_map", "planning:needs_mismatch"]
)
def test_a_unit_filter_outside_the_scope_is_a_form_error_not_data(
    gov: SmallGovernment, client_as, name
) -> None:
    response = client_as(Role.UNIT_HEAD, gov.kecamatan).get(reverse(name), {"unit": str(gov.dinas.public_id)})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Unit:" in text
    assert "Citra" not in text


def test_a_bad_horizon_names_the_field(gov: SmallGovernment, client_as) -> None:
    response = client_as(Role.ANALYST).get(reverse("planning:vacancy_map"), {"horizon": "abc"})
    assert "Horizon:" in response.content.decode()


def test_employees_may_not_open_the_needs_pages(gov: SmallGovernment, client_as) -> None:
    assert client_as(Role.EMPLOYEE).get(reverse("planning:needs_overview")).status_code == 403


def test_excel_export_is_safe_scoped_and_audited(gov: SmallGovernment, client_as) -> None:
    gov.kasi.name = "=HYPERLINK(1)"
    gov.kasi.save()
    workload(gov.kasi, 1.5)
    response = client_as(Role.UNIT_HEAD, gov.kecamatan).get(reverse("planning:needs_export_xlsx"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not any(c.data_type == "f" for c in cells)
    values = [str(c.value) for c in cells]
    assert "'=HYPERLINK(1)" in values
    assert not any("Citra" in v for v in values)
    assert AuditEntry.objects.filter(action="export", object_type="planning.needs").exists()


def test_vacancy_export_is_audited(gov: SmallGovernment, client_as) -> None:
    response = client_as(Role.ANALYST).get(reverse("planning:vacancy_export_xlsx"), {"horizon": "12"})
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="export", object_type="planning.vacancy_map").exists()


def test_pdf_export_renders_and_is_audited(gov: SmallGovernment, client_as) -> None:
    gov.kasi.name = '<img src="http://169.254.169.254/">'
    gov.kasi.save()
    workload(gov.kasi, 1.5)
    response = client_as(Role.ANALYST).get(reverse("planning:needs_export_pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''kebutuhan-pegawai")
    entry = AuditEntry.objects.get(action="export", object_type="planning.needs")
    assert entry.changes["format"] == "pdf"


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/", "file:///etc/passwd", "/static/../../etc/passwd", "data:text/plain,x"]
)
def test_pdf_fetcher_refuses_anything_but_static_files(url: str) -> None:
    with pytest.raises(RefusedUrl):
        static_only_fetcher(url)


def test_pdf_fetcher_serves_static_files() -> None:
    assert static_only_fetcher("/static/css/tepat.css")["string"].startswith(b".bg-tepat")


def test_user_text_in_the_pdf_is_not_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def spy(url: str, *args: object, **kwargs: object) -> dict:
        calls.append(url)
        return static_only_fetcher(url)

    monkeypatch.setattr("tepat.planning.needs.exports.static_only_fetcher", spy)
    html = "<p>&lt;img src=&quot;http://169.254.169.254/&quot;&gt; {{ settings.SECRET_KEY }}</p>"
    assert render_pdf(html).startswith(b"%PDF")
    assert calls == []


def test_overview_names_a_few_people_per_row_and_links_the_rest(gov: SmallGovernment, client_as) -> None:
    workload(gov.kasi, 1.5)  # 2 needed
    for i in range(8):  # 9 hold the post with Budi Kelurahan
        seat_employee(gov.kasi, dt.date(2020, 1, 1), name=f"Pemegang {i}")
    client = client_as(Role.ANALYST)

    text = client.get(reverse("planning:needs_overview")).content.decode()

    assert "lebih 7" in text
    shown = ["Budi Kelurahan", *(f"Pemegang {i}" for i in range(OVERVIEW_NAMES - 1))]
    assert all(name in text for name in shown)
    assert f"Pemegang {OVERVIEW_NAMES - 1}" not in text
    assert "dan 4 lainnya" in text
    full_list = reverse("planning:needs_unit", kwargs={"public_id": gov.kelurahan.public_id})
    assert f'href="{full_list}?status=kelebihan"' in text
    unit_page = client.get(full_list, {"status": "kelebihan"}).content.decode()
    assert all(f"Pemegang {i}" in unit_page for i in range(8))  # the unit page names everyone
