"""The ready-made rotation round of the demo (JOURNEYS.md §3): "Skenario Mutasi 2027-I", computed once.

Kecamatan Banyumanik + Dinas Kesehatan; pool = everyone over five years in post plus volunteers; seats = the
vacancy map (empty now or freed within 12 months); at most 25 moves; no unit loses more than two. Some employees
state preferences first, so the plan has volunteers, a preference honoured (pegawai.demo), a hardship case to look
at again and colleagues who want each other's places. With those and the cross-matched Kasubag of Dinas Kesehatan
(journeys.CROSS_MATCHED) the whole round is clearly better than filling seats one by one, which cannot do a swap:
with the demo staff otherwise fitting their posts well, it was only ~0.3 % better before.
Idempotent: nothing is written when the scenario already exists or when the analyst account does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from tepat.accounts.models import User
from tepat.demo import journeys as j
from tepat.demo.accounts import ACTOR_LABEL
from tepat.organization.models import Position, Unit
from tepat.people.models import Employee, PreferenceReason
from tepat.people.services.preferences import PreferenceItem, employee_preferences_set
from tepat.planning.models import Scenario, ScenarioRun, SeatSource
from tepat.planning.scenarios.services import scenario_create, scenario_run_now

DEMO_SCENARIO = "Skenario Mutasi 2027-I"
SCOPE = ("Kecamatan Banyumanik", "Dinas Kesehatan")
ANALYST = "analis"


@dataclass(frozen=True)
class DemoPreference:
    seat_position: str  # position code of the employee's seat (seat number 1)
    unit: str | None  # preferred unit name, or
    position: str | None  # preferred position code
    reason: str
    note: str


PREFERENCES = (
    DemoPreference(j.PEGAWAI_DEMO, "Kelurahan Ngesrep", None, PreferenceReason.DISTANCE, "dekat rumah di Ngesrep"),
    DemoPreference(
        "KEL-BYM-PADANGSARI.PENGADM-UMUM", None, "PKM-PADANGSARI.PERAWAT-TRP", PreferenceReason.CAREER,
        "lulusan D3 Keperawatan, ingin kembali ke layanan kesehatan",
    ),
    DemoPreference(j.SPOUSE_OF_LURAH, "Kelurahan Tinjomoyo", None, PreferenceReason.HEALTH, "orang tua sakit, tinggal di Tinjomoyo"),
    # Colleagues in the same kind of post who each want the other's place (a ring of three lab staff, five
    # pairs): only the whole round can do these, since filling seats one by one never finds an open seat.
    DemoPreference("PKM-PADANGSARI.PLK", "Puskesmas Pegandan", None, PreferenceReason.DISTANCE, "rumah di Pegandan"),
    DemoPreference("PKM-PEGANDAN.PLK", "Puskesmas Rowosari", None, PreferenceReason.SPOUSE, "suami bertugas di Rowosari"),
    DemoPreference("PKM-ROWOSARI.PLK", "Puskesmas Padangsari", None, PreferenceReason.DISTANCE, "rumah di Padangsari"),
    DemoPreference("PKM-SRONDOL.NUTRISIONIS", "Puskesmas Rowosari", None, PreferenceReason.DISTANCE, "rumah di Rowosari"),
    DemoPreference("PKM-ROWOSARI.NUTRISIONIS", "Puskesmas Srondol", None, PreferenceReason.DISTANCE, "rumah di Srondol"),
    DemoPreference("PKM-NGESREP.DOKTER", "Puskesmas Pudakpayung", None, PreferenceReason.SPOUSE, "istri bertugas di Pudakpayung"),
    DemoPreference("PKM-PUDAKPAYUNG.DOKTER", "Puskesmas Ngesrep", None, PreferenceReason.DISTANCE, "rumah di Ngesrep"),
    DemoPreference("PKM-PUDAKPAYUNG.FARMASI", "Puskesmas Kedungmundu", None, PreferenceReason.DISTANCE, "rumah di Kedungmundu"),
    DemoPreference("PKM-KEDUNGMUNDU.FARMASI", "Puskesmas Pudakpayung", None, PreferenceReason.DISTANCE, "rumah di Pudakpayung"),
    DemoPreference("KEL-BYM-GEDAWANG.LAYANAN-DUK", "Kelurahan Sumurboto", None, PreferenceReason.DISTANCE, "rumah di Sumurboto"),
    DemoPreference("KEL-BYM-SUMURBOTO.LAYANAN-DUK", "Kelurahan Gedawang", None, PreferenceReason.DISTANCE, "rumah di Gedawang"),
    DemoPreference("KEL-BYM-BANYUMANIK.SEKEL", "Kelurahan Tinjomoyo", None, PreferenceReason.DISTANCE, "rumah di Tinjomoyo"),
    DemoPreference("KEL-BYM-TINJOMOYO.SEKEL", "Kelurahan Banyumanik", None, PreferenceReason.SPOUSE, "suami bertugas di Banyumanik"),
)  # fmt: skip


def _seat_holder(position_code: str) -> Employee | None:
    return Employee.objects.filter(seat__position__code=position_code, seat__number=1).first()


def _preferences_ensure() -> int:
    stated = 0
    for pref in PREFERENCES:
        employee = _seat_holder(pref.seat_position)
        unit = Unit.objects.filter(name=pref.unit).first() if pref.unit else None
        position = Position.objects.filter(code=pref.position).first() if pref.position else None
        if employee is None or (unit is None and position is None) or employee.preferences.exists():
            continue
        item = PreferenceItem(unit, position, pref.reason, pref.note)
        employee_preferences_set(employee=employee, actor=None, items=[item], actor_label=ACTOR_LABEL)
        stated += 1
    return stated


def demo_scenario_ensure(*, today: date | None = None) -> ScenarioRun | None:
    """Create and compute the demo scenario once; None when it exists already or there is no analyst."""
    analyst = User.objects.filter(username=ANALYST).first()
    if analyst is None or Scenario.objects.filter(name=DEMO_SCENARIO).exists():
        return None
    _preferences_ensure()
    scenario = scenario_create(
        actor=analyst,
        fields={
            "name": DEMO_SCENARIO,
            "note": "Putaran rotasi Kecamatan Banyumanik dan Dinas Kesehatan (demo).",
            "on": today or timezone.localdate(),
            "pool_min_years": 5,
            "pool_volunteers": True,
            "pool_unplaced": True,
            "seat_source": SeatSource.VACANCY_MAP,
            "seat_horizon_months": 12,
            "max_moves": 25,
            "unit_max_out": 2,
            "w_preference": 0.2,  # the demo's stated preferences should count a little more than the default
        },
        scope_units=list(Unit.objects.filter(name__in=SCOPE)),
    )
    return scenario_run_now(scenario=scenario, actor=analyst)
