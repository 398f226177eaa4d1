"""Evaluation rounds on a real database: the panel selector (moves, batches, constant queries) and the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from conftest import SmallGovernment
from tepat.accounts.tests.factories import UserFactory
from tepat.core.models import AuditEntry
from tepat.engine.evaluation import Params
from tepat.engine.workflow import State
from tepat.evaluation.models import EvaluationRun
from tepat.evaluation.selectors.panel import evaluation_panel
from tepat.evaluation.services import evaluation_run
from tepat.evaluation.tests.rounds_world import ROUND, TMT, build_world, person
from tepat.organization.tests.factories import SeatFactory
from tepat.transfers.models import Move, Proposal

pytestmark = pytest.mark.django_db


def test_panel_finds_the_round_movers_with_their_units(gov: SmallGovernment) -> None:
    world = build_world(gov)
    data = evaluation_panel(round_year=ROUND, params=Params())
    movers = {mv.key: mv for mv in data.movers}
    assert set(movers) == {str(e.pk) for e in world.movers_kel + world.movers_dinas}
    into_kel = movers[str(world.movers_kel[0].pk)]
    assert into_kel.tmt == TMT
    assert into_kel.unit_label == "Kecamatan Banyumanik"  # the OPD level above the kelurahan
    assert into_kel.extra["sub_label"] == "Kelurahan Ngesrep"
    assert into_kel.extra["from_unit"] == "Dinas Kesehatan"
    row = data.employee_ids.index(world.stayers[0].pk)
    assert not data.panel.moved[row].any()
    assert data.panel.moved[into_kel.row, ROUND - data.panel.first_year]


def test_panel_scope_keeps_movers_into_the_subtree_only(gov: SmallGovernment) -> None:
    world = build_world(gov)
    data = evaluation_panel(round_year=ROUND, params=Params(), scope_path=gov.kecamatan.path)
    assert {mv.key for mv in data.movers} == {str(e.pk) for e in world.movers_kel}
    assert len(data.employee_ids) > len(data.movers)  # stayers come from the whole government


def test_panel_links_moves_made_through_tepat_to_their_proposal(gov: SmallGovernment) -> None:
    world = build_world(gov, movers=1)
    employee = world.movers_kel[0]
    proposal = Proposal.objects.create(title="Mutasi 2025-I", created_by=UserFactory.create())
    Move.objects.create(
        proposal=proposal, employee=employee, target_seat=SeatFactory.create(position=world.kel_post),
        status=State.SELESAI, tmt=TMT, reason="rotasi",
    )  # fmt: skip
    movers = {mv.key: mv for mv in evaluation_panel(round_year=ROUND, params=Params()).movers}
    assert (movers[str(employee.pk)].batch_key, movers[str(employee.pk)].batch_label) == (
        str(proposal.public_id),
        "Mutasi 2025-I",
    )
    assert movers[str(world.movers_dinas[0].pk)].batch_key == ""


def test_panel_reads_in_constant_queries(gov: SmallGovernment, django_assert_num_queries: Any) -> None:
    build_world(gov, movers=2, stayers=2)
    with django_assert_num_queries(6) as small:
        evaluation_panel(round_year=ROUND, params=Params())
    build_world(gov, movers=8, stayers=12)
    with django_assert_num_queries(len(small.captured_queries)):
        evaluation_panel(round_year=ROUND, params=Params())


def test_service_stores_an_audited_run_with_the_effect(gov: SmallGovernment) -> None:
    world = build_world(gov)
    actor = UserFactory.create()
    run = evaluation_run(actor=actor, round_year=ROUND, parameters={"k": 2})
    assert run.status == "selesai"
    # into the kelurahan: +12, +12, −15 (Butuh Perbaikan); into the dinas: +12 × 3; stayers: 0
    assert run.effect == pytest.approx((12 * 5 - 15) / 6, abs=0.01)
    assert (run.movers, run.unmatched, run.needs_support) == (6, 0, 1)
    refs = {ref for row in run.result["movers"] for ref in row["comparison_refs"]}
    assert refs <= {e.pk for e in world.stayers}  # stayers only, never a mover
    assert run.comparisons == len(refs) >= 4  # two per mover, ties spread over the six equal stayers per unit
    assert run.result["summary"]["sentence"].startswith("Pegawai yang dimutasi naik rata-rata +7,5 poin SKP")
    assert run.engine_version == "evaluation-1.0"
    assert len(run.inputs_hash) == 64
    entry = AuditEntry.objects.get(action="evaluation_run", object_id=str(run.public_id))
    assert entry.actor == actor
    assert entry.changes["inputs_hash"] == run.inputs_hash
    again = evaluation_run(actor=actor, round_year=ROUND, parameters={"k": 2})
    assert again.inputs_hash == run.inputs_hash
    assert again.result == run.result  # same inputs, same seed: same figures


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"round_year": 1900}, "round_year", "Tahun putaran"),
        ({"round_year": ROUND, "parameters": {"k": 0}}, "parameters", "k: harus bilangan bulat 1 sampai 50"),
        ({"round_year": ROUND, "parameters": {"warp": 1}}, "parameters", "warp: parameter tidak dikenal"),
    ],
)
def test_service_rejects_bad_input_naming_the_field(
    gov: SmallGovernment, kwargs: dict[str, Any], field: str, text: str
) -> None:
    with pytest.raises(ValidationError) as error:
        evaluation_run(actor=UserFactory.create(), **kwargs)
    assert text in " ".join(error.value.message_dict[field])
    assert not EvaluationRun.objects.exists()
    assert not AuditEntry.objects.filter(action="evaluation_run").exists()


def test_mover_whose_move_is_a_promotion_inside_one_unit_is_not_a_mover(gov: SmallGovernment) -> None:
    world = build_world(gov, movers=0, stayers=1)

    other = type(world.kel_post).objects.create(
        code="KEL-X", name="Kasi X", unit=gov.kelurahan, kind="pengawas"
    )
    person(
        [(world.kel_post, dt.date(2019, 1, 1), TMT), (other, TMT + dt.timedelta(days=1), None)],
        {2024: "Baik"},
    )
    assert evaluation_panel(round_year=ROUND, params=Params()).movers == []
