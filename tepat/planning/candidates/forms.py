from __future__ import annotations

from django import forms

from tepat.engine.fit import COMPONENT_LABELS, COMPONENTS
from tepat.organization.models import RANK_CHOICES, Unit
from tepat.planning.candidates.ranking import ELIGIBLE, INELIGIBLE, ORDER_COMPLETE_FIRST, ORDER_SCORE
from tepat.planning.candidates.scoring import FIT
from tepat.planning.candidates.selectors import COMPARE_MAX, COMPARE_MIN
from tepat.planning.models import RankingMethod, RankingProfile


class CandidateFilterForm(forms.Form):
    tab = forms.ChoiceField(choices=[(ELIGIBLE, ELIGIBLE), (INELIGIBLE, INELIGIBLE)], required=False)
    unit = forms.ModelChoiceField(
        label="Unit asal kandidat",
        queryset=Unit.objects.filter(depth__lte=2).order_by("path"),
        required=False,
        empty_label="Seluruh pemerintah kota",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    rank = forms.TypedChoiceField(
        label="Golongan",
        choices=[("", "Semua golongan"), *RANK_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    order = forms.ChoiceField(
        label="Urutan",
        choices=[
            (ORDER_COMPLETE_FIRST, "Data lengkap dulu, lalu skor"),
            (ORDER_SCORE, "Skor saja (data belum lengkap tetap ditandai)"),
        ],
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    page = forms.IntegerField(min_value=1, required=False)


class _UuidListField(forms.MultipleChoiceField):
    """Several `?e=<uuid>` values; which employees they name is checked by the selector, not a choice list."""

    def valid_value(self, value: str) -> bool:
        try:
            forms.UUIDField().clean(value)
        except forms.ValidationError:
            return False
        return True


class CompareForm(forms.Form):
    e = _UuidListField(
        label="Kandidat", error_messages={"invalid_choice": "kandidat tidak dikenal: %(value)s"}
    )

    def clean_e(self) -> list[str]:
        values = list(dict.fromkeys(self.cleaned_data["e"]))
        if not COMPARE_MIN <= len(values) <= COMPARE_MAX:
            raise forms.ValidationError(f"pilih {COMPARE_MIN} sampai {COMPARE_MAX} kandidat")
        return values


def _weight_field(label: str) -> forms.FloatField:
    return forms.FloatField(label=f"Bobot {label} (%)", min_value=0, max_value=100)


class RankingProfileForm(forms.Form):
    position_kind = forms.ChoiceField(
        label="Jenis jabatan", choices=RankingProfile.KIND_CHOICES, required=False
    )
    method = forms.ChoiceField(label="Metode", choices=RankingMethod.choices, initial=FIT)
    core_weight = forms.FloatField(
        label="Bobot faktor inti (%)",
        min_value=0,
        max_value=100,
        initial=60,
        help_text="hanya untuk profile matching: kompetensi manajerial dan sosial kultural sebagai faktor inti",
    )
    note = forms.CharField(
        label="Alasan perubahan", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for component in COMPONENTS:
            self.fields[f"weight_{component.value}"] = _weight_field(COMPONENT_LABELS[component])

    def weight_fields(self) -> list[forms.BoundField]:
        return [self[f"weight_{c.value}"] for c in COMPONENTS]
