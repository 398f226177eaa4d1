"""The evaluation app's handler of the workflow's follow-up events (registry in transfers.services.events)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from tepat.accounts.models import RoleGrant
from tepat.core.scoping import today
from tepat.engine.roles import Role
from tepat.engine.workflow import Event
from tepat.evaluation.models import ReviewSchedule
from tepat.evaluation.services.reviews import review_schedules_create
from tepat.transfers.models import Move, MoveEvent
from tepat.transfers.services.events import handles


@handles(Event.SCHEDULE_REVIEWS)
def schedule_reviews(event: MoveEvent) -> None:
    """A move took effect (berlaku): its newcomer reviews are due from the TMT; running twice adds nothing.
    The heads of the new unit (and of the units above it) get one e-mail listing the due dates."""
    rows = review_schedules_create(move=event.move)
    if rows:
        move = event.move
        transaction.on_commit(lambda: _mail_reviewers(move, rows))


def _mail_reviewers(move: Move, rows: list[ReviewSchedule]) -> None:
    unit = move.target_seat.position.unit
    grants = RoleGrant.objects.active_on(today()).filter(
        role=Role.UNIT_HEAD, unit__path__in=unit.ancestor_paths()
    )
    addresses = sorted({g.user.email for g in grants.select_related("user") if g.user.email})
    if not addresses:
        return
    dates = "\n".join(f"- {row.label}: jatuh tempo {row.due_on:%d-%m-%Y}" for row in rows)
    send_mail(
        subject=f"[Tepat] Jadwal tinjauan pegawai baru: {move.employee.full_name}",
        message=(
            f"{move.employee.full_name} mulai bertugas di {unit.name} (TMT {(move.tmt or today()):%d-%m-%Y}).\n"
            f"Mohon isi tinjauan berikut di Tepat (menu Evaluasi → Tinjauan pegawai baru):\n{dates}"
        ),
        from_email=getattr(settings, "DEFAULT_FROM_EMAIL", None),
        recipient_list=addresses,
    )
