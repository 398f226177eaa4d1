"""Forms for scenarios (settings, pairs) and for an employee's own placement preferences."""

from __future__ import annotations

from typing import Any

from django import forms

from tepat.organization.models import Position, Unit, UnitKind
from tepat.people.models import MAX_PREFERENCES, Employee, PreferenceReason
from tepat.planning.models import RankingProfile, Scenario, ScenarioPair, SeatSource

SCOPE_KINDS = (UnitKind.DINAS, UnitKind.BADAN, UnitKind.KECAMATAN, UnitKind.SETDA, UnitKind.PEMERINTAH)


class ScenarioForm(forms.ModelForm):
    scope_units = forms.ModelMultipleChoiceField(
        label="Unit cakupan",
        queryset=Unit.objects.filter(kind__in=SCOPE_KINDS).order_by("path"),
        help_text="beserta seluruh unit di bawahnya",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    pool_extra_nips = forms.CharField(
        label="Pegawai tambahan (NIP, pisahkan dengan koma)", required=False, widget=forms.TextInput()
    )
    use_profile_weights = forms.BooleanField(label="pakai bobot dari profil pemeringkatan", required=False)

    class Meta:
        model = Scenario
        fields = [
            "name", "note", "on", "scope_units", "pool_min_years", "pool_volunteers", "pool_unplaced",
            "seat_source", "seat_horizon_months", "max_moves", "unit_max_out", "stay_bonus", "rotation_bonus",
            "vacancy_penalty", "priority_vacancy_penalty", "profile", "w_competency", "w_education",
            "w_experience", "w_performance", "w_preference",
        ]  # fmt: skip
        widgets = {
            "on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        profile = self.fields["profile"]
        if isinstance(profile, forms.ModelChoiceField):
            profile.queryset = RankingProfile.objects.order_by("position_kind", "-version")
        if self.instance.pk and not self.is_bound:
            self.initial["pool_extra_nips"] = ", ".join(e.nip for e in self.instance.pool_extra.all())
        for name, field in self.fields.items():
            css = "form-check-input" if isinstance(field.widget, forms.CheckboxInput) else "form-control"
            if isinstance(field.widget, forms.Select) and not isinstance(field.widget, forms.SelectMultiple):
                css = "form-select"
            field.widget.attrs.setdefault("class", f"{css} form-control-sm" if css == "form-control" else css)
            field.widget.attrs.setdefault("id", f"id_{name}")

    def clean_pool_extra_nips(self) -> list[Employee]:
        raw = [n.strip() for n in (self.cleaned_data.get("pool_extra_nips") or "").split(",") if n.strip()]
        found = {e.nip: e for e in Employee.objects.filter(nip__in=raw)}
        unknown = [n for n in raw if n not in found]
        if unknown:
            raise forms.ValidationError(f"NIP tidak dikenal: {', '.join(unknown)}")
        return [found[n] for n in raw]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("seat_source") == SeatSource.VACANCY_MAP and not data.get("seat_horizon_months"):
            self.add_error("seat_horizon_months", "Isi horizon (bulan) untuk sumber peta lowongan.")
        return data


class PairForm(forms.Form):
    employee = forms.UUIDField()
    seat = forms.UUIDField()
    kind = forms.ChoiceField(choices=ScenarioPair.Kind.choices)
    reason = forms.CharField(max_length=300, required=False)


class PreferenceForm(forms.Form):
    """Up to three choices; each a unit or a position, with a reason."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("path")
        positions = Position.objects.select_related("unit").order_by("unit__path", "name")
        for k in range(1, MAX_PREFERENCES + 1):
            self.fields[f"unit_{k}"] = forms.ModelChoiceField(
                units,
                required=False,
                label=f"Pilihan {k}: unit",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"position_{k}"] = forms.ModelChoiceField(
                positions,
                required=False,
                label=f"Pilihan {k}: atau jabatan",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"reason_{k}"] = forms.ChoiceField(
                choices=[("", "—"), *PreferenceReason.choices],
                required=False,
                label=f"Pilihan {k}: alasan",
                widget=forms.Select(attrs={"class": "form-select"}),
            )
            self.fields[f"note_{k}"] = forms.CharField(
                max_length=300, required=False, label=f"Pilihan {k}: keterangan",
                widget=forms.TextInput(attrs={"class": "form-control"}),
            )  # fmt: skip

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for k in range(1, MAX_PREFERENCES + 1):
            unit, position, reason = data.get(f"unit_{k}"), data.get(f"position_{k}"), data.get(f"reason_{k}")
            if unit and position:
                self.add_error(f"position_{k}", "Pilih unit atau jabatan, tidak keduanya.")
            if (unit or position) and not reason:
                self.add_error(f"reason_{k}", "Pilih alasan untuk pilihan ini.")
        return data

    def rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"unit_{k}"], self[f"position_{k}"], self[f"reason_{k}"], self[f"note_{k}"])
            for k in range(1, MAX_PREFERENCES + 1)
        ]
