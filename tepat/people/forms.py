from django import forms

from tepat.core.forms import BootstrapFormMixin
from tepat.organization.models import RANK_CHOICES, EducationField, Position, Unit


class EmployeeFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label="Nama atau NIP", required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.filter(depth__lte=2).order_by("path"),
        required=False,
        empty_label="Semua unit",
    )
    rank = forms.TypedChoiceField(
        label="Golongan",
        choices=[("", "Semua golongan"), *RANK_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )
    kind = forms.ChoiceField(
        label="Jenis jabatan", choices=[("", "Semua jenis"), *Position.KIND_CHOICES], required=False
    )
    education_field = forms.ModelChoiceField(
        label="Bidang pendidikan",
        queryset=EducationField.objects.order_by("name"),
        required=False,
        empty_label="Semua bidang",
    )
    over_tenure = forms.BooleanField(label="Lebih dari 5 tahun di jabatan", required=False)
