"""Forms of the review cycle and the talent map (labels and messages in Bahasa Indonesia)."""

from __future__ import annotations

from typing import Any

from django import forms

from tepat.core.forms import BootstrapFormMixin
from tepat.core.scoping import user_scope
from tepat.core.types import Viewer
from tepat.engine.reviews import QUESTIONS
from tepat.evaluation.selectors.reviews import FILTER_LABELS
from tepat.evaluation.services.reviews import COMMENTS_MAX
from tepat.organization.models import Unit
from tepat.planning.needs.forms import UnitSelect


def _likert(question: Any) -> forms.ChoiceField:
    choices = [(str(n), str(n)) for n in range(1, 6)]
    choices[0] = ("1", f"1 – {question.low}")
    choices[-1] = ("5", f"5 – {question.high}")
    return forms.ChoiceField(
        label=question.label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": f"{question.label} wajib diisi (1–5).",
            "invalid_choice": f"{question.label} harus bilangan bulat 1 sampai 5.",
        },
    )


class ReviewForm(forms.Form):
    """Four Likert items and the supervisor's note; the service checks them again (the engine's rules)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.code] = _likert(question)
            self.fields[question.code].widget.attrs["class"] = "form-check-input"
        self.fields["comments"] = forms.CharField(
            label="Catatan atasan",
            widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
            max_length=COMMENTS_MAX,
            help_text=(
                "Apa yang sudah berjalan baik, apa yang masih sulit, dan dukungan yang diusulkan. "
                "Bicarakan hasil tinjauan ini langsung dengan pegawai; catatan ini tidak ditampilkan kepadanya."
            ),
            error_messages={
                "required": "Catatan atasan wajib diisi.",
                "max_length": f"Catatan atasan paling banyak {COMMENTS_MAX} karakter.",
            },
        )

    def answers(self) -> dict[str, str]:
        return {q.code: self.cleaned_data[q.code] for q in QUESTIONS}

    def likert_fields(self) -> list[forms.BoundField]:
        return [self[q.code] for q in QUESTIONS]


def unit_choices(viewer: Viewer) -> Any:
    """Government-wide roles pick any unit down to the kelurahan level; a unit head, units of their subtrees."""
    scope = user_scope(viewer)
    if scope.government_wide:
        return Unit.objects.filter(depth__lte=2).order_by("path")
    return Unit.objects.filter(scope.unit_q("path")).order_by("path")


ALL_UNITS = "Seluruh cakupan saya"


def _lazy_options(field: forms.ModelChoiceField[Unit], units: Any) -> None:
    """The unit picker's options, indented by depth, read only when it renders (a city offers hundreds of
    units; Django's template per option and a model instance per unit cost ~25 ms a page)."""
    labels = units.values_list("public_id", "depth", "name")
    field.widget.choices = lambda: [
        ("", ALL_UNITS),
        *((str(pk), f"{'· ' * depth}{name}") for pk, depth, name in labels),
    ]


class ReviewFilterForm(BootstrapFormMixin, forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua"), *FILTER_LABELS.items()]
    )
    unit = forms.ModelChoiceField(
        label="Unit baru",
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=ALL_UNITS,
        error_messages={"invalid_choice": "Unit tidak ditemukan dalam cakupan Anda."},
        widget=UnitSelect,
    )
    q = forms.CharField(label="Nama atau NIP", required=False, max_length=100)

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = units = unit_choices(viewer)  # validates the value sent
        _lazy_options(field, units)


class TalentFilterForm(BootstrapFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="public_id",
        empty_label=ALL_UNITS,
        error_messages={"invalid_choice": "Unit tidak ditemukan dalam cakupan Anda."},
        widget=UnitSelect,
    )

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)  # noqa: S101 - narrows the type for mypy
        field.queryset = units = unit_choices(viewer)  # validates the value sent
        _lazy_options(field, units)
