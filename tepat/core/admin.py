from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from tepat.core.models import AuditEntry, BlackoutWindowRow, RuleParameterRow
from tepat.core.rules import rule_parameter_save, rule_parameter_validate


class RuleParameterForm(ModelForm):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        candidate = RuleParameterRow(
            pk=self.instance.pk, **{k: v for k, v in cleaned.items() if k in self.Meta.fields}
        )
        rule_parameter_validate(candidate)
        return cleaned

    class Meta:
        model = RuleParameterRow
        fields = [
            "rule_id",
            "parameter",
            "value",
            "unit",
            "legal_basis",
            "status",
            "instansi",
            "effective_from",
            "effective_to",
            "notes",
        ]


@admin.register(RuleParameterRow)
class RuleParameterAdmin(admin.ModelAdmin):
    form = RuleParameterForm
    list_display = ["rule_id", "parameter", "value", "status", "instansi", "effective_from", "effective_to"]
    list_filter = ["rule_id", "status"]
    search_fields = ["rule_id", "parameter", "legal_basis"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        rule_parameter_save(actor=request.user, row=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a version is closed with `effective_to`, never deleted: evaluations cite it


@admin.register(BlackoutWindowRow)
class BlackoutWindowAdmin(admin.ModelAdmin):
    list_display = ["name", "start", "end", "required_approval"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "actor_label", "role", "action", "object_type", "object_id"]
    list_filter = ["kind", "action"]
    search_fields = ["object_id", "actor_label", "action"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
