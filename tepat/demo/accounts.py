"""Demo accounts (DESIGN.md "Who uses it"): created only when settings.TEPAT_DEMO is true, never in production."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from tepat.accounts.models import RoleGrant, User
from tepat.demo import journeys as j
from tepat.engine.roles import ROLE_LABELS, Role
from tepat.organization.bulk import bulk_audit
from tepat.organization.models import Unit
from tepat.people.models import Employee

DEMO_PASSWORD = "Tepat!Demo-2026"  # noqa: S105 - the published demo password (DESIGN.md), demo flag only
GRANTS_FROM = date(2024, 1, 1)
ACTOR_LABEL = "system:seed_demo"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    unit_code: str = ""  # the grant's unit (unit heads)
    seat: tuple[str, int] | None = None  # the employee this user is (position code, seat number)
    label: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("admin", Role.HR_ADMIN, label="Admin Kepegawaian BKPP"),
    DemoAccount("analis", Role.ANALYST, label="Analis SDM BKPP"),
    DemoAccount("camat.banyumanik", Role.UNIT_HEAD, "KEC-BYM", (j.CAMAT_BANYUMANIK, 1)),
    DemoAccount("lurah.ngesrep", Role.UNIT_HEAD, j.NGESREP, (j.LURAH_NGESREP, 1)),
    DemoAccount("kadinkes", Role.UNIT_HEAD, "DINKES", (j.KEPALA_DINKES, 1)),
    DemoAccount("tim.penilai.1", Role.BOARD_MEMBER, label="Tim Penilai Kinerja 1"),
    DemoAccount("tim.penilai.2", Role.BOARD_MEMBER, label="Tim Penilai Kinerja 2"),
    DemoAccount("tim.penilai.3", Role.BOARD_MEMBER, label="Tim Penilai Kinerja 3"),
    DemoAccount("ppk", Role.APPROVER, label="Pejabat Pembina Kepegawaian"),
    DemoAccount("pegawai.demo", Role.EMPLOYEE, seat=(j.PEGAWAI_DEMO, 1)),
    DemoAccount("auditor", Role.AUDITOR, label="Auditor / Pejabat PDP"),
)


def _employee_at(seat: tuple[str, int] | None) -> Employee | None:
    if seat is None:
        return None
    code, number = seat
    return (
        Employee.objects.filter(seat__position__code=code, seat__number=number).select_related("unit").first()
    )


@transaction.atomic
def demo_accounts_ensure() -> list[str]:
    """Create the missing demo users with their grants; existing users are left as they are."""
    if not settings.TEPAT_DEMO:
        raise ImproperlyConfigured("Akun demo hanya dibuat bila TEPAT_DEMO=1.")
    existing = set(
        User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
            "username", flat=True
        )
    )
    password = make_password(DEMO_PASSWORD)  # one hash for all: same published password, and fast
    created: list[User] = []
    grants: list[RoleGrant] = []
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        employee = _employee_at(account.seat)
        user = User.objects.create(
            username=account.username,
            password=password,
            first_name=(employee.name if employee else account.label)[:150],
        )
        if employee is not None and employee.user_id is None:
            Employee.objects.filter(pk=employee.pk).update(user=user)
        grants.append(_grant(account, user))
        created.append(user)
    RoleGrant.objects.bulk_create(grants)
    bulk_audit(actor=None, action="demo_account_create", objects=[*created, *grants], actor_label=ACTOR_LABEL)
    return [user.username for user in created]


def _grant(account: DemoAccount, user: User) -> RoleGrant:
    unit = Unit.objects.get(code=account.unit_code) if account.unit_code else None
    return RoleGrant(
        user=user,
        role=account.role.value,
        unit=unit,
        valid_from=GRANTS_FROM,
        basis="Akun demo (TEPAT_DEMO=1)",
    )


SCOPES = {Role.EMPLOYEE: "diri sendiri", Role.BOARD_MEMBER: "perkara dalam agenda sidang"}


def demo_accounts_table() -> list[tuple[str, str, str]]:
    """(username, role label, scope) rows for printing; reads nothing from the database."""
    rows = []
    for account in DEMO_ACCOUNTS:
        scope = account.unit_code or SCOPES.get(account.role, "seluruh pemerintah")
        rows.append((account.username, ROLE_LABELS[account.role], scope))
    return rows
