from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest

from tepat.accounts.models import RoleGrant, User
from tepat.accounts.services import role_grant_delete, role_grant_save
from tepat.accounts.sessions import user_deactivate


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["role", "unit", "valid_from", "valid_to", "basis"]


@admin.register(User)
class TepatUserAdmin(UserAdmin):
    inlines = [RoleGrantInline]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # Unticking "active" ends the user's sessions too, audited.
        deactivating = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivating:
            user_deactivate(actor=request.user, user=obj, reason="dinonaktifkan lewat admin")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is not RoleGrant:
            super().save_formset(request, form, formset, change)
            return
        grants = formset.save(commit=False)
        for grant in formset.deleted_objects:
            role_grant_delete(actor=request.user, grant=grant)
        for grant in grants:
            role_grant_save(actor=request.user, grant=grant)
