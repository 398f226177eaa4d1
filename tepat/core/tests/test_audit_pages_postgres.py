"""T30 on PostgreSQL: the breach-scoping report and the trail browser over a 1,000,000-row audit table.

The rows come from one INSERT … SELECT generate_series (7.5–12.5 s on the shared 2-core machine); the
expected answer is computed in Python from the same formulas, independently of the selectors under test.
Long tier (`make test-long`, marker `slow`): call 13 s plus 7 s rolling the million rows back at load 4,
about the ~20 s a `make test` test may take. SECURITY.md lists T30 as an R-tier drill anyway.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from tepat.accounts.models import User
from tepat.core.models import AuditEntry
from tepat.core.selectors_audit import AuditFilters, audit_page, breach_report
from tepat.people.models import Employee
from tepat.people.my_data import my_data_build

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db]

ROWS = 1_000_000
ACTORS = 20
SUBJECTS = 200
STEP_SECONDS = 30  # one row every 30 s: a million rows span ~347 days
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)

# g % 10: 0-5 a profile read, 6 an export, 7-9 a change (not a read).
INSERT = """
INSERT INTO core_auditentry
  (created_at, kind, actor_id, actor_label, role, action, object_type, object_id, object_label,
   changes, reason, request_id, ip_address)
SELECT %(start)s::timestamptz + g * interval '30 seconds',
       CASE WHEN g %% 10 < 7 THEN 'access' ELSE 'change' END,
       (%(actors)s::int[])[1 + g %% %(n_actors)s],
       'pengguna', '',
       CASE WHEN g %% 10 < 6 THEN 'view_profile' WHEN g %% 10 = 6 THEN 'export' ELSE 'record_update' END,
       'people.employee',
       CASE WHEN g %% 10 = 6 THEN '' ELSE (%(subjects)s::text[])[1 + (g / %(n_actors)s) %% %(n_subjects)s] END,
       '',
       CASE WHEN g %% 10 = 6 THEN '{"format": "xlsx", "filename": "pegawai.xlsx", "rows": 10}'::jsonb
            WHEN g %% 50 = 0 THEN '{"full_nik": true}'::jsonb ELSE '{}'::jsonb END,
       '', '', '10.0.0.1'
FROM generate_series(1, %(rows)s) AS g
"""


def _expected(actor_index: int, low: dt.datetime, high: dt.datetime, subjects: list[str]) -> Counter[str]:
    first = int((low - START).total_seconds()) // STEP_SECONDS
    last = int((high - START).total_seconds()) // STEP_SECONDS + 1
    reads: Counter[str] = Counter()
    for g in range(max(first, 1), min(last, ROWS) + 1):
        when = START + dt.timedelta(seconds=g * STEP_SECONDS)
        if g % ACTORS == actor_index and g % 10 < 6 and low <= when < high:
            reads[subjects[(g // ACTORS) % SUBJECTS]] += 1
    return reads


def test_breach_report_over_a_million_audit_rows() -> None:
    users = User.objects.bulk_create([User(username=f"pemakai.{i:02d}") for i in range(ACTORS)])
    people = Employee.objects.bulk_create(
        Employee(
            nip=f"{i:018d}", name=f"Subjek {i:03d}", gender="L", birth_date=dt.date(1980, 1, 1), status="PNS"
        )
        for i in range(SUBJECTS)
    )
    subjects = [str(p.public_id) for p in people]
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(
            INSERT,
            {
                "start": START,
                "actors": [u.pk for u in users],
                "n_actors": ACTORS,
                "subjects": subjects,
                "n_subjects": SUBJECTS,
                "rows": ROWS,
            },
        )
        cursor.execute("ANALYZE core_auditentry")
    inserted = time.monotonic() - started
    assert AuditEntry.objects.count() == ROWS

    target, index = users[3], 3  # actor of every row with g % 20 == 3
    start, end = dt.date(2025, 3, 1), dt.date(2025, 5, 31)
    started = time.monotonic()
    report = breach_report(account=target, start=start, end=end)
    took = time.monotonic() - started

    low = timezone.make_aware(dt.datetime.combine(start, dt.time()))
    high = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    expected = _expected(index, low, high, subjects)
    assert {s.exposure.subject: s.exposure.count for s in report.subjects} == dict(expected)
    assert {s.name for s in report.subjects} <= {p.name for p in people}
    assert report.bulk == []  # g % 20 == 3 is never g % 10 == 6: this account exported nothing
    assert took < 300, "T30: the result within 5 minutes"

    started = time.monotonic()
    page = audit_page(filters=AuditFilters(actor=target.username, start=start, end=end))
    deep = audit_page(filters=AuditFilters(action="export"), cursor=page.next_cursor)
    browsed = time.monotonic() - started
    started = time.monotonic()
    assert audit_page(filters=AuditFilters(object_id="tidak-ada")).rows == []  # worst case: no such object
    missing = time.monotonic() - started
    assert len(page.rows) == 50
    assert len(deep.rows) == 50

    started = time.monotonic()
    own = my_data_build(employee=people[5])  # "Data Saya" of one subject over the same trail
    exported = time.monotonic() - started
    about_5 = sum(1 for g in range(1, ROWS + 1) if g % 10 != 6 and (g // ACTORS) % SUBJECTS == 5)
    assert len(own.history.rows) == about_5
    print(  # noqa: T201 - the figures the report quotes
        f"\n1M-row audit table: insert+analyze {inserted:.1f} s; breach report {took:.2f} s "
        f"({len(report.subjects)} subjects, {sum(expected.values())} reads); two browser pages {browsed:.3f} s; "
        f"object id that matches nothing {missing:.2f} s; "
        f"Data Saya of one subject {exported:.2f} s ({about_5} history rows)"
    )
