"""The one role model of Tepat (DESIGN.md "Who uses it"). Codes are used in code and tests; labels in the UI."""

from enum import StrEnum


class Role(StrEnum):
    HR_ADMIN = "hr_admin"
    ANALYST = "analyst"
    UNIT_HEAD = "unit_head"
    BOARD_MEMBER = "board_member"
    APPROVER = "approver"
    EMPLOYEE = "employee"
    AUDITOR = "auditor"


ROLE_LABELS: dict[str, str] = {
    Role.HR_ADMIN: "Admin Kepegawaian (BKPP)",
    Role.ANALYST: "Analis SDM (BKPP)",
    Role.UNIT_HEAD: "Pimpinan Unit",
    Role.BOARD_MEMBER: "Tim Penilai Kinerja",
    Role.APPROVER: "PPK / Pejabat yang Berwenang",
    Role.EMPLOYEE: "Pegawai",
    Role.AUDITOR: "Auditor / Pejabat PDP",
}

# Roles whose scope is the whole government (DESIGN.md); unit_head is scoped to its unit subtree,
# employee to itself, board_member to the cases on its agenda.
GOVERNMENT_WIDE = frozenset({Role.HR_ADMIN, Role.ANALYST, Role.APPROVER, Role.AUDITOR})
READ_ONLY = frozenset({Role.AUDITOR})
