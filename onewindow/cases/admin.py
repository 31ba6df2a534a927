from django.contrib import admin

from onewindow.cases.models import Case, CaseEvent, CreditRecord


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Read-only: cases change only through the services (every change is an event)."""

    list_display = ("receipt_number", "number", "applicant_name", "status", "channel", "received_at")
    list_filter = ("status", "channel", "site")
    search_fields = ("number", "receipt_number", "applicant_name", "id_number")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(CaseAdmin):
    list_display = ("case", "action", "at", "actor")
    list_filter = ("action",)
    search_fields = ("case__number", "case__receipt_number")


@admin.register(CreditRecord)
class CreditRecordAdmin(admin.ModelAdmin):
    list_display = ("name", "id_number", "listed_date", "lifted_date")
    search_fields = ("name", "id_number")
