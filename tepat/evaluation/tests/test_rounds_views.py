"""Evaluation pages: who sees what (BKPP all, unit head own subtree, auditor read-only, employee nothing),
the round page's figures, the Excel export's formula escaping, and pinned query counts."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from conftest import SmallGovernment
from tepat.evaluation.models import EvaluationRun
from tepat.evaluation.services import evaluation_run
from tepat.evaluation.tests.rounds_world import ROUND, World, build_world, mover
from tepat.organization.models import Unit

pytestmark = pytest.mark.django_db
ClientAs = Callable[..., Client]


def run_for(world: World, scope: Unit | None = None) -> EvaluationRun:
    return evaluation_run(actor=None, round_year=ROUND, scope_unit=scope, parameters={"k": 2})


def detail(run: EvaluationRun) -> str:
    return reverse("evaluation:round_detail", kwargs={"public_id": run.public_id})


def test_analyst_computes_a_round_and_reads_it(gov: SmallGovernment, client_as: ClientAs) -> None:
    build_world(gov)
    client = client_as("analyst")
    assert client.get(reverse("evaluation:overview")).status_code == 200
    response = client.post(
        reverse("evaluation:round_create"), {"round_year": ROUND, "scope_unit": "", "k": 2}
    )
    run = EvaluationRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(run)
    page = client.get(detail(run)).content.decode()
    assert "naik rata-rata +7,5 poin SKP" in page
    assert f"6 dimutasi, {run.comparisons} pembanding" in page
    assert "Pindah Kel 0" in page  # the one who fell below Baik: needs support
    assert "SKP setelah pindah di bawah Baik (Butuh Perbaikan pada 2025)" in page
    assert 'data-chart="round-chart-data"' in page
    overview = client.get(reverse("evaluation:overview")).content.decode()
    assert detail(run) in overview
    assert 'data-testid="overview-reviews"' in overview  # the reviews slot


def test_bad_round_year_is_named_and_nothing_is_stored(gov: SmallGovernment, client_as: ClientAs) -> None:
    response = client_as("analyst").post(reverse("evaluation:round_create"), {"round_year": "x", "k": 2})
    assert response.status_code == 400
    assert "Tahun putaran harus angka." in response.content.decode()
    assert not EvaluationRun.objects.exists()


def test_unit_head_sees_only_the_movers_into_their_subtree(gov: SmallGovernment, client_as: ClientAs) -> None:
    world = build_world(gov)
    run = run_for(world)
    page = client_as("unit_head", gov.kelurahan).get(detail(run)).content.decode()
    assert "Pindah Kel 1" in page
    assert "Pindah Din" not in page
    # re-aggregated over the kelurahan's three movers: (12 + 12 − 15) / 3 = +3,0
    assert "naik rata-rata +3,0 poin SKP" in page
    kel_refs = {
        ref
        for r in run.result["movers"]
        if r["sub_label"] == "Kelurahan Ngesrep"
        for ref in r["comparison_refs"]
    }
    assert f"3 dimutasi, {len(kel_refs)} pembanding" in page
    assert "cakupan Anda" in page


def test_unit_head_gets_404_for_a_run_outside_their_subtree(
    gov: SmallGovernment, client_as: ClientAs
) -> None:
    world = build_world(gov)
    dinas_run = run_for(world, gov.dinas)
    kecamatan_run = run_for(world, gov.kecamatan)
    head = client_as("unit_head", gov.kelurahan)
    assert head.get(detail(dinas_run)).status_code == 404
    assert head.get(detail(dinas_run) + "unduh/").status_code == 404
    assert head.get(detail(kecamatan_run)).status_code == 200  # contains the kelurahan
    listed = head.get(reverse("evaluation:overview")).content.decode()
    assert detail(kecamatan_run) in listed
    assert detail(dinas_run) not in listed


def test_employee_sees_nothing(gov: SmallGovernment, client_as: ClientAs) -> None:
    run = run_for(build_world(gov))
    employee = client_as("employee")
    assert employee.get(reverse("evaluation:overview")).status_code == 403
    assert employee.get(detail(run)).status_code in (403, 404)
    assert employee.get(detail(run) + "unduh/").status_code in (403, 404)


def test_auditor_reads_but_never_computes(gov: SmallGovernment, client_as: ClientAs) -> None:
    run = run_for(build_world(gov))
    auditor = client_as("auditor")
    assert auditor.get(detail(run)).status_code == 200
    assert 'data-testid="round-form"' not in auditor.get(reverse("evaluation:overview")).content.decode()
    response = auditor.post(reverse("evaluation:round_create"), {"round_year": ROUND, "k": 2})
    assert response.status_code == 403
    assert EvaluationRun.objects.count() == 1
    head = client_as("unit_head", gov.kelurahan)
    assert head.post(reverse("evaluation:round_create"), {"round_year": ROUND, "k": 2}).status_code == 403


def test_export_escapes_formulas_and_is_scoped(gov: SmallGovernment, client_as: ClientAs) -> None:
    world = build_world(gov)
    mover(world.dinas_post, world.kel_post, "Baik", name='=HYPERLINK("http://x","klik")')
    run = run_for(world)
    response = client_as("analyst").get(detail(run) + "unduh/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    book = load_workbook(io.BytesIO(response.content))
    names = [row[0] for row in book["Pegawai"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x","klik")' in names
    assert all(not str(n).startswith("=") for n in names)
    scoped = client_as("unit_head", gov.dinas).get(detail(run) + "unduh/")
    scoped_names = [
        r[0]
        for r in load_workbook(io.BytesIO(scoped.content))["Pegawai"].iter_rows(min_row=2, values_only=True)
    ]
    assert scoped_names
    assert all(str(n).startswith("Pindah Din") for n in scoped_names)


@pytest.mark.parametrize("role", ["analyst", "unit_head"])
def test_round_page_queries_do_not_grow_with_movers(
    gov: SmallGovernment, client_as: ClientAs, django_assert_max_num_queries: Any, role: str
) -> None:
    small = run_for(build_world(gov, movers=2, stayers=2))
    client = client_as(role, gov.kecamatan if role == "unit_head" else None)
    client.get(detail(small))  # warm the session and scope
    with django_assert_max_num_queries(12) as captured:
        assert client.get(detail(small)).status_code == 200
    limit = len(captured.captured_queries)  # now: the connection's query log is a bounded deque
    build_world(gov, movers=20, stayers=20)
    big = run_for(build_world(gov, movers=0, stayers=0))
    assert big.movers > small.movers
    client.get(detail(big))  # its result parsed once per process, as small's was (test_rounds_cache.py)
    with django_assert_max_num_queries(limit):
        assert client.get(detail(big)).status_code == 200


def test_unit_head_overview_shows_no_whole_scope_figures(gov: SmallGovernment, client_as: ClientAs) -> None:
    run = run_for(build_world(gov))
    page = client_as("unit_head", gov.kelurahan).get(reverse("evaluation:overview")).content.decode()
    assert detail(run) in page
    assert "Efek (poin SKP)" not in page
    assert "Efek (poin SKP)" in client_as("auditor").get(reverse("evaluation:overview")).content.decode()


def test_api_lists_runs_for_government_readers_only(
    gov: SmallGovernment, client_as: ClientAs, django_assert_max_num_queries: Any
) -> None:
    world = build_world(gov)
    run = run_for(world)
    analyst = client_as("analyst")
    with django_assert_max_num_queries(8) as captured:
        body = analyst.get("/api/v1/evaluation-runs").json()
    assert body["count"] == 1
    row = body["results"][0]
    assert (row["id"], row["round_year"], row["movers"]) == (str(run.public_id), ROUND, 6)
    assert row["effect"] == run.effect
    for _ in range(5):
        run_for(world, gov.kecamatan)
    with django_assert_max_num_queries(len(captured.captured_queries)):
        assert analyst.get("/api/v1/evaluation-runs").json()["count"] == 6
    assert client_as("unit_head", gov.kelurahan).get("/api/v1/evaluation-runs").status_code == 403
    assert client_as("employee").get("/api/v1/evaluation-runs").status_code == 403
