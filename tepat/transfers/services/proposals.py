"""Create proposals (by hand, from an employee's own request, from a planner scenario) and submit or withdraw them.

The planner calls::

    proposal_create_batch(
        actor=request.user,
        moves=[(employee, seat, "alasan"), ...],
        source=Proposal.Source.SCENARIO,
        source_ref=str(scenario.public_id),
        title="Skenario Mutasi 2027-I",
    )

Every move gets the eligibility + fit snapshot as of today (R-31). One bad move refuses the whole batch with a
message naming it (`moves[2].seat`), and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from tepat.core.audit import audit_record
from tepat.core.scoping import today, user_scope
from tepat.engine.errors import FieldProblem, IllegalTransition, InvalidInput
from tepat.engine.roles import Role
from tepat.engine.workflow import Action, State
from tepat.organization.models import Seat
from tepat.people.models import Employee
from tepat.planning.inputs import assess_pair
from tepat.transfers.models import Move, MutationTypeChoices, Proposal
from tepat.transfers.services.actors import role_for
from tepat.transfers.services.workflow import integrity_as_conflict, move_transition

MoveSpec = tuple[Employee, Seat, str]
CREATORS = frozenset({Role.ANALYST, Role.UNIT_HEAD, Role.EMPLOYEE})


@dataclass(frozen=True)
class MoveOptions:
    mutation_type: str = MutationTypeChoices.A_INTRA
    own_request: bool = False
    external_instansi: str = ""
    external_letter_number: str = ""
    external_letter_date: date | None = None


def proposal_create(
    *, actor: Any, employee: Employee, seat: Seat, reason: str, options: MoveOptions = MoveOptions()
) -> Proposal:
    """One move by hand (analyst or unit head), e.g. from the candidate ranking's "usulkan" link."""
    source = Proposal.Source.OWN_REQUEST if options.own_request else Proposal.Source.MANUAL
    title = f"Usulan mutasi {employee.full_name}"
    return proposal_create_batch(
        actor=actor, moves=[(employee, seat, reason)], source=source, title=title, options=options
    )


def proposal_create_batch(
    *,
    actor: Any,
    moves: Sequence[MoveSpec],
    source: str = Proposal.Source.SCENARIO,
    source_ref: str = "",
    title: str = "",
    options: MoveOptions = MoveOptions(),
) -> Proposal:
    """A proposal holding one or many moves in `draf`; refused whole when any move is invalid."""
    _check_creator(actor, moves, source)
    problems = _problems(moves, options)
    if problems:
        raise InvalidInput(problems)
    return integrity_as_conflict(
        lambda: _create(actor, moves, source, source_ref, title or "Usulan mutasi", options)
    )


@transaction.atomic
def _create(
    actor: Any, moves: Sequence[MoveSpec], source: str, source_ref: str, title: str, options: MoveOptions
) -> Proposal:
    proposal = Proposal.objects.create(
        title=title[:200], source=source, source_ref=source_ref, created_by=actor
    )
    on = today()
    for employee, seat, reason in moves:
        snapshot = assess_pair(
            employee=employee, seat=seat, on=on, own_request=options.own_request
        ).snapshot()
        move = Move.objects.create(
            proposal=proposal,
            employee=employee,
            origin_seat=employee.seat,
            origin_unit=employee.unit,
            target_seat=seat,
            reason=reason.strip(),
            proposed_snapshot=snapshot,
            mutation_type=options.mutation_type,
            own_request=options.own_request,
            external_instansi=options.external_instansi,
            external_letter_number=options.external_letter_number,
            external_letter_date=options.external_letter_date,
        )
        audit_record(
            actor=actor,
            action="move_create",
            obj=move,
            changes={"proposal": str(proposal.public_id), "seat": str(seat.public_id), "source": source},
        )
    return proposal


def _check_creator(actor: Any, moves: Sequence[MoveSpec], source: str) -> None:
    scope = user_scope(actor)
    if not scope.roles & CREATORS:
        raise IllegalTransition("Peran Anda tidak berwenang membuat usulan mutasi.")
    if scope.roles & {Role.ANALYST}:
        return
    if scope.has(Role.UNIT_HEAD):
        for index, (employee, seat, _) in enumerate(moves):
            if not _in_subtree(scope.unit_paths, employee, seat):
                raise InvalidInput(
                    [FieldProblem(f"moves[{index}].seat", "pegawai atau formasi tujuan di luar unit Anda")]
                )
        return
    own = [e for e, _, _ in moves if e.user_id == actor.pk]
    if source != Proposal.Source.OWN_REQUEST or len(own) != len(moves):
        raise IllegalTransition("Pegawai hanya dapat mengajukan permohonan mutasi atas dirinya sendiri.")


def _in_subtree(paths: tuple[str, ...], employee: Employee, seat: Seat) -> bool:
    employee_path = employee.unit.path if employee.unit else "-"
    target_path = seat.position.unit.path
    return any(employee_path.startswith(p) or target_path.startswith(p) for p in paths)


def _problems(moves: Sequence[MoveSpec], options: MoveOptions) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not moves:
        problems.append(FieldProblem("moves", "usulan harus berisi paling sedikit satu pegawai"))
    if options.mutation_type not in MutationTypeChoices.values:
        problems.append(FieldProblem("mutation_type", "jenis mutasi tidak dikenal"))
    elif options.mutation_type != MutationTypeChoices.A_INTRA and not options.external_letter_number.strip():
        problems.append(
            FieldProblem("external_letter_number", "mutasi antarinstansi wajib mencatat surat instansi lain")
        )
    seen_employees: set[int] = set()
    seen_seats: set[int] = set()
    for index, (employee, seat, reason) in enumerate(moves):
        problems += _move_problems(index, employee, seat, reason, seen_employees, seen_seats)
        seen_employees.add(employee.pk)
        seen_seats.add(seat.pk)
    return problems


def _move_problems(
    index: int, employee: Employee, seat: Seat, reason: str, employees: set[int], seats: set[int]
) -> list[FieldProblem]:
    at = f"moves[{index}]"
    checks = [
        (not reason.strip(), f"{at}.reason", "alasan usulan wajib diisi"),
        (not employee.is_active, f"{at}.employee", "pegawai tidak aktif"),
        (employee.pk in employees, f"{at}.employee", "pegawai yang sama muncul dua kali dalam usulan"),
        (not seat.is_active, f"{at}.seat", "formasi tujuan tidak aktif"),
        (seat.pk in seats, f"{at}.seat", "formasi tujuan yang sama dipakai dua kali"),
        (employee.seat_id == seat.pk, f"{at}.seat", "pegawai sudah menempati formasi ini"),
        (
            Move.objects.active().filter(employee=employee).exists(),
            f"{at}.employee",
            f"{employee.full_name} sudah memiliki usulan mutasi yang masih berjalan",
        ),
    ]
    return [FieldProblem(path, message) for failed, path, message in checks if failed]


def proposal_submit(*, proposal: Proposal, actor: Any) -> list[Move]:
    """Submit every move still in draf or returned; each move moves on its own."""
    role = role_for(actor, Action.AJUKAN)
    ready = proposal.moves.filter(status__in=[State.DRAF, State.DIKEMBALIKAN]).order_by("pk")
    return [move_transition(move=move, action=Action.AJUKAN, actor=actor, role=role) for move in ready]


def move_submit(*, move: Move, actor: Any) -> Move:
    return move_transition(move=move, action=Action.AJUKAN, actor=actor, role=role_for(actor, Action.AJUKAN))


def move_withdraw(*, move: Move, actor: Any, reason: str) -> Move:
    role = role_for(actor, Action.TARIK)
    return move_transition(move=move, action=Action.TARIK, actor=actor, role=role, reason=reason)
