"""`{% training_preview move as preview %}`: the training of the first months after TMT, for the notice."""

from __future__ import annotations

from typing import Any

from django import template

from tepat.development.selectors import PreviewItem, training_preview_for_move

register = template.Library()


@register.simple_tag
def training_preview(move: Any) -> list[PreviewItem]:
    if move is None or getattr(move, "target_seat_id", None) is None:
        return []
    return training_preview_for_move(move)
