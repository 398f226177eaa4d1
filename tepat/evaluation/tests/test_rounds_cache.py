"""The round page parses a finished run's stored result once per process (selectors/rounds.py run_result):
the second read costs one query less and shows the same page, and each run keeps its own result."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import SmallGovernment
from tepat.evaluation.models import EvaluationRun
from tepat.evaluation.selectors.rounds import evaluation_run_get, round_view, run_result
from tepat.evaluation.services import evaluation_run
from tepat.evaluation.tests.rounds_world import ROUND, build_world

pytestmark = pytest.mark.django_db
ClientAs = Callable[..., Client]


def detail(run: EvaluationRun) -> str:
    return reverse("evaluation:round_detail", kwargs={"public_id": run.public_id})


def masked(page: bytes) -> bytes:
    """The page without its CSRF tokens (masked afresh per response)."""
    return re.sub(rb'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+', rb"\1-", page)


def test_second_read_skips_the_result_query_and_shows_the_same_page(
    gov: SmallGovernment, client_as: ClientAs, django_assert_num_queries: Any
) -> None:
    build_world(gov)
    run = evaluation_run(actor=None, round_year=ROUND, scope_unit=None, parameters={"k": 2})
    client = client_as("analyst")
    client.get(reverse("evaluation:overview"))  # warm the session and scope
    with CaptureQueriesContext(connection) as first:
        cold = client.get(detail(run)).content
    cold_sql = [q["sql"] for q in first.captured_queries]
    assert len([sql for sql in cold_sql if '"result"' in sql]) == 1
    with django_assert_num_queries(len(cold_sql) - 1) as second:
        warm = client.get(detail(run)).content
    assert not [q for q in second.captured_queries if '"result"' in q["sql"]]
    assert masked(warm) == masked(cold)
    assert b"naik rata-rata +7,5 poin SKP" in warm


def test_each_run_reads_its_own_result(gov: SmallGovernment, make_user: Callable[..., Any]) -> None:
    build_world(gov)
    analyst = make_user("analyst")
    whole = evaluation_run(actor=None, round_year=ROUND, scope_unit=None, parameters={"k": 2})
    part = evaluation_run(actor=None, round_year=ROUND, scope_unit=gov.dinas, parameters={"k": 2})
    for _ in range(2):  # cold, then from the per-process copy
        for run in (whole, part):
            got = run_result(evaluation_run_get(viewer=analyst, public_id=run.public_id))
            assert got == EvaluationRun.objects.get(pk=run.pk).result
    assert run_result(whole)["summary"]["movers"] != run_result(part)["summary"]["movers"]


def test_a_page_of_movers_is_named_in_one_query_and_matches_the_full_list(
    gov: SmallGovernment, make_user: Callable[..., Any], django_assert_num_queries: Any
) -> None:
    build_world(gov)
    run = evaluation_run(actor=None, round_year=ROUND, scope_unit=None, parameters={"k": 2})
    view = round_view(viewer=make_user("analyst"), run=run)
    full = list(view.movers)  # as the export reads them
    assert len(full) == len(view.movers) == run.movers > 3
    with django_assert_num_queries(1):
        page = view.movers[1:3]
    assert page == full[1:3]
    assert view.movers[2] == full[2]
    assert all(row["name"] and row["nip"] for row in full)
