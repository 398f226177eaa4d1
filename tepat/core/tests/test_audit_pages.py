"""The auditor's pages (journey 8): access matrix, every use audited, keyset paging, pinned query counts,
one case's trail, and the breach-scoping report (T30) with formula-escaped downloads."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.audit import audit_record
from tepat.core.models import AuditEntry
from tepat.core.scoping import today
from tepat.core.selectors_audit import AuditFilters, audit_page, breach_report
from tepat.engine.roles import Role
from tepat.engine.workflow import State
from tepat.people.models import Employee
from tepat.transfers.tests.conftest import World, _media, walk, world  # noqa: F401

pytestmark = pytest.mark.django_db

READ_PAGES = ["core:audit_trail", "core:audit_breach"]


def backdate(entries: list[AuditEntry], when: dt.datetime) -> None:
    """Test set-up only: the ORM refuses updates to the trail, raw SQL on the unhardened test DB does not."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE core_auditentry SET created_at = %s WHERE id IN ({','.join('%s' for _ in entries)})",  # noqa: S608
            [connection.ops.adapt_datetimefield_value(when), *[e.pk for e in entries]],
        )


@pytest.mark.parametrize("role", list(Role))
def test_only_the_auditor_browses_the_trail_and_auditor_or_hr_admin_run_the_report(
    role: Role, client_as: Callable[..., Client], gov: SmallGovernment
) -> None:
    client = client_as(role, gov.kecamatan if role == Role.UNIT_HEAD else None)
    expected = {
        "core:audit_trail": 200 if role == Role.AUDITOR else 403,
        "core:audit_breach": 200 if role in (Role.AUDITOR, Role.HR_ADMIN) else 403,
    }
    for name, status in expected.items():
        assert client.get(reverse(name)).status_code == status, (role, name)


@pytest.mark.parametrize("name", READ_PAGES)
def test_the_auditor_never_writes(name: str, client_as: Callable[..., Client]) -> None:
    client = client_as(Role.AUDITOR)
    before = AuditEntry.objects.filter(action__in=["audit_trail_view", "breach_report"]).count()
    assert client.post(reverse(name), {"actor": "x"}).status_code == 403
    assert AuditEntry.objects.filter(action__in=["audit_trail_view", "breach_report"]).count() == before


def test_anonymous_goes_to_login() -> None:
    for name in READ_PAGES:
        response = Client().get(reverse(name))
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"]


def test_each_use_of_the_browser_is_itself_audited(client_as: Callable[..., Client]) -> None:
    client = client_as(Role.AUDITOR)
    client.get(reverse("core:audit_trail"), {"action": "view_profile"})
    row = AuditEntry.objects.get(action="audit_trail_view")
    assert row.kind == AuditEntry.Kind.ACCESS
    assert row.actor is not None
    assert row.actor.username == "auditor-all"
    assert row.changes["filters"] == {"action": "view_profile"}


def _entries(n: int, *, action: str = "view_profile", actor: Any = None) -> list[AuditEntry]:
    return [
        audit_record(
            actor=actor,
            action=action,
            object_type="people.employee",
            object_id=f"id-{i}",
            actor_label="" if actor else "uji",
        )
        for i in range(n)
    ]


def test_keyset_pages_walk_every_row_once_newest_first() -> None:
    rows = _entries(7)
    backdate(rows[:4], timezone.now() - dt.timedelta(days=1))  # ties on created_at: the id breaks them
    seen, cursor = [], ""
    while True:
        page = audit_page(filters=AuditFilters(action="view_profile"), cursor=cursor, size=3)
        seen += [r["id"] for r in page.rows]
        cursor = page.next_cursor
        if not cursor:
            break
    expected = [r.pk for r in rows[4:]][::-1] + [r.pk for r in rows[:4]][::-1]
    assert seen == expected


def test_filters_by_actor_object_and_dates(make_user: Callable[..., User]) -> None:
    analyst = make_user(Role.ANALYST)
    mine = _entries(2, actor=analyst)
    _entries(3)
    old = _entries(1, actor=analyst)
    backdate(old, timezone.now() - dt.timedelta(days=10))
    page = audit_page(filters=AuditFilters(actor=analyst.username, start=today() - dt.timedelta(days=1)))
    assert {r["id"] for r in page.rows} == {e.pk for e in mine}
    page = audit_page(filters=AuditFilters(object_type="people.employee", object_id="id-1"))
    assert len(page.rows) == 2  # one of the analyst's and one of the system's
    page = audit_page(filters=AuditFilters(actor="uji"))  # a label without a user: the system actor
    assert len(page.rows) == 3


def test_a_bad_date_range_names_the_field(client_as: Callable[..., Client]) -> None:
    response = client_as(Role.AUDITOR).get(
        reverse("core:audit_trail"), {"start": "2026-05-02", "end": "2026-05-01"}
    )
    assert "Tanggal sampai tidak boleh sebelum tanggal mulai." in response.content.decode()


@pytest.mark.parametrize("rows", [20, 200])
def test_trail_page_query_count_does_not_grow_with_rows(
    rows: int, client_as: Callable[..., Client], django_assert_max_num_queries: Any
) -> None:
    client = client_as(Role.AUDITOR)
    _entries(rows)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("core:audit_trail"))
    assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("core:audit_trail"), {"setelah": response.context["page"].next_cursor})
    assert len(queries) <= 8


# --- one case ---------------------------------------------------------------------------------------------


def test_the_trail_of_one_case_in_time_order(world: World) -> None:  # noqa: F811
    employee = world.gov.staff_kelurahan
    move = world.propose(employee).moves.get()
    walk(world, move, State.SK_TERBIT)
    other = world.propose(world.gov.staff_dinas).moves.get()
    client = Client()
    client.force_login(world.cast.auditor)
    response = client.get(reverse("core:audit_case", args=[move.public_id]))
    assert response.status_code == 200
    actions = [row["action"] for row in response.context["trail"].rows]
    assert actions[:3] == ["move_create", "move_ajukan", "move_verifikasi"]
    assert actions.index("board_vote") < actions.index("move_setujui") < actions.index("decree_issue")
    decree = move.decree if move.decree_id else type(move).objects.get(pk=move.pk).decree
    assert decree is not None
    assert str(decree.public_id) in {row["object_id"] for row in response.context["trail"].rows}
    ids = {row["object_id"] for row in response.context["trail"].rows}
    assert str(other.public_id) not in ids
    use = AuditEntry.objects.filter(action="audit_case_view").get()
    assert use.object_id == str(move.public_id)
    assert use.actor == world.cast.auditor
    # the proposal's id shows every move of the proposal
    assert response.context["trail"].title == f"Usulan pindah {employee.name} → Pengadministrasi Umum"
    by_proposal = client.get(reverse("core:audit_case", args=[move.proposal.public_id]))
    assert by_proposal.status_code == 200
    assert by_proposal.context["trail"].title == "Usulan “Uji” (1 pegawai)"
    assert (
        client.get(reverse("core:audit_case", args=["00000000-0000-0000-0000-000000000000"])).status_code
        == 404
    )


# --- breach scoping (T30 on SQLite; the 1 M-row run is in test_audit_pages_postgres) -----------------------


def test_breach_report_names_the_subjects_one_account_read_in_the_period(
    gov: SmallGovernment, make_user: Callable[..., User]
) -> None:
    analyst, other = make_user(Role.ANALYST), make_user(Role.HR_ADMIN)
    staff = [gov.staff_kecamatan, gov.staff_kelurahan, gov.staff_dinas]
    reader = Client()
    reader.force_login(analyst)
    for employee in (staff[0], staff[0], staff[1]):
        assert reader.get(employee.get_absolute_url()).status_code == 200
    boss = Client()
    boss.force_login(other)
    boss.get(staff[2].get_absolute_url())  # someone else's read: not in the analyst's report
    old = audit_record(actor=analyst, action="view_profile", obj=staff[2], kind=AuditEntry.Kind.ACCESS)
    backdate([old], timezone.now() - dt.timedelta(days=40))  # outside the period
    audit_record(
        actor=analyst,
        action="export",
        kind=AuditEntry.Kind.ACCESS,
        object_type="people.employee",
        changes={"format": "xlsx", "filename": "pegawai.xlsx", "rows": 3},
    )
    audit_record(  # a ranking that showed staff[1] again, and a seat-only read that names nobody
        actor=analyst,
        action="view_candidate_ranking",
        kind=AuditEntry.Kind.ACCESS,
        object_type="planning.candidateranking",
        object_id="7",
        changes={"shown": [str(staff[1].public_id)]},
    )
    audit_record(
        actor=analyst, action="view_seat_fit", kind=AuditEntry.Kind.ACCESS, object_type="organization.seat"
    )
    gone = audit_record(
        actor=analyst, action="view_profile", kind=AuditEntry.Kind.ACCESS, object_type="people.employee"
    )
    report = breach_report(account=analyst, start=today() - dt.timedelta(days=7), end=today())
    found = {s.nip: s.exposure.count for s in report.subjects}
    assert found == {staff[0].nip: 2, staff[1].nip: 2}
    assert report.unresolved == 1, gone  # a row about an employee the trail can no longer name
    assert [b.filename for b in report.bulk] == ["pegawai.xlsx"]
    assert {s.name for s in report.subjects} == {staff[0].name, staff[1].name}


def test_breach_report_page_renders_the_notice_and_is_audited(
    gov: SmallGovernment, client_as: Callable[..., Client], make_user: Callable[..., User]
) -> None:
    analyst = make_user(Role.ANALYST, username="analis.bocor")
    audit_record(actor=analyst, action="view_profile", obj=gov.staff_dinas, kind=AuditEntry.Kind.ACCESS)
    client = client_as(Role.HR_ADMIN)
    period = {"account": "analis.bocor", "start": today().isoformat(), "end": today().isoformat()}
    body = client.get(reverse("core:audit_breach"), period).content.decode()
    assert gov.staff_dinas.name in body
    for heading in ("Data pribadi yang terungkap", "Kapan dan bagaimana", "penanganan dan pemulihan"):
        assert heading in body
    read_at = timezone.localtime(AuditEntry.objects.get(action="view_profile").created_at)
    assert f"Akses pertama tercatat {read_at:%d-%m-%Y %H:%M}" in body  # office time, as in the table
    row = AuditEntry.objects.get(action="breach_report")
    assert row.object_id == "analis.bocor"
    assert row.changes["subjects"] == 1


def test_breach_form_errors_name_the_field(client_as: Callable[..., Client]) -> None:
    client = client_as(Role.AUDITOR)
    body = client.get(
        reverse("core:audit_breach"), {"account": "tidak.ada", "start": "2026-03-02", "end": "2026-03-01"}
    ).content.decode()
    assert "Akun dengan nama pengguna ini tidak ditemukan." in body
    assert "Tanggal sampai tidak boleh sebelum tanggal mulai." in body
    assert not AuditEntry.objects.filter(action="breach_report").exists()


def test_breach_downloads_are_formula_escaped_and_audited(
    gov: SmallGovernment, client_as: Callable[..., Client], make_user: Callable[..., User]
) -> None:
    analyst = make_user(Role.ANALYST, username="analis.x")
    Employee.objects.filter(pk=gov.staff_dinas.pk).update(name='=HYPERLINK("http://x","klik")')
    audit_record(actor=analyst, action="view_profile", obj=gov.staff_dinas, kind=AuditEntry.Kind.ACCESS)
    client = client_as(Role.AUDITOR)
    period = {"account": "analis.x", "start": today().isoformat(), "end": today().isoformat()}
    xlsx = client.get(reverse("core:audit_breach_download", args=["xlsx"]), period)
    assert xlsx.status_code == 200
    assert xlsx["Cache-Control"] == "no-store"
    assert xlsx["Content-Disposition"].startswith("attachment; filename*=UTF-8''pelingkupan-insiden-analis.x")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert '\'=HYPERLINK("http://x","klik")' in [c.value for c in cells]
    assert "Pemberitahuan Pasal 46" in workbook.sheetnames
    text = client.get(reverse("core:audit_breach_download", args=["csv"]), period).content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[1][0].startswith("'=")
    exports = AuditEntry.objects.filter(action="export", actor__username="auditor-all")
    assert sorted(exports.values_list("changes__format", flat=True)) == ["csv", "xlsx"]
    assert client.get(reverse("core:audit_breach_download", args=["pdf"]), period).status_code == 404


@pytest.mark.parametrize("subjects", [2, 20])
def test_breach_page_query_count_does_not_grow_with_subjects(
    subjects: int,
    gov: SmallGovernment,
    client_as: Callable[..., Client],
    make_user: Callable[..., User],
    django_assert_max_num_queries: Any,
) -> None:
    from tepat.people.tests.factories import EmployeeFactory

    analyst = make_user(Role.ANALYST, username="analis.banyak")
    for employee in EmployeeFactory.create_batch(subjects):
        audit_record(actor=analyst, action="view_profile", obj=employee, kind=AuditEntry.Kind.ACCESS)
    client = client_as(Role.AUDITOR)
    period = {"account": "analis.banyak", "start": today().isoformat(), "end": today().isoformat()}
    with django_assert_max_num_queries(10):
        response = client.get(reverse("core:audit_breach"), period)
    assert len(response.context["report"].subjects) == subjects
