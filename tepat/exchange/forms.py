from __future__ import annotations

import datetime as dt

from django import forms

from tepat.core.scoping import today
from tepat.exchange.columns import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Jenis data",
        choices=ImportKind.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),  # the page renders fields by hand
    )
    berkas = forms.FileField(label="Berkas (.xlsx atau .csv, paling besar 20 MB)")


class CommitForm(forms.Form):
    reason = forms.CharField(
        label="Alasan menerima ketidaksesuaian data",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Wajib bila ada baris yang perlu keputusan (mis. NIP tidak cocok dengan tanggal lahir).",
    )


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[("xlsx", "Excel"), ("csv", "CSV")], required=False)
    lengkap = forms.BooleanField(required=False, label="semua kolom templat impor (tanggal lahir, NIK)")
    unit = forms.UUIDField(required=False)


class WritebackForm(forms.Form):
    format = forms.ChoiceField(choices=[("xlsx", "Excel"), ("csv", "CSV")], required=False)
    dari = forms.DateField(label="SK dari tanggal", required=False)
    sampai = forms.DateField(label="sampai tanggal", required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        data["dari"] = data.get("dari") or dt.date(today().year, 1, 1)
        data["sampai"] = data.get("sampai") or today()
        if data["sampai"] < data["dari"]:
            self.add_error("sampai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
        elif (data["sampai"] - data["dari"]).days > 366 * 5:
            self.add_error("sampai", "Periode paling panjang lima tahun.")
        return data
