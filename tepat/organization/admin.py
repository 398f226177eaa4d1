from django.contrib import admin

from tepat.organization.models import Competency, EducationField, Position, PositionCompetency, Seat, Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    search_fields = ["name", "code"]
    list_filter = ["kind"]
    readonly_fields = ["path", "depth"]


@admin.register(EducationField)
class EducationFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "rumpun"]
    search_fields = ["name", "rumpun"]


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group"]
    list_filter = ["group"]


class PositionCompetencyInline(admin.TabularInline):
    model = PositionCompetency
    extra = 0


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    fields = ["number", "is_active"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "kind", "kelas_jabatan"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["unit"]
    inlines = [PositionCompetencyInline, SeatInline]
