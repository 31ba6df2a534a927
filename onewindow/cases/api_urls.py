from django.urls import path

from onewindow.cases import api, handling_api

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
        "cases/<str:reference>/notices/<id:notice_id>.pdf",
        api.CaseNoticeApi.as_view(),
        name="api-case-notice",
    ),
    path(
        "cases/<str:reference>/delivery-receipt.pdf",
        api.CaseDeliveryReceiptApi.as_view(),
        name="api-case-delivery-receipt",
    ),
    path("cases/<str:reference>/opinions", handling_api.CaseOpinionApi.as_view(), name="api-case-opinion"),
    path(
        "cases/<str:reference>/tasks/<id:task_id>/remind",
        handling_api.TaskRemindApi.as_view(),
        name="api-case-task-remind",
    ),
    path("cases/<str:reference>/meetings", handling_api.CaseMeetingApi.as_view(), name="api-case-meeting"),
    path("cases/<str:reference>/report", handling_api.CaseReportApi.as_view(), name="api-case-report"),
    path(
        "cases/<str:reference>/report/reply",
        handling_api.CaseReportReplyApi.as_view(),
        name="api-case-report-reply",
    ),
    path(
        "cases/<str:reference>/suspensions", handling_api.CaseSuspensionApi.as_view(), name="api-case-suspend"
    ),
    path(
        "cases/<str:reference>/suspensions/<id:suspension_id>/end",
        handling_api.SuspensionEndApi.as_view(),
        name="api-case-suspension-end",
    ),
    path(
        "cases/<str:reference>/extension", handling_api.CaseExtensionApi.as_view(), name="api-case-extension"
    ),
    path(
        "cases/<str:reference>/extension/<id:extension_id>/decision",
        handling_api.ExtensionDecideApi.as_view(),
        name="api-case-extension-decide",
    ),
    path("cases/<str:reference>/decision", handling_api.CaseDecisionApi.as_view(), name="api-case-decision"),
    path("cases/<str:reference>/delivery", handling_api.CaseDeliveryApi.as_view(), name="api-case-delivery"),
    path(
        "cases/<str:reference>/withdrawal",
        handling_api.CaseWithdrawalApi.as_view(),
        name="api-case-withdrawal",
    ),
    path(
        "cases/<str:reference>/termination",
        handling_api.CaseTerminationApi.as_view(),
        name="api-case-termination",
    ),
    path("cases/<str:reference>/return", handling_api.CaseReturnApi.as_view(), name="api-case-return"),
    path("tasks/mine", handling_api.MyTasksApi.as_view(), name="api-tasks-mine"),
    path("lights", handling_api.LightsApi.as_view(), name="api-lights"),
    path("progress", api.ProgressApi.as_view(), name="api-progress"),
]
