from django.contrib import admin

from tepat.development.models import TrainingCourse


@admin.register(TrainingCourse)
class TrainingCourseAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "route", "method", "jp", "provider", "is_active"]
    list_filter = ["route", "method", "is_active"]
    search_fields = ["code", "name", "provider"]
    filter_horizontal = ["competencies"]
