"""Bootstrap classes for filter forms, set once instead of in every template."""

from __future__ import annotations

from typing import Any

from django import forms


class BootstrapFormMixin:
    """Give each widget the Bootstrap class of its kind (small controls, as filter bars use)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select form-select-sm"
            else:
                css = "form-control form-control-sm"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
