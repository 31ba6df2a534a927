from django.urls import path

from onewindow.cases import api

urlpatterns = [
    path("cases/", api.CaseListApi.as_view(), name="api-case-list"),
    path("cases/<str:reference>", api.CaseDetailApi.as_view(), name="api-case-detail"),
    path("cases/<str:reference>/accept", api.CaseAcceptApi.as_view(), name="api-case-accept"),
    path(
        "cases/<str:reference>/correction-notice",
        api.CaseCorrectionNoticeApi.as_view(),
        name="api-case-correction",
    ),
    path("cases/<str:reference>/refuse", api.CaseRefuseApi.as_view(), name="api-case-refuse"),
    path("cases/<str:reference>/resubmit", api.CaseResubmitApi.as_view(), name="api-case-resubmit"),
    path("cases/<str:reference>/decide", api.CaseDecideApi.as_view(), name="api-case-decide"),
    path(
        "cases/<str:reference>/notices/<int:notice_id>.pdf",
        api.CaseNoticeApi.as_view(),
        name="api-case-notice",
    ),
    path("progress", api.ProgressApi.as_view(), name="api-progress"),
    path("outbox", api.OutboxApi.as_view(), name="api-outbox"),
    path("outbox/<int:message_id>/sent", api.OutboxSentApi.as_view(), name="api-outbox-sent"),
]
