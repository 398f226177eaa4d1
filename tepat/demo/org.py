"""Build an organisation plan (unit rows + position rows) from templates; the demo and the city share it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tepat.demo import catalog as c
from tepat.demo.catalog import JfSpec, Template
from tepat.engine.reference import PositionKind
from tepat.organization.bulk import PositionRow, UnitRow
from tepat.organization.models import UnitKind

ROOT_CODE = "PEMKOT-SMG"
ROOT_NAME = "Pemerintah Kota Semarang"

SeatRule = Callable[[Template], int]  # how many seats a template gets in this plan


def template_seats(template: Template) -> int:
    return template.seats


@dataclass(frozen=True)
class Slot:
    """One seat of a planned position, with what the people generator needs to know about it."""

    position_code: str
    number: int
    template: Template
    unit_code: str
    unit_name: str


@dataclass
class OrgPlan:
    seat_rule: SeatRule = template_seats
    units: list[UnitRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    unit_names: dict[str, str] = field(default_factory=dict)

    def unit(self, code: str, name: str, kind: UnitKind, parent: str = "") -> str:
        self.units.append(UnitRow(code, name, kind.value, parent))
        self.unit_names[code] = name
        return code

    def position(self, unit_code: str, template: Template) -> str:
        seats = self.seat_rule(template) if template.scalable else template.seats
        row = template.row(unit_code, seats)
        self.positions.append(row)
        name = self.unit_names[unit_code]
        self.slots += [Slot(row.spec.code, n, template, unit_code, name) for n in range(1, seats + 1)]
        return row.spec.code

    def positions_of(self, unit_code: str, templates: Sequence[Template]) -> None:
        for template in templates:
            self.position(unit_code, template)


def root(plan: OrgPlan) -> str:
    return plan.unit(ROOT_CODE, ROOT_NAME, UnitKind.PEMERINTAH)


def secretariat(
    plan: OrgPlan,
    parent: str,
    parent_name: str,
    head_name: str,
    head_kind: PositionKind,
    ranks: tuple[int, int],
) -> None:
    sekretaris, umpeg, renkeu = c.secretariat_templates(head_name, head_kind, ranks)
    sekret = plan.unit(f"{parent}-SEKRET", f"Sekretariat {parent_name}", UnitKind.SEKRETARIAT, parent)
    plan.position(sekret, sekretaris)
    code = plan.unit(
        f"{parent}-UMPEG", f"Subbagian Umum dan Kepegawaian {parent_name}", UnitKind.SUBBAGIAN, sekret
    )
    plan.positions_of(code, umpeg)
    code = plan.unit(
        f"{parent}-RENKEU", f"Subbagian Perencanaan dan Keuangan {parent_name}", UnitKind.SUBBAGIAN, sekret
    )
    plan.positions_of(code, renkeu)


def kecamatan(plan: OrgPlan, abbr: str, name: str, kelurahan: Sequence[str]) -> str:
    """A kecamatan (tipe A) with its kelurahan; kelurahan codes are KEL-<abbr>-<NAME WITHOUT SPACES>."""
    full = f"Kecamatan {name}"
    code = plan.unit(f"KEC-{abbr}", full, UnitKind.KECAMATAN, ROOT_CODE)
    plan.positions_of(code, (c.CAMAT, *c.KECAMATAN_STAFF))
    secretariat(plan, code, full, "Sekretaris Kecamatan", PositionKind.ADMINISTRATOR, (34, 41))
    for slug, seksi, teknis, fields, family, staff_slug, staff_name in c.KECAMATAN_SEKSI:
        unit = plan.unit(f"{code}-{slug}", f"Seksi {seksi} {full}", UnitKind.SEKSI, code)
        plan.position(unit, c.kasi(seksi, teknis, fields, family))
        plan.position(unit, c.pelaksana(staff_slug, staff_name, family, teknis[0][0], (*fields, "SMA")))
    for kel in kelurahan:
        unit = plan.unit(kelurahan_code(abbr, kel), f"Kelurahan {kel}", UnitKind.KELURAHAN, code)
        plan.positions_of(unit, c.KELURAHAN)
    return code


def kelurahan_code(abbr: str, name: str) -> str:
    return f"KEL-{abbr}-{name.upper().replace(' ', '')}"


@dataclass(frozen=True)
class OpdSpec:
    code: str
    name: str
    kind: UnitKind
    head_name: str
    head_fields: tuple[str, ...]
    head_teknis: str
    bidang: tuple[tuple[str, str, JfSpec], ...]  # (slug, name, functional position of the bidang)
    skilled: bool = False  # the bidang staff are JF keterampilan (Polisi Pamong Praja …)
    bagian: bool = False  # Setda: bagian instead of bidang, no sekretariat


def opd(plan: OrgPlan, spec: OpdSpec) -> str:
    code = plan.unit(spec.code, spec.name, spec.kind, ROOT_CODE)
    plan.position(
        code,
        c.head(
            "KEPALA",
            spec.head_name,
            PositionKind.JPT_PRATAMA,
            (42, 44),
            fields=spec.head_fields,
            teknis=((spec.head_teknis, 4),),
            family=spec.bidang[0][2].family,
            kelas=14,
        ),
    )
    if not spec.bagian:
        secretariat(plan, code, spec.name, f"Sekretaris {spec.name}", PositionKind.ADMINISTRATOR, (41, 42))
    for slug, name, jf in spec.bidang:
        bidang(plan, spec, code, slug, name, jf)
    return code


def bidang(plan: OrgPlan, spec: OpdSpec, parent: str, slug: str, name: str, jf: JfSpec) -> None:
    word = "Bagian" if spec.bagian else "Bidang"
    kind = UnitKind.BAGIAN if spec.bagian else UnitKind.BIDANG
    code = plan.unit(f"{parent}-{slug}", f"{word} {name}", kind, parent)
    plan.position(
        code,
        c.head(
            "KABID",
            f"Kepala {word} {name}",
            PositionKind.ADMINISTRATOR,
            (41, 42),
            fields=jf.fields,
            teknis=((jf.teknis, 3),),
            family=jf.family,
            kelas=11,
        ),
    )
    if spec.skilled:
        staff = (
            c.fungsional("JF-MAHIR", jf.name, "Mahir", jf, seats=2),
            c.fungsional("JF-TERAMPIL", jf.name, "Terampil", jf, seats=4),
        )
    else:
        staff = (
            c.fungsional("JF-MUDA", jf.name, "Ahli Muda", jf),
            c.fungsional("JF-PERTAMA", jf.name, "Ahli Pertama", jf, seats=2),
        )
    plan.positions_of(code, (*staff, c.pelaksana("PENGADM-UMUM", "Pengadministrasi Umum", "umum", "T-ADMUM")))


def puskesmas(plan: OrgPlan, parent: str, slug: str, name: str) -> str:
    code = plan.unit(f"PKM-{slug}", f"Puskesmas {name}", UnitKind.PUSKESMAS, parent)
    plan.positions_of(code, c.PUSKESMAS)
    return code


def sekolah(plan: OrgPlan, parent: str, slug: str, name: str) -> str:
    code = plan.unit(f"SD-{slug}", name, UnitKind.UPTD, parent)
    plan.positions_of(code, c.SEKOLAH)
    return code
