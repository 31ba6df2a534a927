from django.urls import path

from onewindow.notifications import api

urlpatterns = [
    path("outbox", api.OutboxApi.as_view(), name="api-outbox"),
    path("outbox/<id:message_id>/sent", api.OutboxSentApi.as_view(), name="api-outbox-sent"),
    path("inbox", api.InboxApi.as_view(), name="api-inbox"),
    path("inbox/read", api.InboxReadApi.as_view(), name="api-inbox-read"),
]
