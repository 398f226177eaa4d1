"""The plan list's unit picker is written in one pass (planning's UnitSelect), options read when it renders:
its markup must stay what Django's own Select renders for the same units."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django import forms

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.core.selectors import units_in_scope
from tepat.development.forms import PlanFilterForm
from tepat.engine.roles import Role

pytestmark = pytest.mark.django_db


def _django_select(viewer: User, chosen: str) -> str:
    units = units_in_scope(viewer=viewer).filter(depth__lte=2).order_by("path")
    choices = [("", "Seluruh cakupan"), *((str(u.public_id), u.name) for u in units)]
    widget = forms.Select(attrs={"class": "form-select form-select-sm"}, choices=choices)
    return str(widget.render("unit", chosen or None, attrs={"id": "id_unit"}))


@pytest.mark.parametrize("role", [Role.ANALYST, Role.UNIT_HEAD])
def test_plan_list_picker_markup_is_djangos_select(
    gov: SmallGovernment, role: Role, make_user: Callable[..., User]
) -> None:
    viewer = make_user(role, gov.kecamatan if role == Role.UNIT_HEAD else None)
    chosen = str(units_in_scope(viewer=viewer).filter(depth__lte=2).order_by("path").last().public_id)  # type: ignore[union-attr]
    assert str(PlanFilterForm(None, viewer=viewer)["unit"]) == _django_select(viewer, "")
    bound = PlanFilterForm({"unit": chosen}, viewer=viewer)
    assert str(bound["unit"]) == _django_select(viewer, chosen)
    assert "selected>" in str(bound["unit"])
    assert bound.is_valid()
