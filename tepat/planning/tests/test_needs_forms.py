"""The unit picker of the needs pages renders exactly what Django's own Select renders for the same units."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms

from conftest import SmallGovernment
from tepat.core.selectors import units_in_scope
from tepat.engine.roles import Role
from tepat.organization.models import Unit
from tepat.planning.needs.forms import EMPTY_LABEL, UnitFilterForm, VacancyFilterForm

pytestmark = pytest.mark.django_db


def django_select(viewer: Any, data: dict[str, str]) -> str:
    class Plain(forms.Form):
        unit = forms.ModelChoiceField(
            label="Unit",
            queryset=Unit.objects.none(),
            required=False,
            empty_label=EMPTY_LABEL,
            to_field_name="public_id",
        )

    form = Plain(data or None)
    form.fields["unit"].queryset = units_in_scope(viewer=viewer).filter(depth__lte=2).order_by("path")  # type: ignore[attr-defined]
    form.fields["unit"].widget.attrs["class"] = "form-select form-select-sm"
    form.is_valid()
    return str(form["unit"])


@pytest.mark.parametrize("role", [Role.ANALYST, Role.UNIT_HEAD])
def test_unit_picker_matches_django_select(gov: SmallGovernment, make_user, role: Role) -> None:
    viewer = make_user(role, unit=gov.kecamatan) if role == Role.UNIT_HEAD else make_user(role)
    chosen = str(gov.kelurahan.public_id)
    for data in ({}, {"unit": chosen}, {"unit": "bukan-uuid"}):
        form = UnitFilterForm(data or None, viewer=viewer)
        form.is_valid()
        assert str(form["unit"]) == django_select(viewer, data)
    assert f'<option value="{chosen}" selected>' in str(
        UnitFilterForm({"unit": chosen}, viewer=viewer)["unit"]
    )


def test_a_unit_outside_scope_is_refused(gov: SmallGovernment, make_user) -> None:
    form = VacancyFilterForm(
        {"unit": str(gov.dinas.public_id)}, viewer=make_user(Role.UNIT_HEAD, unit=gov.kecamatan)
    )
    assert not form.is_valid()
    assert "unit" in form.errors
