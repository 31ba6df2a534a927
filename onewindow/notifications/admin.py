from django.contrib import admin

from onewindow.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: messages are written by the services and reported on by the gateway."""

    list_display = ("channel", "address", "subject", "created_at", "sent_at")
    list_filter = ("channel",)
    search_fields = ("address", "subject")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
