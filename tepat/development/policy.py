"""Routes of the development app and who may do what on a plan; merged into tepat.core.policy.ACCESS_POLICY.

Who edits what (an HR office's separation of duties):
- BKPP (hr_admin, analyst) and the unit head of the employee's unit (the atasan who coaches) plan: add, edit,
  cancel items and record enrolment. Analysts plan; they do not confirm results.
- The employee sees only their own plan and may record their own enrolment (they register for the course).
- Completion writes the official riwayat pelatihan and counts JP, so it needs someone other than the learner:
  BKPP's hr_admin confirms any item (klasikal needs a certificate BKPP verifies); the unit head may confirm
  nonklasikal items (coaching, mentoring, magang) that happen under their supervision. Nobody confirms items
  of their own plan.
- Re-assessment (asesmen ulang) is recorded by hr_admin. The auditor and the approver only read.
Objects are scoped by `DevelopmentPlan.objects.visible_to(user)` (404 outside).
"""

from __future__ import annotations

from tepat.core.policy_types import BKPP, STAFF_READERS, Policy
from tepat.core.scoping import Scope
from tepat.engine.roles import Role

HR = frozenset({Role.HR_ADMIN})
EMPLOYEE = frozenset({Role.EMPLOYEE})
PLANNERS = BKPP | {Role.UNIT_HEAD}
COMPLETERS = HR | {Role.UNIT_HEAD}

ROUTES: dict[str, Policy] = {
    "development:plan_list": STAFF_READERS,
    "development:plan_export": STAFF_READERS,
    "development:plan_create": {"GET": BKPP, "POST": BKPP},
    "development:plan_detail": STAFF_READERS | EMPLOYEE,
    "development:my_plan": EMPLOYEE,
    "development:course_list": STAFF_READERS | EMPLOYEE,
    "development:item_add": {"POST": PLANNERS},
    "development:item_edit": {"POST": PLANNERS},
    "development:item_enrol": {"POST": PLANNERS | EMPLOYEE},
    "development:item_complete": {"POST": COMPLETERS},
    "development:plan_reassess": {"POST": HR},
    "api:development_plan_list": STAFF_READERS | EMPLOYEE,
    "api:development_plan_detail": STAFF_READERS | EMPLOYEE,
}

NOT_PLANNER = "Hanya BKPP atau pimpinan unit pegawai ini yang dapat mengubah rencana pengembangan."
OWN_COMPLETION = "Penyelesaian kegiatan pada rencana Anda sendiri harus dikonfirmasi oleh pihak lain."
KLASIKAL_BY_BKPP = "Pelatihan klasikal dikonfirmasi oleh Admin Kepegawaian (BKPP) berdasarkan sertifikat."
NOT_COMPLETER = "Hanya Admin Kepegawaian (BKPP) atau pimpinan unit yang dapat mengonfirmasi penyelesaian."


def may_plan(scope: Scope) -> bool:
    return scope.has(*PLANNERS)


def enrol_refusal(scope: Scope, *, own: bool) -> str | None:
    if may_plan(scope) or (own and scope.has(Role.EMPLOYEE)):
        return None
    return "Hanya pegawai yang bersangkutan, pimpinan unitnya, atau BKPP yang dapat mencatat pendaftaran."


def completion_refusal(scope: Scope, *, own: bool, route: str) -> str | None:
    """None when the actor may confirm this item's completion; otherwise the reason in Indonesian."""
    if own:
        return OWN_COMPLETION
    if scope.has(Role.HR_ADMIN):
        return None
    if scope.has(Role.UNIT_HEAD):
        return None if route == "nonklasikal" else KLASIKAL_BY_BKPP
    return NOT_COMPLETER


def may_reassess(scope: Scope) -> bool:
    return scope.has(Role.HR_ADMIN)
