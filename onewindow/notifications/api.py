"""The outbox for the SMS / e-mail gateway (administrators): what waits, and the gateway's report."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from onewindow.common import clock, keyset
from onewindow.common.api import (
    IdField,
    NamedApiView,
    keyset_cursor,
    keyset_envelope,
    keyset_limit,
    keyset_parameters,
    keyset_response,
)
from onewindow.notifications import selectors, services
from onewindow.notifications.models import Notification
from onewindow.org.models import Role
from onewindow.org.permissions import HasRole


class OutboxMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    channel = serializers.CharField()
    address = serializers.CharField()
    subject = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class OutboxApi(NamedApiView):
    """Messages waiting for the gateway, oldest first, in pages of `limit` (50, at most 200)
    continued by the `next` link. Administrators only."""

    permission_classes = [HasRole(Role.ADMINISTRATOR)]

    @extend_schema(
        operation_id="outbox_list",
        parameters=[OpenApiParameter("channel", str, enum=["SMS", "EMAIL"]), *keyset_parameters()],
        responses=keyset_envelope(OutboxMessageSerializer, "OutboxPageSerializer"),
    )
    def get(self, request):
        page = keyset.paginate(
            selectors.outbox_arms(channel=request.query_params.get("channel", "")),
            ordering=("id",),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="outbox",
        )
        return keyset_response(request, page, OutboxMessageSerializer(page.rows, many=True).data)


class OutboxSentApi(NamedApiView):
    """The gateway reports a message sent (or failed, with `failure`)."""

    permission_classes = [HasRole(Role.ADMINISTRATOR)]

    class InputSerializer(serializers.Serializer):
        failure = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    @extend_schema(operation_id="outbox_sent", request=InputSerializer, responses=OutboxMessageSerializer)
    def post(self, request, message_id: int):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        message = get_object_or_404(
            Notification.objects.exclude(channel=Notification.Channel.IN_APP), pk=message_id
        )
        services.notification_mark_sent(
            notification=message, at=clock.now(), failure=data.validated_data["failure"]
        )
        return Response(OutboxMessageSerializer(message).data)


# A person's inbox ------------------------------------------------------------------------------------


class InboxMessageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    subject = serializers.CharField()
    body = serializers.CharField()
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class InboxApi(NamedApiView):
    """Your in-app messages (warnings, supervision records and orders, reminders), newest first;
    `unread=1` for the unread only."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="inbox_list",
        parameters=[OpenApiParameter("unread", str, enum=["1"]), *keyset_parameters()],
        responses=keyset_envelope(InboxMessageSerializer, "InboxPageSerializer"),
    )
    def get(self, request):
        messages = selectors.inbox_of(request.user)
        if request.query_params.get("unread") == "1":
            messages = messages.filter(read_at__isnull=True)
        page = keyset.paginate(
            messages,
            ordering=("-id",),
            cursor=keyset_cursor(request),
            limit=keyset_limit(request),
            name="inbox",
        )
        return keyset_response(request, page, InboxMessageSerializer(page.rows, many=True).data)


class InboxReadApi(NamedApiView):
    """Mark messages read: `ids` (yours), or all when omitted."""

    permission_classes = [IsAuthenticated]

    class InputSerializer(serializers.Serializer):
        ids = serializers.ListField(child=IdField(), required=False, max_length=500)

    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField()

    @extend_schema(operation_id="inbox_mark_read", request=InputSerializer, responses=OutputSerializer)
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        marked = services.inbox_mark_read(
            user=request.user, at=clock.now(), ids=data.validated_data.get("ids")
        )
        return Response({"marked": marked})
