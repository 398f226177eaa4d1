"""Input forms: each lists its fields explicitly (R-04); status and numbers are never form fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms

from tepat.accounts.models import User
from tepat.core.forms import BootstrapFormMixin
from tepat.organization.models import Seat, Unit
from tepat.people.models import Employee
from tepat.transfers.checklists import DOCUMENT_KINDS
from tepat.transfers.models import ActingAppointment, DecreeSettings, Move, MutationTypeChoices


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


class BoardSessionForm(BootstrapFormMixin, forms.Form):
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


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class Styled:
    """Bootstrap classes on text inputs and selects (radio lists and checkboxes keep their own markup)."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                continue
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs.setdefault("class", css)


class UnitPickForm(Styled, forms.Form):
    """Step one of the own-request form (GET): the unit whose open seats are offered."""

    unit = forms.ModelChoiceField(
        label="Unit tujuan",
        queryset=Unit.objects.order_by("path"),
        to_field_name="public_id",
        empty_label="— pilih unit —",
    )


class OwnRequestForm(Styled, forms.Form):
    """Mutasi atas permintaan sendiri: the employee's seat choice, reason and signed letter (PDF)."""

    unit = forms.UUIDField(widget=forms.HiddenInput)
    seat = forms.ChoiceField(label="Formasi tujuan", widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Alasan permohonan", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    berkas = forms.FileField(label="Surat permohonan bertanda tangan (PDF, maks. 5 MB)")

    def __init__(self, *args: Any, seats: Iterable[Seat] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seat"].choices = [  # type: ignore[attr-defined]
            (str(s.public_id), f"{s.position.name} (formasi {s.number}) – {s.position.unit.name}")
            for s in seats
        ]


class DelegationForm(Styled, forms.Form):
    delegate = forms.CharField(label="Nama pengguna penerima pelimpahan", max_length=150)
    unit = forms.ModelChoiceField(
        label="Lingkup unit", queryset=Unit.objects.order_by("path"), to_field_name="public_id"
    )
    valid_from = forms.DateField(label="Berlaku mulai", widget=DATE)
    valid_to = forms.DateField(label="Berlaku sampai", widget=DATE)
    basis = forms.CharField(label="Dasar pelimpahan (nomor dan tanggal surat)", max_length=180)

    def clean_delegate(self) -> User:
        username = self.cleaned_data["delegate"].strip()
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError("Pengguna aktif dengan nama itu tidak ditemukan.")
        return user


class ActingForm(Styled, forms.Form):
    move = forms.ChoiceField(label="Formasi yang ditinggalkan")
    nip = forms.CharField(label="NIP pegawai yang ditunjuk", min_length=18, max_length=18)
    kind = forms.ChoiceField(label="Jenis penunjukan", choices=ActingAppointment.Kind.choices)
    valid_from = forms.DateField(label="Berlaku mulai", widget=DATE)
    valid_to = forms.DateField(label="Berlaku sampai", required=False, widget=DATE)
    basis = forms.CharField(label="Dasar penunjukan (nomor surat perintah)", max_length=200)

    def __init__(self, *args: Any, moves: Iterable[Move] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["move"].choices = [  # type: ignore[attr-defined]
            (str(m.public_id), f"{m.origin_seat} – ditinggalkan {m.employee.full_name} ({m.status_label})")
            for m in moves
        ]

    def clean_nip(self) -> Employee:
        nip = self.cleaned_data["nip"].strip()
        employee = Employee.objects.filter(nip=nip, is_active=True).select_related("user").first()
        if employee is None:
            raise forms.ValidationError("Pegawai aktif dengan NIP itu tidak ditemukan.")
        return employee

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", "Tanggal akhir harus sama dengan atau setelah tanggal mulai.")
        return data


class OverrideForm(Styled, forms.Form):
    rule_id = forms.ChoiceField(label="Aturan yang dikecualikan")
    reason = forms.CharField(
        label="Alasan dan dasar pengecualian", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, rule_ids: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule_id"].choices = [(r, r) for r in rule_ids]  # type: ignore[attr-defined]


class DecreeSettingsForm(Styled, forms.ModelForm):
    """The SK's data blocks only (R-19); the number series and the layout are not editable here."""

    class Meta:
        model = DecreeSettings
        fields = (
            "government",
            "head_title",
            "place",
            "signer_name",
            "signer_rank",
            "signer_nip",
            "menimbang",
            "mengingat",
            "tembusan",
        )
        widgets = {
            "menimbang": forms.Textarea(attrs={"rows": 4}),
            "mengingat": forms.Textarea(attrs={"rows": 6}),
            "tembusan": forms.Textarea(attrs={"rows": 4}),
        }


class CorrectionForm(Styled, forms.Form):
    """A correction SK (perbaikan kekeliruan) for some moves of an issued SK (R-30)."""

    tmt = forms.DateField(label="TMT (setelah perbaikan)", widget=DATE)
    correction_reason = forms.CharField(
        label="Uraian kekeliruan yang diperbaiki", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
