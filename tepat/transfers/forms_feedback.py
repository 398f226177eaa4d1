"""Forms for objections, correction tickets and the pulse survey; explicit fields only (R-04)."""

from __future__ import annotations

from typing import Any

from django import forms

from tepat.core.forms import BootstrapFormMixin
from tepat.engine.communication import LIKERT, QUESTIONS
from tepat.transfers.models import CorrectionRequest, Objection


class FeedbackFormMixin(BootstrapFormMixin):
    """Bootstrap classes, with radio buttons styled as radio buttons rather than text boxes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs["class"] = "form-check-input"


class ObjectionForm(FeedbackFormMixin, forms.Form):
    category = forms.ChoiceField(
        label="Alasan keberatan", choices=[("", "— pilih —"), *Objection.Category.choices]
    )
    text = forms.CharField(
        label="Uraian keberatan",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="Jelaskan keadaan Anda (paling sedikit 20 karakter). Jangan lampirkan data orang lain.",
    )


class ObjectionAnswerForm(FeedbackFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Keputusan atas keberatan",
        choices=[("terima", "Diterima"), ("tolak", "Ditolak")],
        widget=forms.RadioSelect,
    )
    follow_up = forms.ChoiceField(
        label="Tindak lanjut (bila diterima)",
        choices=[("", "— tidak ada —"), *[c for c in Objection.FollowUp.choices if c[0]]],
        required=False,
    )
    answer = forms.CharField(
        label="Jawaban kepada pegawai",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="Tulis alasan dengan bahasa yang jelas; jawaban ini dibaca pegawai di portal.",
    )


class CorrectionForm(FeedbackFormMixin, forms.Form):
    field = forms.ChoiceField(
        label="Data yang salah", choices=[("", "— pilih —"), *CorrectionRequest.Field.choices]
    )
    wrong = forms.CharField(label="Yang salah", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    proposed = forms.CharField(
        label="Usulan perbaikan", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000
    )


class CorrectionHandleForm(FeedbackFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Hasil",
        choices=[("selesai", "Sudah diperbaiki"), ("tolak", "Ditolak")],
        widget=forms.RadioSelect,
    )
    outcome = forms.CharField(
        label="Keterangan / alasan", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class SurveyForm(forms.Form):
    """Five Likert questions (radio 1–5) and an optional comment; the engine validates the values."""

    comment = forms.CharField(
        label="Komentar (tidak wajib)", widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        required=False, max_length=2000,
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(value), f"{value} – {label}") for value, label in LIKERT.items()]
        for question in QUESTIONS:
            self.fields[question.code] = forms.ChoiceField(
                label=question.text,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                required=False,
            )
        self.order_fields([*[q.code for q in QUESTIONS], "comment"])
