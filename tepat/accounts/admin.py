from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tepat.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["role", "unit", "valid_from", "valid_to", "basis"]


@admin.register(User)
class TepatUserAdmin(UserAdmin):
    inlines = [RoleGrantInline]
