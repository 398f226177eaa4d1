"""Needs selectors on the database: bezetting at the reference date, roll-up, scope, projection, vacancies, fit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from conftest import SmallGovernment, seat_employee
from tepat.engine.needs import BalanceStatus, NeedSource, NeedsRules, Rounding, needs_for
from tepat.engine.roles import Role
from tepat.organization.models import (
    Competency,
    EducationField,
    ManualRequirement,
    Position,
    PositionCompetency,
    Unit,
    WorkloadTask,
)
from tepat.organization.tests.factories import PositionFactory, SeatFactory
from tepat.people.models import CompetencyAssessment, Employee, PositionHistory
from tepat.people.tests.factories import EmployeeFactory
from tepat.planning.needs.fit import staff_fit
from tepat.planning.needs.loading import load_structure
from tepat.planning.needs.selectors import (
    NeedsReport,
    PositionNeed,
    name_leavers,
    name_people,
    needs_report,
    projection_report,
)
from tepat.planning.needs.vacancies import horizon_after, name_vacancies, vacancy_map_for

pytestmark = pytest.mark.django_db

ON = dt.date(2026, 6, 15)  # reference date: 31 December 2025
WKE = 75_000


def workload(position: Position, persons: float, tasks: int = 2) -> None:
    """`tasks` rows whose Σ(volume × norm) is `persons` × WKE."""
    for i in range(tasks):
        WorkloadTask.objects.create(
            position=position,
            name=f"Tugas {i + 1}",
            output_unit="dokumen",
            volume=Decimal(str(persons * WKE / tasks / 10)),
            norm_minutes=Decimal(10),
        )


def row_of(report: NeedsReport, position: Position) -> PositionNeed:
    return next(p for p in report.positions if p.position.pk == position.pk)


def post_of(employee: Employee) -> Position:
    assert employee.seat is not None
    return employee.seat.position


@pytest.fixture
def world(gov: SmallGovernment) -> SmallGovernment:
    """Kasi (kelurahan) needs 2, has Budi; the kecamatan post needs 1, has Ani and Eka; the dinas post has no basis."""
    workload(gov.kasi, 1.5)
    kec_post = post_of(gov.staff_kecamatan)
    workload(kec_post, 0.8)
    seat_employee(kec_post, dt.date(2020, 1, 1), name="Eka Kecamatan")
    seat_employee(kec_post, dt.date(2026, 2, 1), name="Baru Setelah Acuan")  # after 31-12-2025: not counted
    seat_employee(kec_post, dt.date(2021, 1, 1), name="Calon Pegawai", status="CPNS")  # CPNS: not counted
    return gov


def test_bezetting_is_counted_from_the_history_at_the_reference_date(
    world: SmallGovernment, make_user
) -> None:
    report = needs_report(viewer=make_user(Role.ANALYST), on=ON)
    assert report.reference == dt.date(2025, 12, 31)
    kec = row_of(report, post_of(world.staff_kecamatan))
    (named,) = name_people(viewer=make_user(Role.HR_ADMIN), rows=[kec])
    assert sorted(p.name for p in named.people) == ["Ani Kecamatan", "Eka Kecamatan"]
    assert (kec.need.required, kec.balance.present, kec.balance.status) == (1, 2, BalanceStatus.KELEBIHAN)
    assert kec.balance.ej == Decimal("0.4000")
    kasi = row_of(report, world.kasi)
    assert (kasi.need.required, kasi.missing, kasi.need.exact_headcount) == (2, 1, Decimal("1.5000"))
    dinas = row_of(report, post_of(world.staff_dinas))
    assert dinas.need.source is NeedSource.TANPA_DASAR
    assert dinas.balance.status is BalanceStatus.TANPA_DASAR


def test_a_move_before_the_reference_date_counts_in_the_new_post_only(
    world: SmallGovernment, make_user
) -> None:
    mover = world.staff_kelurahan
    PositionHistory.objects.filter(employee=mover).update(start=dt.date(2020, 1, 1), end=dt.date(2025, 6, 30))
    PositionHistory.objects.create(
        employee=mover,
        position=post_of(world.staff_dinas),
        unit=world.dinas,
        position_name="x",
        unit_name="y",
        start=dt.date(2025, 7, 1),
    )
    report = needs_report(viewer=make_user(Role.ANALYST), on=ON)
    assert row_of(report, world.kasi).balance.present == 0
    assert row_of(report, post_of(world.staff_dinas)).balance.present == 2


def test_an_imported_post_without_a_position_record_is_not_counted_and_breaks_nothing(
    world: SmallGovernment, make_user
) -> None:
    """History imported from before Tepat may name an abolished post (no Position row) at the reference date."""
    mover = world.staff_kelurahan
    PositionHistory.objects.filter(employee=mover).update(start=dt.date(2026, 3, 1))
    PositionHistory.objects.create(
        employee=mover, position=None, unit=world.kecamatan, position_name="Pengadministrasi (lama)",
        unit_name="Kecamatan Banyumanik", start=dt.date(2019, 1, 1), end=dt.date(2026, 2, 28),
    )  # fmt: skip
    report = needs_report(viewer=make_user(Role.ANALYST), on=ON)
    assert row_of(report, world.kasi).balance.present == 0


def test_units_roll_up_without_netting(world: SmallGovernment, make_user) -> None:
    report = needs_report(viewer=make_user(Role.ANALYST), on=ON)
    rows = {row.unit.code: row.total for row in report.rows}
    assert set(rows) == {"KEC-BNY", "DINKES"}  # the top level (OPD and kecamatan)
    kec = rows["KEC-BNY"]
    assert (kec.required, kec.present, kec.kelebihan, kec.kekurangan) == (3, 3, 1, 1)
    assert rows["DINKES"].positions_without_basis == 1
    assert (report.total.kelebihan, report.total.kekurangan, report.total.positions_without_basis) == (
        1,
        1,
        1,
    )


def test_a_unit_page_shows_the_root_own_positions_and_its_children(world: SmallGovernment, make_user) -> None:
    report = needs_report(viewer=make_user(Role.ANALYST), unit=world.kecamatan, on=ON)
    own, child = report.rows
    assert own.unit.code == "KEC-BNY"
    assert (own.total.required, own.total.present) == (1, 2)
    assert child.unit.code == "KEL-NGS"
    assert (child.total.required, child.total.present) == (2, 1)


def test_manual_formasi_is_used_only_without_a_workload(world: SmallGovernment, make_user) -> None:
    post = post_of(world.staff_dinas)
    ManualRequirement.objects.create(position=post, required=3, reason="peta jabatan")
    row = row_of(needs_report(viewer=make_user(Role.ANALYST), on=ON), post)
    assert (row.need.source, row.need.required, row.missing) == (NeedSource.FORMASI_MANUAL, 3, 2)
    assert row.balance.ej is None


def test_a_unit_head_sees_only_their_subtree(world: SmallGovernment, make_user) -> None:
    report = needs_report(viewer=make_user(Role.UNIT_HEAD, world.kelurahan), on=ON)
    assert {p.position.pk for p in report.positions} == {world.kasi.pk}
    assert [row.unit.code for row in report.rows] == ["KEL-NGS"]


def test_people_outside_the_viewer_scope_are_counted_but_not_named(world: SmallGovernment, make_user) -> None:
    Employee.objects.filter(pk=world.staff_kelurahan.pk).update(unit=world.dinas)  # moved since the reference
    head = make_user(Role.UNIT_HEAD, world.kelurahan)
    (row,) = name_people(viewer=head, rows=[row_of(needs_report(viewer=head, on=ON), world.kasi)])
    (person,) = row.people
    assert not person.visible
    assert person.nip == ""
    assert "Budi" not in person.name


def test_projection_counts_retirements_and_contract_ends_and_ranks_priorities(
    world: SmallGovernment, make_user
) -> None:
    Employee.objects.filter(pk=world.staff_kelurahan.pk).update(birth_date=dt.date(1969, 5, 14))  # BUP 58
    pppk = seat_employee(world.kasi, dt.date(2023, 1, 1), status="PPPK", contract_end=dt.date(2028, 3, 31))
    report = projection_report(viewer=make_user(Role.ANALYST), unit=world.kelurahan, on=ON)
    years = {y.year: y for y in report.years}
    assert list(years) == [2026, 2027, 2028, 2029, 2030]
    assert (years[2027].retirements, years[2028].contract_ends) == (1, 1)
    assert [years[y].present for y in years] == [2, 1, 0, 0, 0]
    assert [years[y].shortage for y in years] == [0, 1, 2, 2, 2]
    (priority,) = report.priorities
    assert (priority.position.pk, priority.priority.first_year, priority.priority.max_shortage) == (
        world.kasi.pk,
        2027,
        2,
    )
    leavers = name_leavers(viewer=make_user(Role.HR_ADMIN), rows=report.leavers)
    assert [(r.person.pk if r.person else None, r.departure.on) for r in leavers] == [
        (world.staff_kelurahan.pk, dt.date(2027, 6, 1)),
        (pppk.pk, dt.date(2028, 4, 1)),
    ]


def test_a_pppk_without_contract_end_is_listed_instead_of_failing(world: SmallGovernment, make_user) -> None:
    seat_employee(world.kasi, dt.date(2023, 1, 1), status="PPPK", contract_end=None, name="Tanpa Kontrak")
    report = projection_report(viewer=make_user(Role.ANALYST), unit=world.kelurahan, on=ON)
    assert [Employee.objects.get(pk=e).name for e in report.skipped] == ["Tanpa Kontrak"]


def test_vacancy_map_lists_empty_and_leaving_seats_and_releasable_surplus(
    world: SmallGovernment, make_user
) -> None:
    SeatFactory.create(position=world.kasi, number=9)  # empty now
    Employee.objects.filter(pk=world.staff_kelurahan.pk).update(birth_date=dt.date(1969, 5, 14))
    viewer = make_user(Role.ANALYST)
    now = vacancy_map_for(viewer=viewer, as_of=ON)
    assert [(v.position.pk, v.reason) for v in now.vacancies] == [(world.kasi.pk, "kosong")]
    later = vacancy_map_for(viewer=viewer, as_of=ON, horizon=horizon_after(ON, 12))
    assert [(v.reason, v.free_from) for v in later.vacancies] == [
        ("kosong", ON),
        ("pensiun", dt.date(2027, 6, 1)),
    ]
    leaving = name_vacancies(viewer=viewer, rows=later.vacancies)[1]
    assert leaving.occupant is not None
    assert leaving.occupant.name == "Budi Kelurahan"
    (release,) = later.releases  # the kecamatan post: 3 PNS today (Ani, Eka, the newcomer) for a need of 1
    assert (release.position.pk, release.count, len(release.candidate_ids)) == (
        post_of(world.staff_kecamatan).pk,
        2,
        3,
    )


def test_horizon_months_clamp_to_the_end_of_the_month() -> None:
    assert horizon_after(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert horizon_after(dt.date(2026, 11, 27), 12) == dt.date(2027, 11, 27)


def test_staff_fit_flags_a_nurse_doing_general_administration(gov: SmallGovernment, make_user) -> None:
    admin_field = EducationField.objects.create(code="ADMP", name="Administrasi Publik", rumpun="Sosial")
    nurse_field = EducationField.objects.create(code="KEP", name="Keperawatan", rumpun="Kesehatan")
    post = PositionFactory.create(unit=gov.kelurahan, name="Pengadministrasi Umum")
    post.education_fields.add(admin_field)
    competency = Competency.objects.create(code="M1", name="Integritas", group="manajerial")
    PositionCompetency.objects.create(position=post, competency=competency, level=3)
    nurse = seat_employee(post, dt.date(2020, 1, 1), name="Dewi Perawat", education_field=nurse_field)
    clerk = seat_employee(post, dt.date(2020, 1, 1), name="Rudi Admin", education_field=admin_field)
    CompetencyAssessment.objects.create(employee=nurse, competency=competency, level=3, assessed_on=ON)
    CompetencyAssessment.objects.create(employee=clerk, competency=competency, level=1, assessed_on=ON)
    report = staff_fit(viewer=make_user(Role.ANALYST), unit=gov.kelurahan, on=ON)
    by_name = {s.person.name: s for s in report.staff if s.person}
    assert by_name["Dewi Perawat"].education_label == "Tidak sesuai"
    assert by_name["Dewi Perawat"].jpm == pytest.approx(100.0)
    assert by_name["Rudi Admin"].education_label == "Sesuai"
    assert by_name["Rudi Admin"].competency.outcome == "fail"
    assert {s.person.name for s in report.mismatches if s.person} == {"Dewi Perawat", "Rudi Admin"}
    kelurahan_row = next(r for r in report.rows if r.unit.code == "KEL-NGS")
    assert (kelurahan_row.education_bad, kelurahan_row.competency_bad) == (1, 1)


def grow(gov: SmallGovernment, rows: int) -> None:
    """`rows` more positions with a workload, a seat holder and an assessment (for pinned query counts)."""
    for i in range(rows):
        unit: Unit = gov.kelurahan if i % 2 else gov.dinas
        post = PositionFactory.create(unit=unit)
        workload(post, 0.5 + (i % 3))
        seat_employee(post, dt.date(2015, 1, 1), name=f"Tambahan {i:03d}")
        if i % 5 == 0:
            SeatFactory.create(position=post, number=99)
        if i % 7 == 0:
            EmployeeFactory.create(unit=unit, status="PPPK", contract_end=dt.date(2027, 1, 1))


@pytest.mark.parametrize("rounding", [Rounding.CEIL_PER_POSITION, Rounding.HALF_UP])
def test_database_totals_equal_the_task_rows_even_at_half(gov: SmallGovernment, make_user, rounding) -> None:
    # 0.1 and 0.7 have no exact float; the total is exactly half a WKE (37,500 minutes).
    for i, (volume, norm) in enumerate([("1234.1", "0.7"), ("36636.10", "1"), ("0.1", "0.3")]):
        WorkloadTask.objects.create(
            position=gov.kasi,
            name=f"T{i}",
            output_unit="x",
            volume=Decimal(volume),
            norm_minutes=Decimal(norm),
        )
    rules = NeedsRules(rounding=rounding)
    viewer = make_user(Role.ANALYST)
    rows = load_structure(viewer=viewer, root=gov.kelurahan, per_task=True).engine_positions
    sums = load_structure(viewer=viewer, root=gov.kelurahan, per_task=False).engine_positions
    assert needs_for(rows, rules) == needs_for(sums, rules)
    assert needs_for(sums, rules)[0].workload_minutes == Decimal("37500.00")
    assert needs_for(sums, rules)[0].required == 1
