"""Filter forms of the needs pages: a unit of the viewer's scope and, for the vacancy map, a horizon."""

from __future__ import annotations

from typing import Any

from django import forms

from tepat.core.selectors import units_in_scope
from tepat.core.types import Viewer
from tepat.organization.models import Unit

HORIZON_CHOICES = [
    ("0", "Kosong sekarang saja"),
    ("6", "6 bulan ke depan"),
    ("12", "12 bulan ke depan"),
    ("24", "2 tahun ke depan"),
    ("60", "5 tahun ke depan"),
]


class UnitFilterForm(forms.Form):
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.none(),
        required=False,
        empty_label="Seluruh cakupan",
        to_field_name="public_id",
    )

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_in_scope(viewer=viewer).filter(depth__lte=2).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        for each in self.fields.values():
            each.widget.attrs["class"] = "form-select form-select-sm"


class VacancyFilterForm(UnitFilterForm):
    horizon = forms.TypedChoiceField(
        label="Horizon", choices=HORIZON_CHOICES, coerce=int, required=False, empty_value=None
    )
