from __future__ import annotations

from django import forms

from tepat.exchange.columns import ImportKind


class UploadForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis data", choices=ImportKind.choices)
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
