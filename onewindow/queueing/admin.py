"""The queue in the system admin: read-only. Categories are kept on the office's page (their rules
live in queueing/categories.py), tickets, calls and appointments change only through the
services, so that every number and KPI stays consistent."""

from django.contrib import admin

from onewindow.queueing.models import (
    Appointment,
    Call,
    Category,
    SlotCapacity,
    Ticket,
    TicketCase,
    WindowState,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SlotCapacityInline(admin.TabularInline):
    model = SlotCapacity
    extra = 0

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "name", "site", "slot_capacity", "sort_order", "is_active")
    list_filter = ("is_active", "site")
    search_fields = ("prefix", "name")
    inlines = [SlotCapacityInline]


@admin.register(Ticket)
class TicketAdmin(ReadOnlyAdmin):
    list_display = (
        "code",
        "service_date",
        "category",
        "status",
        "priority_group",
        "source",
        "issued_at",
        "window",
    )
    list_filter = ("status", "source", "priority_group", "site")
    search_fields = ("code", "applicant_name", "id_number", "phone")
    date_hierarchy = "service_date"
    list_select_related = ("category", "window")


@admin.register(TicketCase)
class TicketCaseAdmin(ReadOnlyAdmin):
    list_display = ("ticket", "case")
    search_fields = ("ticket__code", "case__number", "case__receipt_number")
    list_select_related = ("ticket", "case")


@admin.register(Call)
class CallAdmin(ReadOnlyAdmin):
    list_display = ("ticket", "window", "staff", "called_at", "outcome", "wait_seconds", "service_seconds")
    list_filter = ("outcome", "site")
    search_fields = ("ticket__code",)
    date_hierarchy = "service_date"
    list_select_related = ("ticket", "window", "staff__user")


@admin.register(Appointment)
class AppointmentAdmin(ReadOnlyAdmin):
    list_display = ("code", "service_date", "slot_start", "category", "applicant_name", "status", "channel")
    list_filter = ("status", "channel", "site")
    search_fields = ("code", "applicant_name", "id_number", "phone")
    date_hierarchy = "service_date"
    list_select_related = ("category",)


@admin.register(WindowState)
class WindowStateAdmin(ReadOnlyAdmin):
    list_display = ("window", "is_paused", "pause_reason", "changed_at")
    list_filter = ("is_paused",)
    list_select_related = ("window",)
