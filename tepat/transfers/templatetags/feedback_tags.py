"""`{% move_objections move %}`: the objections on a move, for the move page (the PPK decides any review there)."""

from __future__ import annotations

from typing import Any

from django import template

from tepat.transfers.models import Move, Objection

register = template.Library()


@register.inclusion_tag("transfers/objection_move_panel.html", takes_context=True)
def move_objections(context: dict[str, Any], move: Move) -> dict[str, Any]:
    """One scoped query; nothing is shown to a viewer who may not see objections (e.g. board members)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        return {"objections": []}
    rows = (
        Objection.objects.visible_to(user)
        .filter(move=move)
        .select_related("answered_by")
        .order_by("filed_at")
    )
    return {"objections": list(rows)}
