"""Writes of the api app: API tokens (created by their owner, revoked by the owner or an admin) and move
transitions requested through the API (`move_act`, the transfers map shared with the web pages)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from knox.models import AuthToken
from knox.settings import knox_settings

from tepat.api.models import ApiToken
from tepat.core.audit import audit_record
from tepat.engine.errors import ApplicationError, IllegalTransition
from tepat.engine.workflow import ACTION_LABELS
from tepat.transfers.models import Move
from tepat.transfers.services import actions
from tepat.transfers.services.workflow import refusals_logged

MAX_DAYS = 365


@transaction.atomic
def api_token_create(*, user: Any, name: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`; the clear text is returned once and never stored (only its SHA-512 digest)."""
    if not 1 <= days <= MAX_DAYS:
        raise ApplicationError(f"Masa berlaku token harus 1–{MAX_DAYS} hari.", field="days")
    limit = knox_settings.TOKEN_LIMIT_PER_USER
    if limit is not None and AuthToken.objects.filter(user=user).count() >= limit:
        raise ApplicationError(f"Paling banyak {limit} token aktif per pengguna; cabut token lama dulu.")
    auth_token, clear = AuthToken.objects.create(user=user, expiry=timedelta(days=days))
    token = ApiToken.objects.create(token=auth_token, name=name.strip())
    audit_record(actor=user, action="api_token_create", obj=token, changes={"name": token.name, "days": days})
    return token, clear


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> None:
    owner = token.token.user
    audit_record(
        actor=actor,
        action="api_token_revoke",
        obj=token,
        changes={"name": token.name, "owner": owner.get_username()},
    )
    token.token.delete()  # cascades to the ApiToken row


def move_act(*, move: Move, actor: Any, action: str, reason: str = "") -> Move:
    """A transition requested through the API, by the same transfers map the web page's buttons use."""
    if action not in actions.MOVE_ACTIONS:
        with refusals_logged(actor=actor, action=action, move=move):  # a refused attempt is a security event
            label = ACTION_LABELS.get(action, action)
            raise IllegalTransition(f'Tindakan "{label}" tidak dilakukan lewat API ini.', field="action")
    return actions.move_act(move=move, actor=actor, action=action, reason=reason)
