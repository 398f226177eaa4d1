"""The evaluation pages' unit picker is written in one pass (tepat.planning.needs.forms.UnitSelect) and reads its
options only when rendered: its markup must stay what Django's own Select renders for the same choices."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import SmallGovernment
from tepat.accounts.models import User
from tepat.engine.roles import Role
from tepat.evaluation.forms import ALL_UNITS, ReviewFilterForm, TalentFilterForm, unit_choices

pytestmark = pytest.mark.django_db


def _django_select(viewer: User, chosen: str) -> str:
    units = unit_choices(viewer)
    choices = [("", ALL_UNITS), *((str(u.public_id), f"{'· ' * u.depth}{u.name}") for u in units)]
    widget = forms.Select(attrs={"class": "form-select form-select-sm"}, choices=choices)
    return str(widget.render("unit", chosen or None, attrs={"id": "id_unit"}))


@pytest.mark.parametrize("form_class", [TalentFilterForm, ReviewFilterForm])
@pytest.mark.parametrize("role", [Role.ANALYST, Role.UNIT_HEAD])
def test_picker_markup_is_djangos_select(
    gov: SmallGovernment, form_class: type[forms.Form], role: Role, make_user: Callable[..., User]
) -> None:
    viewer = make_user(role, gov.kecamatan if role == Role.UNIT_HEAD else None)
    chosen = str(unit_choices(viewer).last().public_id)
    assert str(form_class(None, viewer=viewer)["unit"]) == _django_select(viewer, "")  # type: ignore[call-arg]
    bound = form_class({"unit": chosen}, viewer=viewer)  # type: ignore[call-arg]
    assert str(bound["unit"]) == _django_select(viewer, chosen)
    assert "selected>" in str(bound["unit"])
    assert bound.is_valid()


def test_a_form_that_is_only_validated_reads_no_options(
    gov: SmallGovernment, make_user: Callable[..., User]
) -> None:
    viewer = make_user(Role.ANALYST)
    chosen = str(gov.kecamatan.public_id)
    with CaptureQueriesContext(connection) as queries:
        form = TalentFilterForm({"unit": chosen}, viewer=viewer)
        assert form.is_valid()
    unit_reads = [q["sql"] for q in queries.captured_queries if 'FROM "organization_unit"' in q["sql"]]
    assert len(unit_reads) == 1  # validating the value sent; the options are not read
