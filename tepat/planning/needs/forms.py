"""Filter forms of the needs pages: a unit of the viewer's scope and, for the vacancy map, a horizon."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

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


EMPTY_LABEL = "Seluruh cakupan"


class UnitSelect(forms.Select):
    """The same markup as `forms.Select`, written in one pass: a city has ~600 units to choose from and
    Django's template per option cost ~15 ms a page (plus a model instance per unit for the labels)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = "" if value is None else str(value)
        options = "".join(
            f'\n  <option value="{escape(key)}"{" selected" if str(key) == chosen else ""}>{escape(label)}</option>\n'
            for key, label in self.choices
        )  # escaped here, once per value (format_html per option cost as much as the page's SQL)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            _attributes(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 - every piece escaped above
        )


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """As Django's widgets/attrs.html: in order, `False` left out, `True` as a bare attribute."""
    return format_html_join(
        "",
        " {}{}",
        ((k, "" if v is True else format_html('="{}"', v)) for k, v in attrs.items() if v is not False),
    )


class UnitFilterForm(forms.Form):
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.none(),
        required=False,
        empty_label=EMPTY_LABEL,
        to_field_name="public_id",
        widget=UnitSelect,
    )

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_in_scope(viewer=viewer).filter(depth__lte=2).order_by("path")
        field = self.fields["unit"]
        field.queryset = units  # type: ignore[attr-defined]  # validates the value sent
        labels = units.values_list("public_id", "name")  # what the options show: no model instances
        # A callable: read when the widget renders (a form only validated, e.g. for an export, reads none).
        field.widget.choices = lambda: [("", EMPTY_LABEL), *((str(pk), name) for pk, name in labels)]
        for each in self.fields.values():
            each.widget.attrs["class"] = "form-select form-select-sm"


class VacancyFilterForm(UnitFilterForm):
    horizon = forms.TypedChoiceField(
        label="Horizon", choices=HORIZON_CHOICES, coerce=int, required=False, empty_value=None
    )
