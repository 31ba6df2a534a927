"""The outbox for the SMS / e-mail gateway (administrators): what waits, and the gateway's report."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from onewindow.common import clock, keyset
from onewindow.common.api import (
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
