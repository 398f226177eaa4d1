"""Input forms: each lists its fields explicitly (R-04); status and numbers are never form fields."""

from __future__ import annotations

from django import forms

from tepat.transfers.checklists import DOCUMENT_KINDS
from tepat.transfers.models import MutationTypeChoices


class ProposalCreateForm(forms.Form):
    employee = forms.UUIDField(widget=forms.HiddenInput)
    seat = forms.UUIDField(widget=forms.HiddenInput)
    reason = forms.CharField(label="Alasan usulan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    mutation_type = forms.ChoiceField(
        label="Jenis mutasi", choices=MutationTypeChoices.choices, initial=MutationTypeChoices.A_INTRA
    )
    own_request = forms.BooleanField(label="Atas permintaan sendiri", required=False)
    external_instansi = forms.CharField(label="Instansi lain", required=False, max_length=200)
    external_letter_number = forms.CharField(
        label="Nomor surat instansi lain", required=False, max_length=100
    )
    external_letter_date = forms.DateField(
        label="Tanggal surat instansi lain", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PickForm(forms.Form):
    """?seat=<public_id>&employee=<public_id> — the link from the candidate ranking."""

    seat = forms.UUIDField()
    employee = forms.UUIDField()


class MoveActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (a, a)
            for a in (
                "ajukan",
                "tarik",
                "kembalikan",
                "verifikasi",
                "setujui",
                "tolak",
                "batalkan",
                "lanjutkan",
                "selesaikan",
            )
        ]
    )
    reason = forms.CharField(label="Alasan / catatan", required=False, max_length=2000)


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis dokumen", choices=[(k.code, k.label) for k in DOCUMENT_KINDS])
    berkas = forms.FileField(label="Berkas PDF")


class ClosingForm(forms.Form):
    done_on = forms.DateField(label="Tanggal", widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label="Nomor / keterangan", max_length=200)


class BoardSessionForm(forms.Form):
    number = forms.CharField(label="Nomor berita acara", max_length=80)
    held_on = forms.DateField(label="Tanggal sidang", widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label="Tempat", max_length=150)


class BoardActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (a, a) for a in ("agenda", "hadir", "pertimbangan", "setuju", "tidak_setuju", "konflik", "tutup")
        ]
    )
    move = forms.UUIDField(required=False)
    moves = forms.CharField(required=False)  # comma-separated public ids for the agenda
    recommends = forms.ChoiceField(choices=[("ya", "ya"), ("tidak", "tidak")], required=False)
    note = forms.CharField(required=False, max_length=2000)


class DecreeIssueForm(forms.Form):
    tmt = forms.DateField(label="TMT", widget=forms.DateInput(attrs={"type": "date"}))
    moves = forms.CharField(widget=forms.HiddenInput, required=False)


class VerifyCodeForm(forms.Form):
    kode = forms.CharField(label="Kode verifikasi", max_length=20)
