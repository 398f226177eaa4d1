"""Forms of the development pages (parse only; the services validate across rows and decide)."""

from __future__ import annotations

from typing import Any

from django import forms

from tepat.core.forms import BootstrapFormMixin
from tepat.core.selectors import units_in_scope
from tepat.core.types import Viewer
from tepat.development.models import DevelopmentPlan, Route, TrainingCourse
from tepat.organization.models import Competency, Unit
from tepat.planning.needs.forms import UnitSelect

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label="Nama atau NIP", required=False, max_length=60)
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        label="Unit", queryset=Unit.objects.none(), required=False, empty_label="Seluruh cakupan",
        to_field_name="public_id", widget=UnitSelect,
    )  # fmt: skip
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Semua status"), *DevelopmentPlan.Status.choices]
    )
    behind = forms.BooleanField(label="Hanya yang tertinggal JP", required=False)
    due = forms.BooleanField(label="Asesmen ulang jatuh tempo", required=False)

    def __init__(self, *args: Any, viewer: Viewer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_in_scope(viewer=viewer).filter(depth__lte=2).order_by("path")
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]  # validates the value sent
        labels = units.values_list("public_id", "name")
        # Options read only when the picker renders, in one pass (a city has hundreds of units: Django's
        # template per option and a model instance per unit cost ~25 ms a page); same markup as Select.
        self.fields["unit"].widget.choices = lambda: [
            ("", "Seluruh cakupan"),
            *((str(pk), name) for pk, name in labels),
        ]


class PlanCreateForm(BootstrapFormMixin, forms.Form):
    nip = forms.RegexField(
        label="NIP pegawai", regex=r"^[0-9]{18}$", error_messages={"invalid": "NIP harus 18 angka."}
    )
    start = forms.DateField(label="Mulai rencana", widget=DATE)
    reason = forms.CharField(label="Dasar rencana", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class ItemForm(BootstrapFormMixin, forms.Form):
    course: forms.ModelChoiceField[TrainingCourse] = forms.ModelChoiceField(
        label="Pelatihan dari katalog", queryset=TrainingCourse.objects.filter(is_active=True), required=False,
        empty_label="— kegiatan lain (isi nama kegiatan) —",
    )  # fmt: skip
    activity = forms.CharField(label="Nama kegiatan", max_length=200, required=False)
    competency: forms.ModelChoiceField[Competency] = forms.ModelChoiceField(
        label="Kompetensi", queryset=Competency.objects.order_by("group", "code"), required=False,
        empty_label="— tidak terkait satu kompetensi —",
    )  # fmt: skip
    route = forms.ChoiceField(label="Jalur", choices=Route.choices, initial=Route.NONKLASIKAL)
    due = forms.DateField(label="Tenggat", widget=DATE)
    jp_planned = forms.DecimalField(label="JP direncanakan", max_digits=5, decimal_places=1, min_value=0.5)
    note = forms.CharField(label="Catatan", max_length=500, required=False)


def shared_choices() -> dict[str, list[Any]]:
    """The select options of ItemForm, read once per page instead of once per rendered form."""
    form = ItemForm()
    return {name: list(form.fields[name].choices) for name in ("course", "competency")}  # type: ignore[attr-defined]


def with_choices(form: ItemForm, choices: dict[str, list[Any]]) -> ItemForm:
    for name, options in choices.items():
        form.fields[name].choices = options  # type: ignore[attr-defined]
    return form


class EnrolForm(BootstrapFormMixin, forms.Form):
    enrolled_on = forms.DateField(label="Tanggal mendaftar", widget=DATE, required=False)


class CompleteForm(BootstrapFormMixin, forms.Form):
    start = forms.DateField(label="Mulai pelatihan", widget=DATE)
    end = forms.DateField(label="Selesai pelatihan", widget=DATE)
    jp = forms.DecimalField(label="JP diperoleh", max_digits=5, decimal_places=1, min_value=0.5)
    organizer = forms.CharField(label="Penyelenggara", max_length=150, required=False)


class CancelForm(BootstrapFormMixin, forms.Form):
    note = forms.CharField(label="Alasan pembatalan", max_length=500)


class ReassessForm(BootstrapFormMixin, forms.Form):
    reassessed_on = forms.DateField(label="Tanggal asesmen ulang", widget=DATE)
    note = forms.CharField(
        label="Catatan hasil", max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
