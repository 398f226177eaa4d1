from django import forms

from tepat.core.forms import BootstrapFormMixin
from tepat.organization.models import Position, Unit


class PositionFilterForm(BootstrapFormMixin, forms.Form):
    q = forms.CharField(label="Cari jabatan", required=False, max_length=100)
    unit = forms.ModelChoiceField(
        label="Unit",
        queryset=Unit.objects.filter(depth__lte=2).order_by("path"),
        required=False,
        empty_label="Semua unit",
    )
    kind = forms.ChoiceField(
        label="Jenis jabatan", choices=[("", "Semua jenis"), *Position.KIND_CHOICES], required=False
    )
    only_vacant = forms.BooleanField(label="Hanya yang ada lowongan", required=False)
