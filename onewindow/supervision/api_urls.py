from django.urls import path

from onewindow.supervision import api

urlpatterns = [
    path("supervision/sweep", api.SweepApi.as_view(), name="supervision-sweep"),
    path("supervision/rules/<id:site_id>", api.PolicyApi.as_view(), name="supervision-rules"),
    path("supervision/records/", api.RecordListApi.as_view(), name="supervision-record-list"),
    path("supervision/records/<id:record_id>", api.RecordDetailApi.as_view(), name="supervision-record"),
    path(
        "supervision/records/<id:record_id>/explain",
        api.RecordExplainApi.as_view(),
        name="supervision-record-explain",
    ),
    path(
        "supervision/records/<id:record_id>/review",
        api.RecordReviewApi.as_view(),
        name="supervision-record-review",
    ),
    path("supervision/orders/", api.OrderListApi.as_view(), name="supervision-order-list"),
    path("supervision/orders/<id:order_id>", api.OrderDetailApi.as_view(), name="supervision-order"),
    path("supervision/orders/<id:order_id>/pdf", api.OrderPdfApi.as_view(), name="supervision-order-pdf"),
    path(
        "supervision/orders/<id:order_id>/reply", api.OrderReplyApi.as_view(), name="supervision-order-reply"
    ),
    path(
        "supervision/orders/<id:order_id>/review",
        api.OrderReviewApi.as_view(),
        name="supervision-order-review",
    ),
    path("supervision/push-events/", api.PushEventListApi.as_view(), name="supervision-push-event-list"),
    path(
        "supervision/push-events/<id:event_id>/resend",
        api.PushEventResendApi.as_view(),
        name="supervision-push-event-resend",
    ),
    path("supervision/findings/", api.FindingListApi.as_view(), name="supervision-finding-list"),
    path(
        "supervision/findings/<id:finding_id>/appeal",
        api.FindingAppealApi.as_view(),
        name="supervision-finding-appeal",
    ),
    path(
        "supervision/findings/<id:finding_id>/appeal-decision",
        api.FindingAppealDecisionApi.as_view(),
        name="supervision-finding-appeal-decision",
    ),
]
